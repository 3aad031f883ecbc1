export type { Actor } from './auth/actor';
export { hashPassword, verifyPassword } from './auth/password';
export { type Scope, scopes } from './auth/scopes';
export { sha256 } from './auth/secrets';
export {
  type AuthedContext,
  type Context,
  type CookieOptions,
  createContext,
  createVendorContext,
  type ResponseHooks,
  readCookie,
  SESSION_COOKIE,
} from './context';
export * from './errors';
export { type AppRouter, appRouter, createCaller } from './root';
export { type DemoCredentials, type DemoSeeder, demoSeeders, seedDemoIfEmpty } from './seed';
export { audit, nextChange, stripSecrets } from './service/audit';
export { SESSION_TTL_MS } from './service/auth';
export { inTransaction, type TxContext } from './service/tx';
export { createWorkspaceWithOwner } from './service/workspace';

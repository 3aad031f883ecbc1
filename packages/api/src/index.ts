// Re-exported so transports classify driver errors without importing the data layer.
export { type Database, isDatabaseUnavailable, isUniqueViolation, type RequestScope } from '@profilehub/db';
export type { Actor, AdminActor, VendorActor } from './auth/actor';
export { batchChecksCredentials, CREDENTIAL_PROCEDURES } from './auth/credential-procedures';
export { hashPassword, verifyPassword } from './auth/password';
export type { Scope } from './auth/scope';
export { sha256 } from './auth/secrets';
export {
  configureServerSecret,
  keyedMac,
  SERVER_SECRET_MIN_LENGTH,
  serverSecretConfigured,
  serverSecretProblem,
} from './auth/server-secret';
export { type AdminContext, type AuthedContext, buildContext, type Context, type ResponseHooks } from './context';
export * as appgateContract from './contract/appgate';
export * as flexcareContract from './contract/flexcare';
export * as soajsContract from './contract/soajs';
export * as twonContract from './contract/twon';
export { TWON_MAX_BATCH } from './contract/twon';
export { type ApiCredentials, createContext } from './create-context';
export * from './errors';
export { failedLogins, twonBatchEntries } from './observability/metrics';
export { type AppRouter, appRouter, createCaller } from './root';
export { scopes } from './scopes';
export { type DemoCredentials, seedDemoIfEmpty } from './seed';
export { watchCredentialChanges } from './service/actor-cache';
export { APPGATE_TOKEN_TTL_MS } from './service/appgate/session';
export { audit, nextChange, stripSecrets } from './service/audit';
export { resolveActor, SESSION_TTL_MS } from './service/auth';
export { FLEXCARE_TOKEN_MINUTES } from './service/flexcare/auth';
export { PRIVILEGE_TTL_MS as RPDB_PRIVILEGE_TTL_MS } from './service/rpdb/principal';
export { prepareSecretsAtRest, type SecretsAtRestReport, ServerSecretMismatchError } from './service/secrets-at-rest';
export { configSchema as soajsConfigSchema } from './service/soajs/config';
export { seedSoajsDemo } from './service/soajs/demo';
export { type JsonSchema as SoajsJsonSchema, validateSchema as validateSoajsSchema } from './service/soajs/json-schema';
export { type DeviceActor, type DeviceCredential, TWON_DIGEST_REALM } from './service/twon/auth';
export { inTransaction, type TxContext } from './service/tx';
export { createWorkspaceWithOwner } from './service/workspace';
export type { DemoSeedEnv, DemoSeeder, VendorManifest } from './vendor';
export { type VendorKey, vendorManifests, vendors } from './vendors';

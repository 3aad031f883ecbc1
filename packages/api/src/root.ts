import { directCallerFactory } from './caller';
import { accountRouter } from './router/account';
import { apiTokenRouter } from './router/api-token';
import { auditLogRouter } from './router/audit-log';
import { authRouter } from './router/auth';
import { createTRPCRouter } from './trpc';
import { vendorRouters } from './vendors';

export const appRouter = createTRPCRouter({
  auth: authRouter,
  account: accountRouter,
  apiToken: apiTokenRouter,
  auditLog: auditLogRouter,
  ...vendorRouters,
});

export type AppRouter = typeof appRouter;
/** In-process calls (REST surfaces, tests): the same call as tRPC's createCaller, without its proxies (caller.ts). */
export const createCaller = directCallerFactory(appRouter);

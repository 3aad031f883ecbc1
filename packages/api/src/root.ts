import { accountRouter } from './router/account';
import { apiTokenRouter } from './router/api-token';
import { auditLogRouter } from './router/audit-log';
import { authRouter } from './router/auth';
import { createCallerFactory, createTRPCRouter } from './trpc';
import { vendorRouters } from './vendors';

export const appRouter = createTRPCRouter({
  auth: authRouter,
  account: accountRouter,
  apiToken: apiTokenRouter,
  auditLog: auditLogRouter,
  ...vendorRouters,
});

export type AppRouter = typeof appRouter;
export const createCaller = createCallerFactory(appRouter);

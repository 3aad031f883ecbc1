import { accountRouter } from './router/account';
import { apiTokenRouter } from './router/api-token';
import { appgateRouter } from './router/appgate';
import { auditLogRouter } from './router/audit-log';
import { authRouter } from './router/auth';
import { flexcareRouter } from './router/flexcare';
import { rpdbRouter } from './router/rpdb';
import { soajsRouter } from './router/soajs';
import { twonRouter } from './router/twon';
import { createCallerFactory, createTRPCRouter } from './trpc';

export const appRouter = createTRPCRouter({
  auth: authRouter,
  account: accountRouter,
  apiToken: apiTokenRouter,
  auditLog: auditLogRouter,
  flexcare: flexcareRouter,
  appgate: appgateRouter,
  rpdb: rpdbRouter,
  soajs: soajsRouter,
  twoN: twonRouter,
});

export type AppRouter = typeof appRouter;
export const createCaller = createCallerFactory(appRouter);

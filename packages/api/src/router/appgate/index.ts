import type { TRPCRouterRecord } from '@trpc/server';
import { appgateAdminRouter, appgateIdentityProviderRouter, appgateSettingsRouter } from './admin';
import { appgateClientProfileRouter } from './client-profile';
import { appgateSessionRouter } from './session';

export const appgateRouter = {
  session: appgateSessionRouter,
  clientProfile: appgateClientProfileRouter,
  identityProvider: appgateIdentityProviderRouter,
  settings: appgateSettingsRouter,
  admin: appgateAdminRouter,
} satisfies TRPCRouterRecord;

import type { TRPCRouterRecord } from '@trpc/server';
import { z } from 'zod';
import {
  AppgateAdmin,
  AppgateAdminCreateInput,
  AppgateAdminCreateOutput,
  AppgateAdminUpdateInput,
  AppgateIdentityProvider,
  AppgateIdentityProviderCreateInput,
  AppgateIdentityProviderUpdateInput,
  AppgateIdInput,
  AppgateSettings,
  AppgateSettingsUpdateInput,
} from '../../contract/appgate';
import * as admin from '../../service/appgate/admin';
import * as idp from '../../service/appgate/identity-provider';
import * as settings from '../../service/appgate/settings';
import { adminProcedure } from '../../trpc';

const Deleted = z.object({ id: z.string() });

export const appgateIdentityProviderRouter = {
  list: adminProcedure('appgate:read')
    .output(z.array(AppgateIdentityProvider))
    .query(({ ctx }) => idp.listIdentityProviders({ ctx })),
  create: adminProcedure('appgate:write')
    .input(AppgateIdentityProviderCreateInput)
    .output(AppgateIdentityProvider)
    .mutation(({ ctx, input }) => idp.createIdentityProvider({ ctx, input })),
  update: adminProcedure('appgate:write')
    .input(AppgateIdentityProviderUpdateInput)
    .output(AppgateIdentityProvider)
    .mutation(({ ctx, input }) => idp.updateIdentityProvider({ ctx, input })),
  delete: adminProcedure('appgate:write')
    .input(AppgateIdInput)
    .output(Deleted)
    .mutation(({ ctx, input }) => idp.deleteIdentityProvider({ ctx, input })),
} satisfies TRPCRouterRecord;

export const appgateSettingsRouter = {
  get: adminProcedure('appgate:read')
    .output(AppgateSettings)
    .query(({ ctx }) => settings.getAppgateSettings({ ctx })),
  update: adminProcedure('appgate:write')
    .input(AppgateSettingsUpdateInput)
    .output(AppgateSettings)
    .mutation(({ ctx, input }) => settings.updateAppgateSettings({ ctx, input })),
} satisfies TRPCRouterRecord;

export const appgateAdminRouter = {
  list: adminProcedure('appgate:read')
    .output(z.array(AppgateAdmin))
    .query(({ ctx }) => admin.listAppgateAdmins({ ctx })),
  create: adminProcedure('appgate:write')
    .input(AppgateAdminCreateInput)
    .output(AppgateAdminCreateOutput)
    .mutation(({ ctx, input }) => admin.createAppgateAdmin({ ctx, input })),
  update: adminProcedure('appgate:write')
    .input(AppgateAdminUpdateInput)
    .output(AppgateAdmin)
    .mutation(({ ctx, input }) => admin.updateAppgateAdmin({ ctx, input })),
  delete: adminProcedure('appgate:write')
    .input(AppgateIdInput)
    .output(Deleted)
    .mutation(({ ctx, input }) => admin.deleteAppgateAdmin({ ctx, input })),
} satisfies TRPCRouterRecord;

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
import { scopedProcedure } from '../../trpc';

const Deleted = z.object({ id: z.string() });

export const appgateIdentityProviderRouter = {
  list: scopedProcedure('appgate:read')
    .output(z.array(AppgateIdentityProvider))
    .query(({ ctx }) => idp.listIdentityProviders({ ctx })),
  create: scopedProcedure('appgate:write')
    .input(AppgateIdentityProviderCreateInput)
    .output(AppgateIdentityProvider)
    .mutation(({ ctx, input }) => idp.createIdentityProvider({ ctx, input })),
  update: scopedProcedure('appgate:write')
    .input(AppgateIdentityProviderUpdateInput)
    .output(AppgateIdentityProvider)
    .mutation(({ ctx, input }) => idp.updateIdentityProvider({ ctx, input })),
  delete: scopedProcedure('appgate:write')
    .input(AppgateIdInput)
    .output(Deleted)
    .mutation(({ ctx, input }) => idp.deleteIdentityProvider({ ctx, input })),
} satisfies TRPCRouterRecord;

export const appgateSettingsRouter = {
  get: scopedProcedure('appgate:read')
    .output(AppgateSettings)
    .query(({ ctx }) => settings.getAppgateSettings({ ctx })),
  update: scopedProcedure('appgate:write')
    .input(AppgateSettingsUpdateInput)
    .output(AppgateSettings)
    .mutation(({ ctx, input }) => settings.updateAppgateSettings({ ctx, input })),
} satisfies TRPCRouterRecord;

export const appgateAdminRouter = {
  list: scopedProcedure('appgate:read')
    .output(z.array(AppgateAdmin))
    .query(({ ctx }) => admin.listAppgateAdmins({ ctx })),
  create: scopedProcedure('appgate:write')
    .input(AppgateAdminCreateInput)
    .output(AppgateAdminCreateOutput)
    .mutation(({ ctx, input }) => admin.createAppgateAdmin({ ctx, input })),
  update: scopedProcedure('appgate:write')
    .input(AppgateAdminUpdateInput)
    .output(AppgateAdmin)
    .mutation(({ ctx, input }) => admin.updateAppgateAdmin({ ctx, input })),
  delete: scopedProcedure('appgate:write')
    .input(AppgateIdInput)
    .output(Deleted)
    .mutation(({ ctx, input }) => admin.deleteAppgateAdmin({ ctx, input })),
} satisfies TRPCRouterRecord;

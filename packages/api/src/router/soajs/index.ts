import type { TRPCRouterRecord } from '@trpc/server';
import { z } from 'zod';
import {
  SoajsAccessTokenCreateInput,
  SoajsAddGroupInput,
  SoajsAddUserInput,
  SoajsAddUserOutput,
  SoajsChangeUserStatusInput,
  SoajsConfigCheck,
  SoajsCount,
  SoajsCountUsersInput,
  SoajsDeleteGroupInput,
  SoajsEditGroupInput,
  SoajsEditUserConfigInput,
  SoajsEditUserInput,
  SoajsGetGroupInput,
  SoajsGroupPage,
  SoajsGroupPageInput,
  SoajsGroupRecord,
  SoajsIdInput,
  SoajsKeyCreateInput,
  SoajsListGroupsInput,
  SoajsListUsersByIdInput,
  SoajsListUsersInput,
  SoajsSetLockedInput,
  SoajsTenant,
  SoajsTenantCreateInput,
  SoajsTenantPage,
  SoajsTenantPageInput,
  SoajsTenantSummary,
  SoajsTenantUpdateInput,
  SoajsTrue,
  SoajsUserIdInput,
  SoajsUserPage,
  SoajsUserPageInput,
  SoajsUserRecord,
} from '../../contract/soajs';
import { checkConfig } from '../../service/soajs/config';
import * as edits from '../../service/soajs/edit-user';
import * as groups from '../../service/soajs/groups';
import * as tenants from '../../service/soajs/tenants';
import * as users from '../../service/soajs/users';
import { adminProcedure, scopedProcedure } from '../../trpc';

const read = scopedProcedure('soajs:read');
const write = scopedProcedure('soajs:write');

// Tenant, key and token management and user locks: never reachable with a SOAJS key/token.
const admin = adminProcedure;

const tenantRouter = {
  list: admin('soajs:read')
    .output(z.array(SoajsTenant))
    .query(({ ctx }) => tenants.listTenants({ ctx })),
  page: admin('soajs:read')
    .input(SoajsTenantPageInput)
    .output(SoajsTenantPage)
    .query(({ ctx, input }) => tenants.pageTenants({ ctx, input })),
  create: admin('soajs:write')
    .input(SoajsTenantCreateInput)
    .output(SoajsTenantSummary)
    .mutation(({ ctx, input }) => tenants.createTenant({ ctx, input })),
  update: admin('soajs:write')
    .input(SoajsTenantUpdateInput)
    .output(SoajsTenantSummary)
    .mutation(({ ctx, input }) => tenants.updateTenant({ ctx, input })),
  createKey: admin('soajs:write')
    .input(SoajsKeyCreateInput)
    .output(z.object({ id: z.string(), key: z.string() }))
    .mutation(({ ctx, input }) => tenants.createTenantKey({ ctx, input })),
  revokeKey: admin('soajs:write')
    .input(SoajsIdInput)
    .output(z.object({ ok: z.literal(true) }))
    .mutation(({ ctx, input }) => tenants.revokeTenantKey({ ctx, input })),
  createAccessToken: admin('soajs:write')
    .input(SoajsAccessTokenCreateInput)
    .output(z.object({ id: z.string(), accessToken: z.string(), expiresAt: z.date().nullable() }))
    .mutation(({ ctx, input }) => tenants.createAccessToken({ ctx, input })),
  revokeAccessToken: admin('soajs:write')
    .input(SoajsIdInput)
    .output(z.object({ ok: z.literal(true) }))
    .mutation(({ ctx, input }) => tenants.revokeAccessToken({ ctx, input })),
} satisfies TRPCRouterRecord;

const userRouter = {
  get: read
    .input(SoajsUserIdInput)
    .output(SoajsUserRecord)
    .query(({ ctx, input }) => users.getUser({ ctx, input })),
  list: read
    .input(SoajsListUsersInput)
    .output(z.array(SoajsUserRecord))
    .query(({ ctx, input }) => users.listUsers({ ctx, input })),
  // The admin's table (every tenant's users); never reachable with a SOAJS key/token.
  page: admin('soajs:read')
    .input(SoajsUserPageInput)
    .output(SoajsUserPage)
    .query(({ ctx, input }) => users.pageUsers({ ctx, input })),
  listById: read
    .input(SoajsListUsersByIdInput)
    .output(z.array(SoajsUserRecord))
    .query(({ ctx, input }) => users.listUsersById({ ctx, input })),
  count: read
    .input(SoajsCountUsersInput)
    .output(SoajsCount)
    .query(({ ctx, input }) => users.countUsers({ ctx, input })),
  changeStatus: write
    .input(SoajsChangeUserStatusInput)
    .output(SoajsTrue)
    .mutation(({ ctx, input }) => users.changeUserStatus({ ctx, input })),
  add: write
    .input(SoajsAddUserInput)
    .output(SoajsAddUserOutput)
    .mutation(({ ctx, input }) => users.addUser({ ctx, input })),
  edit: write
    .input(SoajsEditUserInput)
    .output(SoajsTrue)
    .mutation(({ ctx, input }) => edits.editUser({ ctx, input })),
  editConfig: write
    .input(SoajsEditUserConfigInput)
    .output(SoajsTrue)
    .mutation(({ ctx, input }) => edits.editUserConfig({ ctx, input })),
  delete: write
    .input(SoajsUserIdInput)
    .output(SoajsTrue)
    .mutation(({ ctx, input }) => users.deleteUser({ ctx, input })),
  setLocked: admin('soajs:write')
    .input(SoajsSetLockedInput)
    .output(SoajsTrue)
    .mutation(({ ctx, input }) => users.setUserLocked({ ctx, input })),
  checkConfig: read
    .input(z.strictObject({ config: z.unknown() }))
    .output(SoajsConfigCheck)
    .query(({ input }) => checkConfig(input.config)),
} satisfies TRPCRouterRecord;

const groupRouter = {
  list: read
    .input(SoajsListGroupsInput)
    .output(z.array(SoajsGroupRecord))
    .query(({ ctx, input }) => groups.listGroups({ ctx, input })),
  page: read
    .input(SoajsGroupPageInput)
    .output(SoajsGroupPage)
    .query(({ ctx, input }) => groups.pageGroups({ ctx, input })),
  get: read
    .input(SoajsGetGroupInput)
    .output(SoajsGroupRecord)
    .query(({ ctx, input }) => groups.getGroup({ ctx, input })),
  add: write
    .input(SoajsAddGroupInput)
    .output(SoajsGroupRecord)
    .mutation(({ ctx, input }) => groups.addGroup({ ctx, input })),
  edit: write
    .input(SoajsEditGroupInput)
    .output(SoajsTrue)
    .mutation(({ ctx, input }) => groups.editGroup({ ctx, input })),
  delete: write
    .input(SoajsDeleteGroupInput)
    .output(SoajsTrue)
    .mutation(({ ctx, input }) => groups.deleteGroup({ ctx, input })),
} satisfies TRPCRouterRecord;

export const soajsRouter = { tenant: tenantRouter, user: userRouter, group: groupRouter };

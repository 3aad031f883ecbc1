import type { TRPCRouterRecord } from '@trpc/server';
import { z } from 'zod';
import {
  RpdbProfile,
  RpdbProfileCreateInput,
  RpdbProfileDeleteInput,
  RpdbProfileDeleteManyInput,
  RpdbProfileGetInput,
  RpdbProfileListInput,
  RpdbProfileMoveInput,
  RpdbProfilePage,
  RpdbProfilePageInput,
  RpdbProfileRow,
  RpdbProfileSortInput,
  RpdbProfileUpdateInput,
} from '../../contract/rpdb';
import * as profile from '../../service/rpdb/profile';
import * as profileTable from '../../service/rpdb/profile-table';
import { adminProcedure, scopedProcedure } from '../../trpc';

// Called by admins (with `accountId`) and by the RPdb REST surface acting as an API key: the same rules.
export const rpdbProfileRouter = {
  list: scopedProcedure('rpdb:read')
    .input(RpdbProfileListInput)
    .output(z.array(RpdbProfile))
    .query(({ ctx, input }) => profile.listRpdbProfiles({ ctx, input })),
  get: scopedProcedure('rpdb:read')
    .input(RpdbProfileGetInput)
    .output(RpdbProfile)
    .query(({ ctx, input }) => profile.getRpdbProfile({ ctx, input })),
  create: scopedProcedure('rpdb:write')
    .input(RpdbProfileCreateInput)
    .output(RpdbProfile)
    .mutation(({ ctx, input }) => profile.createRpdbProfile({ ctx, input })),
  update: scopedProcedure('rpdb:write')
    .input(RpdbProfileUpdateInput)
    .output(RpdbProfile)
    .mutation(({ ctx, input }) => profile.updateRpdbProfile({ ctx, input })),
  delete: scopedProcedure('rpdb:write')
    .input(RpdbProfileDeleteInput)
    .output(RpdbProfile)
    .mutation(({ ctx, input }) => profile.deleteRpdbProfile({ ctx, input })),
  sort: scopedProcedure('rpdb:write')
    .input(RpdbProfileSortInput)
    .output(z.array(RpdbProfile))
    .mutation(({ ctx, input }) => profile.sortRpdbProfiles({ ctx, input })),
  page: adminProcedure('rpdb:read')
    .input(RpdbProfilePageInput)
    .output(RpdbProfilePage)
    .query(({ ctx, input }) => profileTable.pageRpdbProfiles({ ctx, input })),
  move: adminProcedure('rpdb:write')
    .input(RpdbProfileMoveInput)
    .output(RpdbProfileRow)
    .mutation(({ ctx, input }) => profileTable.moveRpdbProfile({ ctx, input })),
  deleteMany: adminProcedure('rpdb:write')
    .input(RpdbProfileDeleteManyInput)
    .output(z.array(RpdbProfile))
    .mutation(({ ctx, input }) => profileTable.deleteRpdbProfiles({ ctx, input })),
} satisfies TRPCRouterRecord;

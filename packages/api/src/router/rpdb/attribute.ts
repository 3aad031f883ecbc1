import type { TRPCRouterRecord } from '@trpc/server';
import { z } from 'zod';
import {
  RpdbAccountRefInput,
  RpdbAttribute,
  RpdbAttributeCreateInput,
  RpdbAttributePage,
  RpdbAttributePageInput,
  RpdbAttributeUpdateInput,
  RpdbIdInput,
  RpdbVisibleAttribute,
  RpdbVisibleAttributeGetInput,
  RpdbVisibleAttributeListInput,
} from '../../contract/rpdb';
import * as attribute from '../../service/rpdb/attribute';
import { adminProcedure, scopedProcedure } from '../../trpc';

export const rpdbAttributeRouter = {
  list: adminProcedure('rpdb:read')
    .input(RpdbAccountRefInput)
    .output(z.array(RpdbAttribute))
    .query(({ ctx, input }) => attribute.listRpdbAttributes({ ctx, input })),
  page: adminProcedure('rpdb:read')
    .input(RpdbAttributePageInput)
    .output(RpdbAttributePage)
    .query(({ ctx, input }) => attribute.pageRpdbAttributes({ ctx, input })),
  create: adminProcedure('rpdb:write')
    .input(RpdbAttributeCreateInput)
    .output(RpdbAttribute)
    .mutation(({ ctx, input }) => attribute.createRpdbAttribute({ ctx, input })),
  update: adminProcedure('rpdb:write')
    .input(RpdbAttributeUpdateInput)
    .output(RpdbAttribute)
    .mutation(({ ctx, input }) => attribute.updateRpdbAttribute({ ctx, input })),
  delete: adminProcedure('rpdb:write')
    .input(RpdbIdInput)
    .output(RpdbAttribute)
    .mutation(({ ctx, input }) => attribute.deleteRpdbAttribute({ ctx, input })),
  // Reads as an API key sees them (the RPdb surface's GET /attribute…); admins name the account.
  listVisible: scopedProcedure('rpdb:read')
    .input(RpdbVisibleAttributeListInput)
    .output(z.array(RpdbVisibleAttribute))
    .query(({ ctx, input }) => attribute.listVisibleRpdbAttributes({ ctx, input })),
  getVisible: scopedProcedure('rpdb:read')
    .input(RpdbVisibleAttributeGetInput)
    .output(RpdbVisibleAttribute)
    .query(({ ctx, input }) => attribute.getVisibleRpdbAttribute({ ctx, input })),
} satisfies TRPCRouterRecord;

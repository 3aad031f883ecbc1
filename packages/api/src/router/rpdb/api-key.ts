import type { TRPCRouterRecord } from '@trpc/server';
import { z } from 'zod';
import {
  RpdbAccountRefInput,
  RpdbApiKey,
  RpdbApiKeyAuthorizeInput,
  RpdbApiKeyCreateInput,
  RpdbApiKeyCreateOutput,
  RpdbApiKeyPage,
  RpdbApiKeyPageInput,
  RpdbApiKeySetRightsInput,
  RpdbIdInput,
} from '../../contract/rpdb';
import * as apiKey from '../../service/rpdb/api-key';
import { adminProcedure } from '../../trpc';

export const rpdbApiKeyRouter = {
  list: adminProcedure('rpdb:read')
    .input(RpdbAccountRefInput)
    .output(z.array(RpdbApiKey))
    .query(({ ctx, input }) => apiKey.listRpdbApiKeys({ ctx, input })),
  page: adminProcedure('rpdb:read')
    .input(RpdbApiKeyPageInput)
    .output(RpdbApiKeyPage)
    .query(({ ctx, input }) => apiKey.pageRpdbApiKeys({ ctx, input })),
  create: adminProcedure('rpdb:write')
    .input(RpdbApiKeyCreateInput)
    .output(RpdbApiKeyCreateOutput)
    .mutation(({ ctx, input }) => apiKey.createRpdbApiKey({ ctx, input })),
  setRights: adminProcedure('rpdb:write')
    .input(RpdbApiKeySetRightsInput)
    .output(RpdbApiKey)
    .mutation(({ ctx, input }) => apiKey.setRpdbApiKeyRights({ ctx, input })),
  authorize: adminProcedure('rpdb:write')
    .input(RpdbApiKeyAuthorizeInput)
    .output(RpdbApiKey)
    .mutation(({ ctx, input }) => apiKey.authorizeRpdbApiKey({ ctx, input })),
  revoke: adminProcedure('rpdb:write')
    .input(RpdbIdInput)
    .output(RpdbApiKey)
    .mutation(({ ctx, input }) => apiKey.revokeRpdbApiKey({ ctx, input })),
} satisfies TRPCRouterRecord;

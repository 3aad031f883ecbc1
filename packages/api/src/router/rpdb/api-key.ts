import type { TRPCRouterRecord } from '@trpc/server';
import { z } from 'zod';
import {
  RpdbAccountRefInput,
  RpdbApiKey,
  RpdbApiKeyAuthorizeInput,
  RpdbApiKeyCreateInput,
  RpdbApiKeyCreateOutput,
  RpdbApiKeySetRightsInput,
  RpdbIdInput,
} from '../../contract/rpdb';
import * as apiKey from '../../service/rpdb/api-key';
import { rpdbAdminProcedure } from './procedures';

export const rpdbApiKeyRouter = {
  list: rpdbAdminProcedure('rpdb:read')
    .input(RpdbAccountRefInput)
    .output(z.array(RpdbApiKey))
    .query(({ ctx, input }) => apiKey.listRpdbApiKeys({ ctx, input })),
  create: rpdbAdminProcedure('rpdb:write')
    .input(RpdbApiKeyCreateInput)
    .output(RpdbApiKeyCreateOutput)
    .mutation(({ ctx, input }) => apiKey.createRpdbApiKey({ ctx, input })),
  setRights: rpdbAdminProcedure('rpdb:write')
    .input(RpdbApiKeySetRightsInput)
    .output(RpdbApiKey)
    .mutation(({ ctx, input }) => apiKey.setRpdbApiKeyRights({ ctx, input })),
  authorize: rpdbAdminProcedure('rpdb:write')
    .input(RpdbApiKeyAuthorizeInput)
    .output(RpdbApiKey)
    .mutation(({ ctx, input }) => apiKey.authorizeRpdbApiKey({ ctx, input })),
  revoke: rpdbAdminProcedure('rpdb:write')
    .input(RpdbIdInput)
    .output(RpdbApiKey)
    .mutation(({ ctx, input }) => apiKey.revokeRpdbApiKey({ ctx, input })),
} satisfies TRPCRouterRecord;

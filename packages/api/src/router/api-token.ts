import type { TRPCRouterRecord } from '@trpc/server';
import { z } from 'zod';
import {
  ApiToken,
  ApiTokenCreateInput,
  ApiTokenCreateOutput,
  ApiTokenPage,
  ApiTokenPageInput,
  ApiTokenRevokeInput,
} from '../contract/identity';
import * as apiToken from '../service/api-token';
import { adminProcedure } from '../trpc';

export const apiTokenRouter = {
  list: adminProcedure('tokens:read')
    .output(z.array(ApiToken))
    .query(({ ctx }) => apiToken.listApiTokens({ ctx })),
  page: adminProcedure('tokens:read')
    .input(ApiTokenPageInput)
    .output(ApiTokenPage)
    .query(({ ctx, input }) => apiToken.pageApiTokens({ ctx, input })),
  create: adminProcedure('tokens:write')
    .input(ApiTokenCreateInput)
    .output(ApiTokenCreateOutput)
    .mutation(({ ctx, input }) => apiToken.createApiToken({ ctx, input })),
  revoke: adminProcedure('tokens:write')
    .input(ApiTokenRevokeInput)
    .output(ApiToken)
    .mutation(({ ctx, input }) => apiToken.revokeApiToken({ ctx, input })),
} satisfies TRPCRouterRecord;

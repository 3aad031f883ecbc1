import type { TRPCRouterRecord } from '@trpc/server';
import { z } from 'zod';
import { RpdbAccount, RpdbAccountCreateInput, RpdbAccountCreateOutput } from '../../contract/rpdb';
import * as account from '../../service/rpdb/account';
import { adminProcedure } from '../../trpc';

export const rpdbAccountRouter = {
  list: adminProcedure('rpdb:read')
    .output(z.array(RpdbAccount))
    .query(({ ctx }) => account.listRpdbAccounts({ ctx })),
  create: adminProcedure('rpdb:write')
    .input(RpdbAccountCreateInput)
    .output(RpdbAccountCreateOutput)
    .mutation(({ ctx, input }) => account.createRpdbAccount({ ctx, input })),
} satisfies TRPCRouterRecord;

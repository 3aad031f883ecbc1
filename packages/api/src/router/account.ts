import type { TRPCRouterRecord } from '@trpc/server';
import { z } from 'zod';
import { Account, AccountCreateInput, AccountCreateOutput, AccountSetDisabledInput, AccountUpdateInput } from '../contract/identity';
import * as account from '../service/account';
import { scopedProcedure } from '../trpc';

export const accountRouter = {
  list: scopedProcedure('accounts:read')
    .output(z.array(Account))
    .query(({ ctx }) => account.listAccounts({ ctx })),
  create: scopedProcedure('accounts:write')
    .input(AccountCreateInput)
    .output(AccountCreateOutput)
    .mutation(({ ctx, input }) => account.createAccount({ ctx, input })),
  update: scopedProcedure('accounts:write')
    .input(AccountUpdateInput)
    .output(Account)
    .mutation(({ ctx, input }) => account.updateAccount({ ctx, input })),
  setDisabled: scopedProcedure('accounts:write')
    .input(AccountSetDisabledInput)
    .output(Account)
    .mutation(({ ctx, input }) => account.setAccountDisabled({ ctx, input })),
} satisfies TRPCRouterRecord;

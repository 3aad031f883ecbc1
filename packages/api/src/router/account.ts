import type { TRPCRouterRecord } from '@trpc/server';
import { z } from 'zod';
import {
  Account,
  AccountCreateInput,
  AccountCreateOutput,
  AccountPage,
  AccountPageInput,
  AccountSetDisabledInput,
  AccountUpdateInput,
} from '../contract/identity';
import * as account from '../service/account';
import { adminProcedure } from '../trpc';

export const accountRouter = {
  list: adminProcedure('accounts:read')
    .output(z.array(Account))
    .query(({ ctx }) => account.listAccounts({ ctx })),
  page: adminProcedure('accounts:read')
    .input(AccountPageInput)
    .output(AccountPage)
    .query(({ ctx, input }) => account.pageAccounts({ ctx, input })),
  create: adminProcedure('accounts:write')
    .input(AccountCreateInput)
    .output(AccountCreateOutput)
    .mutation(({ ctx, input }) => account.createAccount({ ctx, input })),
  update: adminProcedure('accounts:write')
    .input(AccountUpdateInput)
    .output(Account)
    .mutation(({ ctx, input }) => account.updateAccount({ ctx, input })),
  setDisabled: adminProcedure('accounts:write')
    .input(AccountSetDisabledInput)
    .output(Account)
    .mutation(({ ctx, input }) => account.setAccountDisabled({ ctx, input })),
} satisfies TRPCRouterRecord;

import type { TRPCRouterRecord } from '@trpc/server';
import { z } from 'zod';
import { LoginInput } from '../contract/identity';
import * as auth from '../service/auth';
import { authedProcedure, publicProcedure } from '../trpc';

export const authRouter = {
  login: publicProcedure.input(LoginInput).mutation(({ ctx, input }) => auth.login({ ctx, input })),
  logout: authedProcedure.output(z.object({ ok: z.literal(true) })).mutation(({ ctx }) => auth.logout({ ctx })),
  me: authedProcedure.query(({ ctx }) => auth.me({ ctx })),
} satisfies TRPCRouterRecord;

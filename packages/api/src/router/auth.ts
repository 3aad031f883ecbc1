import type { TRPCRouterRecord } from '@trpc/server';
import { z } from 'zod';
import { LoginInput, LoginOutput, MeOutput } from '../contract/identity';
import * as auth from '../service/auth';
import { authedProcedure, publicProcedure } from '../trpc';

export const authRouter = {
  login: publicProcedure
    .input(LoginInput)
    .output(LoginOutput)
    .mutation(({ ctx, input }) => auth.login({ ctx, input })),
  logout: authedProcedure.output(z.object({ ok: z.literal(true) })).mutation(({ ctx }) => auth.logout({ ctx })),
  me: authedProcedure.output(MeOutput).query(({ ctx }) => auth.me({ ctx })),
} satisfies TRPCRouterRecord;

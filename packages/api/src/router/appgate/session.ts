import type { TRPCRouterRecord } from '@trpc/server';
import { z } from 'zod';
import { AppgateLoginInput, AppgateLoginOutput, AppgateLogoutInput } from '../../contract/appgate';
import * as session from '../../service/appgate/session';
import { authedProcedure, publicProcedure } from '../../trpc';

export const appgateSessionRouter = {
  login: publicProcedure
    .input(AppgateLoginInput)
    .output(AppgateLoginOutput)
    .mutation(({ ctx, input }) => session.appgateLogin({ ctx, input })),
  logout: authedProcedure
    .input(AppgateLogoutInput)
    .output(z.object({ ok: z.literal(true) }))
    .mutation(({ ctx, input }) => session.appgateLogout({ ctx, input })),
} satisfies TRPCRouterRecord;

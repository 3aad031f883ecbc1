import type { TRPCRouterRecord } from '@trpc/server';
import { z } from 'zod';
import {
  AppgateAuthorizeInput,
  AppgateLoginInput,
  AppgateLoginOutput,
  AppgateLogoutInput,
  AppgateOtpInitializeInput,
  AppgateOtpInput,
  AppgateSignInProviders,
} from '../../contract/appgate';
import * as session from '../../service/appgate/session';
import { authedProcedure, publicProcedure } from '../../trpc';

export const appgateSessionRouter = {
  providers: publicProcedure.output(AppgateSignInProviders).query(() => session.appgateSignInProviders()),
  login: publicProcedure
    .input(AppgateLoginInput)
    .output(AppgateLoginOutput)
    .mutation(({ ctx, input }) => session.appgateLogin({ ctx, input })),
  authorize: authedProcedure
    .input(AppgateAuthorizeInput)
    .output(AppgateLoginOutput)
    .query(({ ctx, input }) => session.appgateAuthorize({ ctx, input })),
  otpInitialize: authedProcedure
    .input(AppgateOtpInitializeInput)
    .output(z.object({ type: z.string() }))
    .mutation(({ ctx, input }) => session.appgateOtpInitialize({ ctx, input })),
  otp: authedProcedure
    .input(AppgateOtpInput)
    .output(AppgateLoginOutput)
    .mutation(({ ctx, input }) => session.appgateOtpVerify({ ctx, input })),
  logout: authedProcedure
    .input(AppgateLogoutInput)
    .output(z.object({ ok: z.literal(true) }))
    .mutation(({ ctx, input }) => session.appgateLogout({ ctx, input })),
} satisfies TRPCRouterRecord;

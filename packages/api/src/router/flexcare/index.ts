import type { TRPCRouterRecord } from '@trpc/server';
import { FlexcareLoginInput, FlexcareLoginOutput, FlexcareValidateTokenInput, FlexcareValidateTokenOutput } from '../../contract/flexcare';
import * as auth from '../../service/flexcare/auth';
import { publicProcedure } from '../../trpc';
import { flexcareLanguageRouter, flexcareLicenseRouter, flexcareProfileRouter } from './dialog';
import { flexcareCustomerRouter, flexcareEmployeeRouter, flexcareResellerRouter } from './directory';

export const flexcareRouter = {
  auth: {
    // The vendor's own login (employee username/password), used by the REST surface's POST /auth/login.
    login: publicProcedure
      .input(FlexcareLoginInput)
      .output(FlexcareLoginOutput)
      .mutation(({ ctx, input }) => auth.login({ ctx, input })),
    validateToken: publicProcedure
      .input(FlexcareValidateTokenInput)
      .output(FlexcareValidateTokenOutput)
      .query(({ ctx, input }) => auth.validateToken({ ctx, input })),
  },
  reseller: flexcareResellerRouter,
  customer: flexcareCustomerRouter,
  employee: flexcareEmployeeRouter,
  language: flexcareLanguageRouter,
  profile: flexcareProfileRouter,
  license: flexcareLicenseRouter,
} satisfies TRPCRouterRecord;

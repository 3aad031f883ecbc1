import type { TRPCRouterRecord } from '@trpc/server';
import { z } from 'zod';
import {
  FlexcareAccessLevel,
  FlexcareLoginInput,
  FlexcareLoginOutput,
  FlexcareValidateTokenInput,
  FlexcareValidateTokenOutput,
} from '../../contract/flexcare';
import * as auth from '../../service/flexcare/auth';
import { publicProcedure } from '../../trpc';
import { flexcareLanguageRouter, flexcareLicenseRouter, flexcareProfileRouter } from './dialog';
import { flexcareCustomerRouter, flexcareEmployeeRouter, flexcareResellerRouter } from './directory';
import { flexcareRead } from './procedures';

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
  /**
   * The caller's access level, refused (403) below RESELLER_ADMIN as every dialog page is: the REST surface
   * asks it when a request's input is refused, because the vendor checks the level before reading input.
   */
  access: flexcareRead.output(z.object({ level: FlexcareAccessLevel })).query(({ ctx }) => ({ level: ctx.flexcare.level })),
  reseller: flexcareResellerRouter,
  customer: flexcareCustomerRouter,
  employee: flexcareEmployeeRouter,
  language: flexcareLanguageRouter,
  profile: flexcareProfileRouter,
  license: flexcareLicenseRouter,
} satisfies TRPCRouterRecord;

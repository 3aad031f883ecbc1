import type { TRPCRouterRecord } from '@trpc/server';
import { z } from 'zod';
import {
  FlexcareCustomer,
  FlexcareCustomerCreateInput,
  FlexcareCustomerUpdateInput,
  FlexcareEmployee,
  FlexcareEmployeeCreateInput,
  FlexcareEmployeeCreateOutput,
  FlexcareEmployeeListInput,
  FlexcareEmployeeUpdateInput,
  FlexcareIdInput,
  FlexcareReseller,
  FlexcareResellerCreateInput,
  FlexcareResellerUpdateInput,
  FlexcareSuccess,
} from '../../contract/flexcare';
import * as directory from '../../service/flexcare/directory';
import { flexcareRead as read, flexcareWrite as write } from './procedures';

export const flexcareResellerRouter = {
  list: read.output(z.array(FlexcareReseller)).query(({ ctx }) => directory.listResellers({ ctx })),
  create: write
    .input(FlexcareResellerCreateInput)
    .output(FlexcareReseller)
    .mutation(({ ctx, input }) => directory.createReseller({ ctx, input })),
  update: write
    .input(FlexcareResellerUpdateInput)
    .output(FlexcareReseller)
    .mutation(({ ctx, input }) => directory.updateReseller({ ctx, input })),
  delete: write
    .input(FlexcareIdInput)
    .output(FlexcareSuccess)
    .mutation(({ ctx, input }) => directory.deleteReseller({ ctx, input })),
} satisfies TRPCRouterRecord;

export const flexcareCustomerRouter = {
  list: read.output(z.array(FlexcareCustomer)).query(({ ctx }) => directory.listCustomers({ ctx })),
  create: write
    .input(FlexcareCustomerCreateInput)
    .output(FlexcareCustomer)
    .mutation(({ ctx, input }) => directory.createCustomer({ ctx, input })),
  update: write
    .input(FlexcareCustomerUpdateInput)
    .output(FlexcareCustomer)
    .mutation(({ ctx, input }) => directory.updateCustomer({ ctx, input })),
  delete: write
    .input(FlexcareIdInput)
    .output(FlexcareSuccess)
    .mutation(({ ctx, input }) => directory.deleteCustomer({ ctx, input })),
} satisfies TRPCRouterRecord;

export const flexcareEmployeeRouter = {
  list: read
    .input(FlexcareEmployeeListInput)
    .output(z.array(FlexcareEmployee))
    .query(({ ctx, input }) => directory.listEmployees({ ctx, input })),
  create: write
    .input(FlexcareEmployeeCreateInput)
    .output(FlexcareEmployeeCreateOutput)
    .mutation(({ ctx, input }) => directory.createEmployee({ ctx, input })),
  update: write
    .input(FlexcareEmployeeUpdateInput)
    .output(FlexcareEmployee)
    .mutation(({ ctx, input }) => directory.updateEmployee({ ctx, input })),
  delete: write
    .input(FlexcareIdInput)
    .output(FlexcareSuccess)
    .mutation(({ ctx, input }) => directory.deleteEmployee({ ctx, input })),
} satisfies TRPCRouterRecord;

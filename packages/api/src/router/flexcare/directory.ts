import type { TRPCRouterRecord } from '@trpc/server';
import { z } from 'zod';
import {
  FlexcareCustomer,
  FlexcareCustomerCreateInput,
  FlexcareCustomerPage,
  FlexcareCustomerPageInput,
  FlexcareCustomerUpdateInput,
  FlexcareEmployee,
  FlexcareEmployeeCreateInput,
  FlexcareEmployeeCreateOutput,
  FlexcareEmployeeListInput,
  FlexcareEmployeePage,
  FlexcareEmployeePageInput,
  FlexcareEmployeeUpdateInput,
  FlexcareIdInput,
  FlexcareReseller,
  FlexcareResellerCreateInput,
  FlexcareResellerPage,
  FlexcareResellerPageInput,
  FlexcareResellerUpdateInput,
  FlexcareSuccess,
} from '../../contract/flexcare';
import * as directory from '../../service/flexcare/directory';
import { flexcareRead as read, flexcareWrite as write } from './procedures';

export const flexcareResellerRouter = {
  list: read.output(z.array(FlexcareReseller)).query(({ ctx }) => directory.listResellers({ ctx })),
  page: read
    .input(FlexcareResellerPageInput)
    .output(FlexcareResellerPage)
    .query(({ ctx, input }) => directory.pageResellers({ ctx, input })),
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
  page: read
    .input(FlexcareCustomerPageInput)
    .output(FlexcareCustomerPage)
    .query(({ ctx, input }) => directory.pageCustomers({ ctx, input })),
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
  page: read
    .input(FlexcareEmployeePageInput)
    .output(FlexcareEmployeePage)
    .query(({ ctx, input }) => directory.pageEmployees({ ctx, input })),
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

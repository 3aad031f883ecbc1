import type { TRPCRouterRecord } from '@trpc/server';
import { z } from 'zod';
import {
  TwonAccount,
  TwonAccountCreateInput,
  TwonAccountCreateOutput,
  TwonAccountUpdateInput,
  TwonBatchResult,
  TwonCreateInput,
  TwonDeleteInput,
  TwonDeviceInfo,
  TwonDeviceInfoInput,
  TwonDirectory,
  TwonDirectoryCreateInput,
  TwonDirectoryIdInput,
  TwonDirectoryUpdateInput,
  TwonEntryListInput,
  TwonEntryListResult,
  TwonGetInput,
  TwonGetResult,
  TwonIdInput,
  TwonModelInfo,
  TwonQueryInput,
  TwonQueryResult,
  TwonSinceInput,
  TwonSinceResult,
  TwonTemplateInput,
  TwonTemplateResult,
  TwonUpdateInput,
  twonModels,
} from '../../contract/twon';
import { twonBatchEntries } from '../../observability/metrics';
import * as views from '../../service/twon/admin-views';
import * as batch from '../../service/twon/batch';
import { deviceInfo } from '../../service/twon/device';
import * as directory from '../../service/twon/directory';
import * as reads from '../../service/twon/reads';
import { modelTemplate } from '../../service/twon/template';
import { adminProcedure, scopedProcedure } from '../../trpc';

const read = scopedProcedure('twon:read');
const write = scopedProcedure('twon:write');
// Directory and account management is for the workspace; a device account only works on its own entries.
const adminRead = adminProcedure('twon:read');
const adminWrite = adminProcedure('twon:write');

/** The size of a batch that passed its contract (profilehub_twon_batch_entries), recorded before it runs. */
function batchOf<T extends { users?: unknown[] | null }>(verb: 'create' | 'update' | 'delete' | 'get', input: T): T {
  if (input.users) twonBatchEntries.observe({ verb }, input.users.length);
  return input;
}

// Directory operations with 2N semantics. A device account (REST surface) addresses its own directory;
// admin callers pass `directoryId`.
const dirRouter = {
  template: read
    .input(TwonTemplateInput)
    .output(TwonTemplateResult)
    .query(({ ctx, input }) => reads.template({ ctx, input })),
  create: write
    .input(TwonCreateInput)
    .output(TwonBatchResult)
    .mutation(({ ctx, input }) => batch.createEntries({ ctx, input: batchOf('create', input) })),
  update: write
    .input(TwonUpdateInput)
    .output(TwonBatchResult)
    .mutation(({ ctx, input }) => batch.updateEntries({ ctx, input: batchOf('update', input) })),
  delete: write
    .input(TwonDeleteInput)
    .output(TwonBatchResult)
    .mutation(({ ctx, input }) => batch.deleteEntries({ ctx, input: batchOf('delete', input) })),
  get: read
    .input(TwonGetInput)
    .output(TwonGetResult)
    .query(({ ctx, input }) => reads.getEntries({ ctx, input: batchOf('get', input) })),
  query: read
    .input(TwonQueryInput)
    .output(TwonQueryResult)
    .query(({ ctx, input }) => reads.queryEntries({ ctx, input })),
  list: read
    .input(TwonEntryListInput)
    .output(TwonEntryListResult)
    .query(({ ctx, input }) => views.listEntries({ ctx, input })),
  since: read
    .input(TwonSinceInput)
    .output(TwonSinceResult)
    .query(({ ctx, input }) => views.changesSince({ ctx, input })),
} satisfies TRPCRouterRecord;

const directoryRouter = {
  models: read.output(z.array(TwonModelInfo)).query(() => twonModels.map((model) => ({ model, template: modelTemplate(model) }))),
  list: adminRead.output(z.array(TwonDirectory)).query(({ ctx }) => directory.listDirectories({ ctx })),
  get: adminRead
    .input(TwonIdInput)
    .output(TwonDirectory)
    .query(({ ctx, input }) => directory.getDirectory({ ctx, input })),
  create: adminWrite
    .input(TwonDirectoryCreateInput)
    .output(TwonDirectory)
    .mutation(({ ctx, input }) => directory.createDirectory({ ctx, input })),
  update: adminWrite
    .input(TwonDirectoryUpdateInput)
    .output(TwonDirectory)
    .mutation(({ ctx, input }) => directory.updateDirectory({ ctx, input })),
  reset: adminWrite
    .input(TwonIdInput)
    .output(TwonDirectory)
    .mutation(({ ctx, input }) => directory.resetDirectory({ ctx, input })),
  delete: adminWrite
    .input(TwonIdInput)
    .output(z.object({ id: z.uuid() }))
    .mutation(({ ctx, input }) => directory.deleteDirectory({ ctx, input })),
} satisfies TRPCRouterRecord;

const accountRouter = {
  list: adminRead
    .input(TwonDirectoryIdInput)
    .output(z.array(TwonAccount))
    .query(({ ctx, input }) => directory.listAccounts({ ctx, input })),
  create: adminWrite
    .input(TwonAccountCreateInput)
    .output(TwonAccountCreateOutput)
    .mutation(({ ctx, input }) => directory.createAccount({ ctx, input })),
  update: adminWrite
    .input(TwonAccountUpdateInput)
    .output(TwonAccount)
    .mutation(({ ctx, input }) => directory.updateAccount({ ctx, input })),
  delete: adminWrite
    .input(TwonIdInput)
    .output(z.object({ id: z.uuid() }))
    .mutation(({ ctx, input }) => directory.deleteAccount({ ctx, input })),
} satisfies TRPCRouterRecord;

// The device's own identity (`api/system/info`); any account of the directory may read it.
const deviceRouter = {
  info: read
    .input(TwonDeviceInfoInput)
    .output(TwonDeviceInfo)
    .query(({ ctx, input }) => deviceInfo({ ctx, input })),
} satisfies TRPCRouterRecord;

export const twonRouter = {
  dir: dirRouter,
  device: deviceRouter,
  directory: directoryRouter,
  account: accountRouter,
} satisfies TRPCRouterRecord;

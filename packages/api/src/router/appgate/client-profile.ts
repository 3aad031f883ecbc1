import type { TRPCRouterRecord } from '@trpc/server';
import { z } from 'zod';
import {
  AppgateClientProfile,
  AppgateClientProfileCreateInput,
  AppgateClientProfileIdInput,
  AppgateClientProfileList,
  AppgateClientProfileListInput,
  AppgateClientProfilePreviewInput,
  AppgateClientProfileUpdateInput,
  AppgateExportOutput,
  AppgatePreviewOutput,
  AppgateUrlOutput,
} from '../../contract/appgate';
import * as profile from '../../service/appgate/client-profile';
import { scopedProcedure } from '../../trpc';

export const appgateClientProfileRouter = {
  /**
   * Refused (403) without appgate:write, as every change is. The REST surface asks it when a change's body
   * is refused, because the controller checks privileges before it reads input.
   */
  authorizeWrite: scopedProcedure('appgate:write')
    .output(z.object({ allowed: z.literal(true) }))
    .query(() => ({ allowed: true as const })),
  list: scopedProcedure('appgate:read')
    .input(AppgateClientProfileListInput)
    .output(AppgateClientProfileList)
    .query(({ ctx, input }) => profile.listClientProfiles({ ctx, input })),
  get: scopedProcedure('appgate:read')
    .input(AppgateClientProfileIdInput)
    .output(AppgateClientProfile)
    .query(({ ctx, input }) => profile.getClientProfile({ ctx, input })),
  create: scopedProcedure('appgate:write')
    .input(AppgateClientProfileCreateInput)
    .output(AppgateClientProfile)
    .mutation(({ ctx, input }) => profile.createClientProfile({ ctx, input })),
  update: scopedProcedure('appgate:write')
    .input(AppgateClientProfileUpdateInput)
    .output(AppgateClientProfile)
    .mutation(({ ctx, input }) => profile.updateClientProfile({ ctx, input })),
  delete: scopedProcedure('appgate:write')
    .input(AppgateClientProfileIdInput)
    .output(z.object({ id: z.string() }))
    .mutation(({ ctx, input }) => profile.deleteClientProfile({ ctx, input })),
  exportUrl: scopedProcedure('appgate:write')
    .input(AppgateClientProfileIdInput)
    .output(AppgateUrlOutput)
    .mutation(async ({ ctx, input }) => ({
      url: (await profile.exportClientProfile({ ctx, input: { id: input.id, barcode: false } })).url,
    })),
  exportBarcode: scopedProcedure('appgate:write')
    .input(AppgateClientProfileIdInput)
    .output(AppgateExportOutput)
    .mutation(async ({ ctx, input }) => {
      const { url, barcode } = await profile.exportClientProfile({ ctx, input: { id: input.id, barcode: true } });
      return { url, barcode: barcode! };
    }),
  /** What exportUrl / exportBarcode would answer, checked the same way, without stamping or auditing. */
  previewExport: scopedProcedure('appgate:write')
    .input(AppgateClientProfilePreviewInput)
    .output(AppgatePreviewOutput)
    .query(({ ctx, input }) => profile.previewClientProfileExport({ ctx, input })),
} satisfies TRPCRouterRecord;

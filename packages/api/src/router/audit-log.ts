import type { TRPCRouterRecord } from '@trpc/server';
import { AuditLogPage, AuditLogPageInput, ChangeFeedInput } from '../contract/audit-log';
import { AuditLogListInput, AuditLogListOutput } from '../contract/identity';
import { listAuditLog } from '../service/audit-log';
import { pageAuditLog } from '../service/audit-page';
import { changeFeed } from '../service/change-feed';
import { scopedProcedure } from '../trpc';

export const auditLogRouter = {
  list: scopedProcedure('audit:read')
    .input(AuditLogListInput)
    .output(AuditLogListOutput)
    .query(({ ctx, input }) => listAuditLog({ ctx, input })),
  page: scopedProcedure('audit:read')
    .input(AuditLogPageInput)
    .output(AuditLogPage)
    .query(({ ctx, input }) => pageAuditLog({ ctx, input })),
  /** Server-sent events: one event per committed change in the workspace, resumable by Last-Event-ID. */
  changes: scopedProcedure('audit:read')
    .input(ChangeFeedInput)
    .subscription(({ ctx, input, signal }) => changeFeed({ ctx, lastEventId: input?.lastEventId, signal })),
} satisfies TRPCRouterRecord;

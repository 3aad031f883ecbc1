import type { TRPCRouterRecord } from '@trpc/server';
import { AuditLogListInput, AuditLogListOutput } from '../contract/identity';
import { listAuditLog } from '../service/audit-log';
import { scopedProcedure } from '../trpc';

export const auditLogRouter = {
  list: scopedProcedure('audit:read')
    .input(AuditLogListInput)
    .output(AuditLogListOutput)
    .query(({ ctx, input }) => listAuditLog({ ctx, input })),
} satisfies TRPCRouterRecord;

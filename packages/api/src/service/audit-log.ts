import { auditLog } from '@profilehub/db';
import { and, desc, eq, gte, lt, lte, type SQL } from 'drizzle-orm';
import type { AuthedContext } from '../context';
import type { AuditLogListInput } from '../contract/identity';

/** Newest first; `cursor` is the last id of the previous page (keyset pagination, stable under inserts). */
export async function listAuditLog({
  ctx,
  input,
}: {
  ctx: AuthedContext;
  input: Required<Pick<AuditLogListInput, 'limit'>> & AuditLogListInput;
}) {
  const where: SQL[] = [eq(auditLog.workspaceId, ctx.actor.workspaceId)];
  if (input.cursor) where.push(lt(auditLog.id, input.cursor));
  if (input.action) where.push(eq(auditLog.action, input.action));
  if (input.entityType) where.push(eq(auditLog.entityType, input.entityType));
  if (input.entityId) where.push(eq(auditLog.entityId, input.entityId));
  if (input.actorId) where.push(eq(auditLog.actorId, input.actorId));
  if (input.from) where.push(gte(auditLog.createdAt, input.from));
  if (input.to) where.push(lte(auditLog.createdAt, input.to));
  const rows = await ctx.db
    .select({
      id: auditLog.id,
      actorType: auditLog.actorType,
      actorId: auditLog.actorId,
      actorLabel: auditLog.actorLabel,
      action: auditLog.action,
      entityType: auditLog.entityType,
      entityId: auditLog.entityId,
      before: auditLog.before,
      after: auditLog.after,
      requestId: auditLog.requestId,
      createdAt: auditLog.createdAt,
    })
    .from(auditLog)
    .where(and(...where))
    .orderBy(desc(auditLog.id))
    .limit(input.limit + 1);
  const items = rows.slice(0, input.limit);
  return { items, nextCursor: rows.length > input.limit ? items[items.length - 1]!.id : null };
}

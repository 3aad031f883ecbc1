import { auditLog } from '@profilehub/db';
import { and, asc, desc, eq, gte, ilike, lte, or, type SQL, sql } from 'drizzle-orm';
import type { AuthedContext } from '../context';
import type { AuditLogPageInput, AuditLogRow } from '../contract/audit-log';
import { containsPattern } from '../contract/page';

const entityName = sql<string | null>`coalesce(${auditLog.after}->>'name', ${auditLog.before}->>'name',
  ${auditLog.after}->>'username', ${auditLog.before}->>'username', ${auditLog.after}->>'displayName')`;

/** Offset paging (any page can be jumped to) over the workspace's audit trail, newest first by default. */
export async function pageAuditLog({
  ctx,
  input,
}: {
  ctx: AuthedContext;
  input: Required<Omit<AuditLogPageInput, 'from' | 'to'>> & AuditLogPageInput;
}) {
  const where: SQL[] = [eq(auditLog.workspaceId, ctx.actor.workspaceId)];
  if (input.entityType) where.push(eq(auditLog.entityType, input.entityType));
  if (input.entityId) where.push(eq(auditLog.entityId, input.entityId));
  if (input.actor) where.push(ilike(auditLog.actorLabel, containsPattern(input.actor)));
  if (input.from) where.push(gte(auditLog.createdAt, input.from));
  if (input.to) where.push(lte(auditLog.createdAt, input.to));
  if (input.q) {
    const pattern = containsPattern(input.q);
    where.push(
      or(
        ilike(auditLog.action, pattern),
        ilike(auditLog.entityType, pattern),
        ilike(auditLog.entityId, pattern),
        ilike(auditLog.actorLabel, pattern),
        sql`${auditLog.after}::text ilike ${pattern}`,
        sql`${auditLog.before}::text ilike ${pattern}`,
      )!,
    );
  }
  const filter = and(...where);
  const [items, [count]] = await Promise.all([
    ctx.db
      .select({
        id: auditLog.id,
        actorType: auditLog.actorType,
        actorId: auditLog.actorId,
        actorLabel: auditLog.actorLabel,
        action: auditLog.action,
        entityType: auditLog.entityType,
        entityId: auditLog.entityId,
        entityName,
        before: auditLog.before,
        after: auditLog.after,
        requestId: auditLog.requestId,
        createdAt: auditLog.createdAt,
      })
      .from(auditLog)
      .where(filter)
      .orderBy(input.desc ? desc(auditLog.id) : asc(auditLog.id))
      .limit(input.limit)
      .offset(input.offset),
    ctx.db.select({ n: sql<number>`count(*)::int` }).from(auditLog).where(filter),
  ]);
  return { items: items as AuditLogRow[], total: count?.n ?? 0 };
}

import { auditLog } from '@profilehub/db';
import { tracked } from '@trpc/server';
import { and, asc, eq, gt, max, type SQL } from 'drizzle-orm';
import type { AuthedContext } from '../context';
import type { ChangeEvent } from '../contract/audit-log';

// The workspace change feed is read from the audit trail: every mutation, whatever surface it came through
// (admin, tRPC client, vendor REST), writes its audit row in its own transaction, so a committed row is a
// committed change. Polling the (workspace_id, id) index keeps it correct across server instances.
export const CHANGE_POLL_MS = 700;
const BATCH = 200;

function sleep(ms: number, signal: AbortSignal | undefined): Promise<void> {
  return new Promise((resolve) => {
    const timer = setTimeout(done, ms);
    function done() {
      clearTimeout(timer);
      signal?.removeEventListener('abort', done);
      resolve();
    }
    signal?.addEventListener('abort', done, { once: true });
  });
}

async function latestChange(ctx: AuthedContext, workspace: SQL): Promise<number> {
  const [row] = await ctx.db
    .select({ id: max(auditLog.id) })
    .from(auditLog)
    .where(workspace);
  return Number(row?.id ?? 0);
}

/** Changes after `lastEventId` (or from now on), each tracked by its audit id so a reconnect resumes. */
export async function* changeFeed({ ctx, lastEventId, signal }: { ctx: AuthedContext; lastEventId?: string | null; signal?: AbortSignal }) {
  const workspace = eq(auditLog.workspaceId, ctx.actor.workspaceId);
  let cursor = lastEventId ? Number(lastEventId) : await latestChange(ctx, workspace);
  while (!signal?.aborted) {
    const rows: ChangeEvent[] = await ctx.db
      .select({
        id: auditLog.id,
        action: auditLog.action,
        entityType: auditLog.entityType,
        entityId: auditLog.entityId,
        actorLabel: auditLog.actorLabel,
        createdAt: auditLog.createdAt,
      })
      .from(auditLog)
      .where(and(workspace, gt(auditLog.id, cursor)))
      .orderBy(asc(auditLog.id))
      .limit(BATCH);
    for (const row of rows) {
      cursor = row.id;
      yield tracked(String(row.id), row);
    }
    if (rows.length < BATCH) await sleep(CHANGE_POLL_MS, signal);
  }
}

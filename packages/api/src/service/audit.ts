import { auditLog, changeSequences, type Queryable } from '@profilehub/db';
import { sql } from 'drizzle-orm';
import { actorAuditFields } from '../auth/actor';
import type { AuthedContext } from '../context';
import { notifyCredentialChange } from './actor-cache';
import { type TxContext, together } from './tx';

const SECRET_KEY = /(password|secret|token|hash|apikey|api_key|pin|mdmkey|credential)/i;

/** Deep copy with every secret-looking key replaced; audit rows never hold a credential. */
export function stripSecrets(value: unknown): unknown {
  if (value === null || value === undefined) return value ?? null;
  if (value instanceof Date) return value.toISOString();
  if (Array.isArray(value)) return value.map(stripSecrets);
  if (typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) out[k] = SECRET_KEY.test(k) ? '[redacted]' : stripSecrets(v);
    return out;
  }
  return value;
}

export type AuditEntry = {
  action: string;
  entityType: string;
  entityId?: string | number | null;
  before?: unknown;
  after?: unknown;
  /**
   * False for a change that cannot alter what any credential resolves to although its entity type holds
   * credentials (a 2N entry batch is audited on its directory, but entries are not what a device account
   * resolves to): it then leaves the actor caches alone.
   */
  credentials?: false;
};

// Entities whose change can alter what a credential resolves to (a key, token, password, session, right, role,
// privilege, or the account/tenant/customer it belongs to): their mutations invalidate every actor cache.
// A vendor's credential tables go here too (audit.test.ts fails for a table holding a secret that is missing).
const CREDENTIAL_BEARING =
  /^(workspace|account|api_token|appgate_admin|flexcare_(employee|customer|reseller)|rpdb_(account|api_key)|soajs_(tenant|tenant_key|access_token|user|group)|twon_(account|directory))$/;

/** Whether a change to this entity type invalidates the actor caches. */
export const invalidatesActors = (entityType: string): boolean => CREDENTIAL_BEARING.test(entityType);

/**
 * Writes audit rows in the caller's transaction: a rolled-back mutation leaves no audit row. Every mutation
 * calls this, so it is also where credential changes are announced to the actor caches (see actor-cache.ts).
 */
export async function audit(ctx: TxContext<AuthedContext>, ...entries: AuditEntry[]): Promise<void> {
  if (entries.length === 0) return;
  const actor = actorAuditFields(ctx.actor);
  const insert = ctx.tx.insert(auditLog).values(
    entries.map((e) => ({
      workspaceId: ctx.actor.workspaceId,
      ...actor,
      action: e.action,
      entityType: e.entityType,
      entityId: e.entityId == null ? null : String(e.entityId),
      before: stripSecrets(e.before ?? null),
      after: stripSecrets(e.after ?? null),
      requestId: ctx.requestId,
    })),
  );
  if (entries.some((e) => e.credentials !== false && invalidatesActors(e.entityType))) {
    await together(insert.execute(), notifyCredentialChange(ctx.db, ctx.tx));
  } else await insert;
}

/**
 * Advances the workspace's sequence for `scope` by `count` and returns the first new value; the values
 * first..first+count-1 belong to the caller. The row lock serialises writers of one scope and is held until
 * commit, so a transaction takes it last, together with its other final statements (`together`).
 */
export async function nextChange(db: Queryable, workspaceId: string, scope: string, count = 1): Promise<number> {
  const [row] = await db
    .insert(changeSequences)
    .values({ workspaceId, scope, value: count })
    .onConflictDoUpdate({
      target: [changeSequences.workspaceId, changeSequences.scope],
      set: { value: sql`${changeSequences.value} + ${count}`, updatedAt: sql`now()` },
    })
    .returning({ value: changeSequences.value });
  return (row?.value ?? count) - count + 1;
}

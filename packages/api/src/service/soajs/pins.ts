// Pins are unique within their tenant (pin login looks them up by value): soajs_user_pins holds every pin
// a user has, their tenant pin and the ones in their config's allowedTenants, under a unique key.
import { type Queryable, soajsUserPins } from '@profilehub/db';
import { and, eq, not } from 'drizzle-orm';
import type { TxContext } from '../tx';
import { generatePin, hashPin } from './common';
import { soajsError } from './errors';
import { configPins, isObject, type UserRow } from './records';

/** Inserts a pin for the user within `tenantId`, drawing again when the pin is taken there. */
export async function issuePin(tx: Queryable, workspaceId: string, tenantId: string, userId: string): Promise<string> {
  for (let attempt = 0; attempt < 20; attempt++) {
    const pinHash = hashPin(workspaceId, tenantId, generatePin());
    const inserted = await tx
      .insert(soajsUserPins)
      .values({ workspaceId, tenantId, pinHash, userId })
      .onConflictDoNothing()
      .returning({ pinHash: soajsUserPins.pinHash });
    if (inserted.length > 0) return pinHash;
  }
  throw soajsError('SOAJS_SAVE_REFUSED');
}

/** The digest of the user's tenant pin, if they have one. */
export function tenantPinOf(user: Pick<UserRow, 'tenantPin'>): string | null {
  return isObject(user.tenantPin) && typeof user.tenantPin.code === 'string' ? user.tenantPin.code : null;
}

/** Draws a new tenant pin for the user, freeing the old one. */
export async function reissueTenantPin(tx: TxContext, user: UserRow): Promise<string> {
  const old = tenantPinOf(user);
  if (old)
    await tx.tx
      .delete(soajsUserPins)
      .where(
        and(eq(soajsUserPins.workspaceId, tx.actor.workspaceId), eq(soajsUserPins.tenantId, user.tenantId), eq(soajsUserPins.pinHash, old)),
      );
  return issuePin(tx.tx, tx.actor.workspaceId, user.tenantId, user.id);
}

/** Re-keys the user's config pins; a pin another user holds in that tenant fails the save (unique). */
export async function syncConfigPins(tx: TxContext, user: UserRow, config: unknown) {
  const ws = tx.actor.workspaceId;
  const own = tenantPinOf(user);
  await tx.tx
    .delete(soajsUserPins)
    .where(
      and(
        eq(soajsUserPins.workspaceId, ws),
        eq(soajsUserPins.userId, user.id),
        own ? not(and(eq(soajsUserPins.tenantId, user.tenantId), eq(soajsUserPins.pinHash, own))!) : undefined,
      ),
    );
  // The same pin twice in one user's record identifies nobody else (MongoDB's unique multikey index does
  // not compare a document with itself): the user's own tenant pin and repeated entries are kept once.
  const pins = new Map<string, { tenantId: string; pinHash: string }>();
  for (const p of configPins(config)) {
    if (p.tenantId === user.tenantId && p.pinHash === own) continue;
    pins.set(JSON.stringify([p.tenantId, p.pinHash]), p);
  }
  if (pins.size > 0) await tx.tx.insert(soajsUserPins).values([...pins.values()].map((p) => ({ workspaceId: ws, userId: user.id, ...p })));
}

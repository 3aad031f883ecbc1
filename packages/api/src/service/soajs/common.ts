import { randomBytes } from 'node:crypto';
import { pgErrorCode, type Queryable, soajsTenants } from '@profilehub/db';
import { and, asc, eq } from 'drizzle-orm';
import { vendorPrincipal } from '../../auth/actor';
import { sha256 } from '../../auth/secrets';
import { keyedDigest } from '../../auth/server-secret';
import type { AuthedContext } from '../../context';
import { NotFoundError, PreconditionError } from '../../errors';
import { type SoajsErrorCode, soajsError } from './errors';

export const SOAJS_VENDOR = 'soajs';

export { newObjectId, parseObjectId } from '../object-id';

/**
 * The tenant a call acts for. A SOAJS credential carries its tenant; an admin (account or workspace token)
 * picks one (default: the root tenant) and, administering the whole workspace, counts as the root tenant.
 */
export type SoajsCaller = { workspaceId: string; tenantId: string; tenantCode: string; locked: boolean };

export async function resolveCaller(ctx: AuthedContext, tenantId?: string): Promise<SoajsCaller> {
  const workspaceId = ctx.actor.workspaceId;
  const credentialTenant = vendorPrincipal(ctx.actor, SOAJS_VENDOR);
  if (credentialTenant !== null) {
    const tenant = await findTenant(ctx.db, workspaceId, credentialTenant);
    if (!tenant) throw soajsError('SOAJS_KEY_INVALID');
    return { workspaceId, tenantId: tenant.id, tenantCode: tenant.code, locked: tenant.locked };
  }
  const tenant = tenantId ? await findTenant(ctx.db, workspaceId, tenantId) : await rootTenant(ctx.db, workspaceId);
  if (!tenant) {
    if (tenantId) throw new NotFoundError('soajs_tenant', tenantId);
    throw new PreconditionError('SOAJS_NO_TENANT', 'Create a SOAJS tenant first');
  }
  return { workspaceId, tenantId: tenant.id, tenantCode: tenant.code, locked: true };
}

async function findTenant(db: Queryable, workspaceId: string, id: string) {
  const [row] = await db
    .select()
    .from(soajsTenants)
    .where(and(eq(soajsTenants.workspaceId, workspaceId), eq(soajsTenants.id, id)));
  return row;
}

async function rootTenant(db: Queryable, workspaceId: string) {
  const [row] = await db
    .select()
    .from(soajsTenants)
    .where(and(eq(soajsTenants.workspaceId, workspaceId), eq(soajsTenants.locked, true)))
    .orderBy(asc(soajsTenants.createdAt), asc(soajsTenants.id))
    .limit(1);
  if (row) return row;
  const [any] = await db
    .select()
    .from(soajsTenants)
    .where(eq(soajsTenants.workspaceId, workspaceId))
    .orderBy(asc(soajsTenants.createdAt), asc(soajsTenants.id))
    .limit(1);
  return any;
}

// A pin is looked up by value within its tenant (pin login) and must be unique there, so it is stored as
// a deterministic digest; it is never returned (reads mask it). Pins are short (4 digits by default), so a
// bare hash would be reversed by trying them all: the digest is an HMAC under a subkey of the server secret.
export const PIN_HASH_PREFIX = 'hmac:';
/** Digests written before the server secret: SHA-256 of the same input, re-keyed at start (secrets-at-rest). */
export const LEGACY_PIN_HASH_PREFIX = 'sha256:';

export function hashPin(workspaceId: string, tenantId: string, pin: string): string {
  return PIN_HASH_PREFIX + keyedDigest('soajs-pin', `soajs-pin:${workspaceId}:${tenantId}:${pin}`);
}

export function legacyHashPin(workspaceId: string, tenantId: string, pin: string): string {
  return LEGACY_PIN_HASH_PREFIX + sha256(`soajs-pin:${workspaceId}:${tenantId}:${pin}`);
}

/** Whether a stored pin code is a digest (of either kind) rather than a value a client sent. */
export function isPinDigest(code: string): boolean {
  return code.startsWith(PIN_HASH_PREFIX) || code.startsWith(LEGACY_PIN_HASH_PREFIX);
}

/** A random pin of the default URAC pin configuration (4 digits). */
export function generatePin(): string {
  const n = randomBytes(4).readUInt32BE(0) % 10_000;
  return n.toString().padStart(4, '0');
}

// The store refuses a save by a constraint (unique pin or email, config size) or because a value cannot be
// stored at all: MongoDB keeps NUL characters and lone surrogates, PostgreSQL text and jsonb cannot.
const REFUSED_SAVE = new Set([
  '23505', // unique_violation
  '23514', // check_violation
  '22021', // character_not_in_repertoire: NUL in text
  '22P05', // untranslatable_character: \u0000 in jsonb
  '22P02', // invalid_text_representation: a lone surrogate escape in jsonb
]);

/** A save the store refused is the vendor's save failure `code`; anything else (an outage) propagates. */
export function rethrowSaveFailure(err: unknown, code: SoajsErrorCode): never {
  const pg = pgErrorCode(err);
  if (pg && REFUSED_SAVE.has(pg)) throw soajsError(code);
  throw err;
}

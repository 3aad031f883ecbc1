import { randomBytes } from 'node:crypto';
import { pgErrorCode, type Queryable, soajsTenants } from '@profilehub/db';
import { and, asc, eq } from 'drizzle-orm';
import { vendorPrincipal } from '../../auth/actor';
import { sha256 } from '../../auth/secrets';
import type { AuthedContext } from '../../context';
import { DomainError, type DomainErrorKind, ForbiddenError, NotFoundError, PreconditionError } from '../../errors';

export const SOAJS_VENDOR = 'soajs';

// URAC v2 error table (config.errors, release/v2.x), the entries these endpoints answer with.
export const SOAJS_MESSAGES = {
  132: 'A valid key is needed to access any API.',
  400: 'Database connection error',
  402: 'User account already exists.',
  405: 'Unable to find User. Please try again.',
  407: 'Problem validating Request. Please try again.',
  408: 'The password and its confirmation do not match',
  410: 'username taken, please choose another username',
  411: 'invalid user id provided',
  414: 'Unable to add user.',
  415: 'Unable to find group.',
  416: 'Unable to create Group.',
  417: 'Invalid group id provided',
  418: 'Unable to edit Group.',
  419: 'Unable to delete Group.',
  421: 'Group code already exists. Choose another',
  424: 'Invalid Request, cannot add a pending user account and provide a password at the same time.',
  500: 'This record in locked. You cannot modify or delete it',
} as const;
export type SoajsCode = keyof typeof SOAJS_MESSAGES;

const kindOf: Partial<Record<SoajsCode, DomainErrorKind>> = {
  402: 'conflict',
  405: 'not_found',
  407: 'conflict',
  410: 'conflict',
  415: 'not_found',
  416: 'conflict',
  418: 'conflict',
  419: 'conflict',
  421: 'conflict',
  500: 'forbidden',
};

/** A URAC service error: domain code `SOAJS_<n>` with the vendor's message; adapters key on the number. */
export function soajsError(code: SoajsCode): DomainError {
  return new DomainError(kindOf[code] ?? 'validation', `SOAJS_${code}`, SOAJS_MESSAGES[code]);
}

export function soajsCodeOf(err: DomainError): number | undefined {
  const m = /^SOAJS_(\d+)$/.exec(err.code);
  return m ? Number(m[1]) : undefined;
}

// ObjectId layout: 4-byte seconds, 5 random bytes (per process), 3-byte counter; sorts by creation.
const processRandom = randomBytes(5).toString('hex');
let counter = randomBytes(3).readUIntBE(0, 3);

export function newObjectId(now: Date): string {
  counter = (counter + 1) % 0x1000000;
  const seconds = Math.floor(now.getTime() / 1000)
    .toString(16)
    .padStart(8, '0');
  return `${seconds}${processRandom}${counter.toString(16).padStart(6, '0')}`;
}

const OBJECT_ID = /^[0-9a-fA-F]{24}$/;

/** The id as stored (lower case), or null when it cannot be an ObjectId. */
export function parseObjectId(value: unknown): string | null {
  return typeof value === 'string' && OBJECT_ID.test(value) ? value.toLowerCase() : null;
}

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
    if (!tenant) throw new ForbiddenError('SOAJS_132', SOAJS_MESSAGES[132]);
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
// a deterministic digest; it is never returned (reads mask it).
export const PIN_HASH_PREFIX = 'sha256:';

export function hashPin(workspaceId: string, tenantId: string, pin: string): string {
  return PIN_HASH_PREFIX + sha256(`soajs-pin:${workspaceId}:${tenantId}:${pin}`);
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
export function rethrowSaveFailure(err: unknown, code: SoajsCode): never {
  const pg = pgErrorCode(err);
  if (pg && REFUSED_SAVE.has(pg)) throw soajsError(code);
  throw err;
}

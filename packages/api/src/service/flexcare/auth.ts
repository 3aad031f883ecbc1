import { type Database, type FlexcareAccessLevel, flexcareCustomers, flexcareEmployees, flexcareSessions } from '@profilehub/db';
import { and, asc, eq, lt, ne, sql } from 'drizzle-orm';
import type { z } from 'zod';
import type { Actor } from '../../auth/actor';
import { burnPasswordCheck, verifyPassword } from '../../auth/password';
import { generateSecret, sha256 } from '../../auth/secrets';
import type { AuthedContext, Context } from '../../context';
import type { FlexcareLoginInput, FlexcareValidateTokenInput } from '../../contract/flexcare';
import { UnauthorizedError } from '../../errors';
import { cachedCredential, credentialGeneration } from '../actor-cache';
import { audit } from '../audit';
import { throttled } from '../throttle';
import { inTransaction } from '../tx';
import { FLEXCARE_VENDOR, levelRank } from './access';

// TelecomX login sessions (seed 000 `api:auth:login`, `api:auth:validatetoken`, `api:errors`).
// Tokens are 256-bit random strings; only their SHA-256 is stored. The generic 401 reasons map to
// domain codes the REST envelope turns into `expired` / `invalid_token` / `credentials_invalid`.

export const FLEXCARE_TOKEN_MINUTES = 15;
// Expired sessions stay a day so a late request learns "expired" rather than "please login".
const KEEP_EXPIRED_MS = 24 * 60 * 60 * 1000;
const TOKEN_SHAPE = /^[A-Za-z0-9_-]{43}$/;
// How many employees one username may match across workspaces for login, and exactly how many password
// checks every login attempt costs (see `login`).
export const LOGIN_CANDIDATES = 3;

const e = flexcareEmployees;
const c = flexcareCustomers;

const employeeColumns = {
  employee: e.id,
  workspaceId: e.workspaceId,
  username: e.username,
  passwordHash: e.passwordHash,
  accessLevel: e.accessLevel,
  name: e.name,
  language: e.language,
  customer: c.id,
  customerName: c.name,
  resellerId: c.resellerId,
};

function vendorActor(
  row: {
    workspaceId: string;
    employee: string;
    username: string;
    accessLevel: FlexcareAccessLevel;
    customer: string;
    resellerId: string | null;
  },
  /** The credential cache generation the row was read in (actor-cache.ts). */
  generation: number,
): Extract<Actor, { type: 'vendor' }> {
  return {
    type: 'vendor',
    workspaceId: row.workspaceId,
    vendor: FLEXCARE_VENDOR,
    principalId: row.employee,
    label: row.username,
    scopes: ['flexcare:read', 'flexcare:write'],
    grants: { generation, values: { flexcare: { level: row.accessLevel, customerId: row.customer, resellerId: row.resellerId } } },
  };
}

const invalidCredentials = () => new UnauthorizedError('CREDENTIALS_INVALID', 'Wrong username or password');

/**
 * The hashes one login attempt checks, in order: every candidate's, then decoys (null) up to exactly
 * LOGIN_CANDIDATES, so the work done is the same whatever the candidates are.
 */
export function passwordChecks<T extends { passwordHash: string }>(candidates: T[]): (T | null)[] {
  const checks: (T | null)[] = candidates.slice(0, LOGIN_CANDIDATES);
  while (checks.length < LOGIN_CANDIDATES) checks.push(null);
  return checks;
}

/**
 * The login carries no workspace and a username is unique only within one, so the username may match
 * employees in several workspaces (decision in docs/vendor-decisions.md, FlexCare):
 * - candidates are the employees allowed to log in (not NO_LOGIN, which would otherwise crowd out a real
 *   account), oldest first by (created_at, workspace_id, id), at most LOGIN_CANDIDATES;
 * - every candidate's password is checked, padded with decoy checks to exactly LOGIN_CANDIDATES scrypt runs,
 *   so the time taken does not tell whether the username exists, in how many workspaces, which one matched
 *   or whether the password was right;
 * - the first candidate in that order whose password matches wins, so a username and password shared by two
 *   workspaces always open the older one.
 * Failed logins are throttled per address and per username from that address (service/throttle.ts); there
 * is no lockout of the username alone (a counter anyone can trip would lock the real user out).
 */
export async function login({ ctx, input }: { ctx: Context; input: z.infer<typeof FlexcareLoginInput> }) {
  return throttled(ctx, 'flexcare', input.username, () => checkLogin({ ctx, input }));
}

async function checkLogin({ ctx, input }: { ctx: Context; input: z.infer<typeof FlexcareLoginInput> }) {
  const candidates = await ctx.db
    .select(employeeColumns)
    .from(e)
    .innerJoin(c, and(eq(c.workspaceId, e.workspaceId), eq(c.id, e.customerId)))
    .where(and(sql`lower(${e.username}) = lower(${input.username})`, ne(e.accessLevel, 'NO_LOGIN')))
    .orderBy(asc(e.createdAt), asc(e.workspaceId), asc(e.id))
    .limit(LOGIN_CANDIDATES);
  let match: (typeof candidates)[number] | undefined;
  for (const candidate of passwordChecks(candidates)) {
    if (!candidate) await burnPasswordCheck(input.password);
    else if ((await verifyPassword(input.password, candidate.passwordHash)) && !match) match = candidate;
  }
  if (!match) throw invalidCredentials();

  const now = ctx.now();
  const token = generateSecret('', 32);
  const expiresAt = input.persist ? null : new Date(now.getTime() + FLEXCARE_TOKEN_MINUTES * 60_000);
  const actor = vendorActor(match, credentialGeneration(ctx.db));
  await inTransaction({ ...ctx, actor } as AuthedContext, async (tx) => {
    await tx.tx
      .delete(flexcareSessions)
      .where(
        and(
          eq(flexcareSessions.workspaceId, match.workspaceId),
          eq(flexcareSessions.employeeId, match.employee),
          lt(flexcareSessions.expiresAt, new Date(now.getTime() - KEEP_EXPIRED_MS)),
        ),
      );
    await tx.tx.insert(flexcareSessions).values({
      workspaceId: match.workspaceId,
      employeeId: match.employee,
      tokenHash: sha256(token),
      expiresAt,
      lifetimeMinutes: FLEXCARE_TOKEN_MINUTES,
      createdAt: now,
      updatedAt: now,
    });
    await audit(tx, {
      action: 'flexcare.login',
      entityType: 'flexcare_employee',
      entityId: match.employee,
      after: { persist: input.persist },
    });
  });
  return {
    token,
    expiresInMinutes: input.persist ? -1 : FLEXCARE_TOKEN_MINUTES,
    employee: match.employee,
    customer: match.customer,
    accessLevel: match.accessLevel,
    name: match.name,
    language: match.language,
    customerName: match.customerName,
    customerFeatures: ['FLEXCARE'],
    // The vendor sends customerIntegrations to resellers only.
    ...(levelRank(match.accessLevel) >= levelRank('RESELLER') && { customerIntegrations: [] as string[] }),
  };
}

/** Resolves a session token to its employee; throws the generic 401 reasons of `api:errors`. */
export async function resolveSessionToken(db: Database, token: string, now: Date) {
  if (!TOKEN_SHAPE.test(token)) throw new UnauthorizedError('TOKEN_UNDECIPHERABLE', 'The token is malformed');
  const generation = credentialGeneration(db);
  return checkSession(await loadSession(db, sha256(token)), now, generation);
}

function loadSession(db: Database, digest: string) {
  return db
    .select({
      ...employeeColumns,
      sessionId: flexcareSessions.id,
      expiresAt: flexcareSessions.expiresAt,
      lifetime: flexcareSessions.lifetimeMinutes,
    })
    .from(flexcareSessions)
    .innerJoin(e, and(eq(e.workspaceId, flexcareSessions.workspaceId), eq(e.id, flexcareSessions.employeeId)))
    .innerJoin(c, and(eq(c.workspaceId, e.workspaceId), eq(c.id, e.customerId)))
    .where(eq(flexcareSessions.tokenHash, digest))
    .limit(1)
    .then((rows) => rows[0]);
}

function checkSession(row: Awaited<ReturnType<typeof loadSession>> | null, now: Date, generation: number) {
  if (!row || row.accessLevel === 'NO_LOGIN') throw new UnauthorizedError('TOKEN_UNKNOWN', 'Unknown session token');
  if (row.expiresAt && row.expiresAt.getTime() <= now.getTime()) throw new UnauthorizedError('TOKEN_EXPIRED', 'The session has expired');
  return { actor: vendorActor(row, generation), session: row };
}

/**
 * The actor behind a token, for the REST surface's auth convention. Cached until the session expires (at most
 * the cache TTL); validateToken reads uncached, as it reports the session's current expiry.
 */
export async function resolveFlexcareActor(db: Database, token: string, now: Date) {
  if (!TOKEN_SHAPE.test(token)) throw new UnauthorizedError('TOKEN_UNDECIPHERABLE', 'The token is malformed');
  const generation = credentialGeneration(db);
  const row = await cachedCredential(db, 'flexcare', sha256(token), now, async () => {
    const found = await loadSession(db, sha256(token));
    // Unknown and NO_LOGIN rows are not cached; an expired one is returned (its own 401) but not cached.
    return found && found.accessLevel !== 'NO_LOGIN' ? { row: found, validUntil: found.expiresAt } : null;
  });
  return checkSession(row, now, generation).actor;
}

/** `GET /auth/validateToken`: the session's facts; `extend` restarts its lifetime from now. */
export async function validateToken({ ctx, input }: { ctx: Context; input: z.infer<typeof FlexcareValidateTokenInput> }) {
  const now = ctx.now();
  const { session } = await resolveSessionToken(ctx.db, input.token, now);
  let expiresAt = session.expiresAt;
  if (input.extend && expiresAt) {
    expiresAt = new Date(now.getTime() + session.lifetime * 60_000);
    await ctx.db
      .update(flexcareSessions)
      .set({ expiresAt, updatedAt: now })
      .where(and(eq(flexcareSessions.workspaceId, session.workspaceId), eq(flexcareSessions.id, session.sessionId)));
  }
  return {
    success: true as const,
    expiresInMinutes: expiresAt ? Math.max(0, Math.ceil((expiresAt.getTime() - now.getTime()) / 60_000)) : -1,
    employee: session.employee,
    customer: session.customer,
    accessLevel: session.accessLevel,
    name: session.name,
    language: session.language,
    customerName: session.customerName,
  };
}

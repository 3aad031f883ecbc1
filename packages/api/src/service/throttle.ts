import { authThrottle, type Database, perDatabase } from '@profilehub/db';
import { inArray, sql } from 'drizzle-orm';
import { boundedKey, sha256 } from '../auth/secrets';
import type { Context } from '../context';
import { findDomainError, ThrottledError } from '../errors';
import { failedLogins } from '../observability/metrics';

/**
 * Failed-login throttling for every credential check (admin sign-in, FlexCare, Appgate, 2N, SOAJS, RPdb
 * privilege), called by the services so every transport gets it.
 *
 * Two counters per failure, in a fixed window:
 * - the client address (any account name): caps password spraying from one address;
 * - the account name from that address: caps guessing one account.
 * There is deliberately no counter on the account name alone: anyone could then lock a real user out by
 * failing on purpose. The right password from another address always gets through.
 */
export const THROTTLE_WINDOW_MS = 15 * 60 * 1000;
export const MAX_FAILURES_PER_ADDRESS = 50;
export const MAX_FAILURES_PER_ACCOUNT_AND_ADDRESS = 10;

/**
 * Whose credentials: `admin` (accounts) or the vendor's folder name (`rpdb`, `twon`, …). It keys the
 * per-account counter and labels the failed-login metric; a pattern, not a list, so a new vendor edits nothing here.
 */
export type CredentialKind = 'admin' | Lowercase<string>;

type ThrottleCtx = Pick<Context, 'db' | 'now' | 'meta'>;

function keys(ctx: ThrottleCtx, kind: CredentialKind, account: string) {
  const address = ctx.meta.ip ?? 'local';
  // Hashed: account names are client input of any length and bytes.
  return {
    address: { key: `addr:${address}`, limit: MAX_FAILURES_PER_ADDRESS },
    account: { key: `acct:${kind}:${sha256(account.toLowerCase())}@${address}`, limit: MAX_FAILURES_PER_ACCOUNT_AND_ADDRESS },
  };
}

/** What a throttle check saw: whether this account name has failures counted from this address. */
export type ThrottleState = { accountFailures: boolean };

/**
 * Throws ThrottledError (before any password is checked) when this address or this account from it failed too
 * often; otherwise says whether the account has failures to clear on success (most checks have none, and then
 * a success writes nothing: a device's every request is a credential check).
 */
export async function assertNotThrottled(ctx: ThrottleCtx, kind: CredentialKind, account: string): Promise<ThrottleState> {
  const clean = cleanChecks(ctx.db);
  const pair = cleanCheckKey(ctx, kind, account);
  const cleanUntil = clean.get(pair);
  if (cleanUntil !== undefined && cleanUntil > performance.now()) return { accountFailures: false };
  const k = keys(ctx, kind, account);
  // A failure counted while this read is under way forgets the checks; this read must not be remembered then.
  const forgotten = clean.forgotten;
  const now = ctx.now().getTime();
  const rows = await ctx.db
    .select({ key: authThrottle.key, failures: authThrottle.failures, windowStartedAt: authThrottle.windowStartedAt })
    .from(authThrottle)
    .where(inArray(authThrottle.key, [k.address.key, k.account.key]));
  let retryAfterMs = 0;
  for (const row of rows) {
    const limit = row.key === k.address.key ? k.address.limit : k.account.limit;
    const endsAt = row.windowStartedAt.getTime() + THROTTLE_WINDOW_MS;
    if (row.failures >= limit && endsAt > now) retryAfterMs = Math.max(retryAfterMs, endsAt - now);
  }
  if (retryAfterMs > 0) throw new ThrottledError(Math.ceil(retryAfterMs / 1000));
  if (rows.length === 0 && clean.forgotten === forgotten) {
    clean.delete(pair);
    clean.set(pair, performance.now() + CLEAN_CHECK_TTL_MS);
    if (clean.size > MAX_CLEAN_CHECKS) clean.delete(clean.keys().next().value!);
  }
  return { accountFailures: rows.some((row) => row.key === k.account.key) };
}

// A device or a SOAJS client presents its credential on every request, so every request was a throttle
// read. A check that found no failure at all is remembered for a second: within it the same address and
// account skip the read. Any failure counted by this process forgets every such check at once, so a
// guesser is read from the database on every attempt after its first; a failure counted by another instance
// is seen here within a second.
const CLEAN_CHECK_TTL_MS = 1_000;
const MAX_CLEAN_CHECKS = 10_000;
/** Clean checks by address and account (until when), and how many times they were all forgotten. */
class CleanChecks extends Map<string, number> {
  forgotten = 0;
  forget() {
    this.forgotten++;
    this.clear();
  }
}
const cleanChecks = perDatabase(() => new CleanChecks());

/** A clean check's key: kind, address and account name, the name last (so the parts cannot run together). */
function cleanCheckKey(ctx: ThrottleCtx, kind: CredentialKind, account: string): string {
  return `${kind}\0${ctx.meta.ip ?? 'local'}\0${boundedKey(account.toLowerCase())}`;
}

async function bump(db: Database, key: string, now: Date) {
  // Raw sql parameters are passed as text (postgres.js does not serialize a Date there).
  const windowStart = sql`${new Date(now.getTime() - THROTTLE_WINDOW_MS).toISOString()}::timestamptz`;
  const started = sql`${now.toISOString()}::timestamptz`;
  // One statement, so concurrent failures on several instances all count.
  await db
    .insert(authThrottle)
    .values({ key, failures: 1, windowStartedAt: now })
    .onConflictDoUpdate({
      target: authThrottle.key,
      set: {
        failures: sql`case when ${authThrottle.windowStartedAt} <= ${windowStart} then 1 else ${authThrottle.failures} + 1 end`,
        windowStartedAt: sql`case when ${authThrottle.windowStartedAt} <= ${windowStart} then ${started} else ${authThrottle.windowStartedAt} end`,
        updatedAt: now,
      },
    });
}

/** Counts a failed credential check against the address and the account name from it. */
export async function recordFailedLogin(ctx: ThrottleCtx, kind: CredentialKind, account: string): Promise<void> {
  failedLogins.inc({ surface: kind });
  cleanChecks(ctx.db).forget();
  const k = keys(ctx, kind, account);
  const now = ctx.now();
  await bump(ctx.db, k.address.key, now);
  await bump(ctx.db, k.account.key, now);
}

/** A success clears the account's count from this address (the address's own count stays). */
export async function recordSuccessfulLogin(ctx: ThrottleCtx, kind: CredentialKind, account: string, state: ThrottleState): Promise<void> {
  if (!state.accountFailures) return;
  const k = keys(ctx, kind, account);
  await ctx.db.delete(authThrottle).where(inArray(authThrottle.key, [k.account.key]));
}

// Refusals of a wrong credential that are not `unauthorized` on their vendor's wire (403s).
const WRONG_CREDENTIAL_CODES = new Set(['INVALID_PASSWORD', 'SOAJS_KEY_INVALID']);

function isWrongCredential(err: unknown): boolean {
  const domain = findDomainError(err);
  return !!domain && (domain.kind === 'unauthorized' || WRONG_CREDENTIAL_CODES.has(domain.code));
}

/**
 * Runs a credential check under the throttle: refused up front when throttled, a failure (the check throws
 * an unauthorized error or returns null/false) is counted, a success clears the account's count.
 */
export async function throttled<T>(ctx: ThrottleCtx, kind: CredentialKind, account: string, check: () => Promise<T>): Promise<T> {
  const state = await assertNotThrottled(ctx, kind, account);
  let result: T;
  try {
    result = await check();
  } catch (err) {
    if (isWrongCredential(err)) await recordFailedLogin(ctx, kind, account);
    throw err;
  }
  if (result === null || result === false) await recordFailedLogin(ctx, kind, account);
  else await recordSuccessfulLogin(ctx, kind, account, state);
  return result;
}

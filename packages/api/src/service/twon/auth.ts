// Device-account credentials for the 2N surface: HTTP Basic (checked against the scrypt hash) and HTTP
// Digest (RFC 7616, MD5, qop=auth, checked against the stored HA1). The account decides the directory.
import { createHash, createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import { type Database, twonAccounts, twonDirectories } from '@profilehub/db';
import { eq } from 'drizzle-orm';
import type { Actor } from '../../auth/actor';
import { burnPasswordCheck, verifyPassword } from '../../auth/password';
import type { Scope } from '../../auth/scope';

export const TWON_REALM = 'HTTP API';
export const TWON_VENDOR = 'twoN';
const NONCE_TTL_MS = 5 * 60 * 1000;

// Nonces are stateless (time + HMAC). The key lives in this process only: after a restart, or on another
// instance, a client's nonce is answered with `stale=true` and it simply retries with the new one.
const nonceKey = randomBytes(32);

export function md5(value: string): string {
  return createHash('md5').update(value).digest('hex');
}

export function digestHa1(username: string, password: string): string {
  return md5(`${username}:${TWON_REALM}:${password}`);
}

function nonceMac(issued: string): string {
  return createHmac('sha256', nonceKey).update(issued).digest('base64url').slice(0, 32);
}

// The random part makes every challenge's nonce unique, so the replay check below can key on it.
export function issueNonce(now: Date): string {
  const issued = `${now.getTime().toString(36)}.${randomBytes(6).toString('base64url')}`;
  return `${issued}.${nonceMac(issued)}`;
}

function nonceState(nonce: string, now: Date): 'valid' | 'stale' | 'invalid' {
  const [time, salt, mac, ...rest] = nonce.split('.');
  if (!time || !salt || !mac || rest.length > 0 || !safeEqual(mac, nonceMac(`${time}.${salt}`))) return 'invalid';
  const age = now.getTime() - Number.parseInt(time, 36);
  return age >= -60_000 && age <= NONCE_TTL_MS ? 'valid' : 'stale';
}

// The highest nonce count accepted per nonce. qop=auth does not cover the body, so a captured header could
// otherwise be replayed with any body while its nonce lives; a count that does not go up is answered as
// stale and an honest client simply takes the new nonce. Bounded: the oldest nonces are forgotten first
// (their five minutes are usually over by then).
const NC_MEMORY = 10_000;
const acceptedNc = new Map<string, number>();

function acceptNonceCount(nonce: string, nc: string): boolean {
  const count = Number.parseInt(nc, 16);
  const seen = acceptedNc.get(nonce);
  if (seen !== undefined && count <= seen) return false;
  acceptedNc.delete(nonce);
  if (acceptedNc.size >= NC_MEMORY) acceptedNc.delete(acceptedNc.keys().next().value!);
  acceptedNc.set(nonce, count);
  return true;
}

/** The `WWW-Authenticate` Digest challenge a 401 carries. */
export function digestChallenge(now: Date, stale = false): string {
  return `Digest realm="${TWON_REALM}", qop="auth", algorithm=MD5, nonce="${issueNonce(now)}"${stale ? ', stale=true' : ''}`;
}

export const basicChallenge = `Basic realm="${TWON_REALM}"`;

function safeEqual(a: string, b: string): boolean {
  const ab = Buffer.from(a);
  const bb = Buffer.from(b);
  return ab.length === bb.length && timingSafeEqual(ab, bb);
}

export function parseDigestParams(header: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const m of header.matchAll(/([A-Za-z0-9_-]+)\s*=\s*(?:"((?:[^"\\]|\\.)*)"|([^\s,]+))/g)) {
    out[m[1]!.toLowerCase()] = m[2] !== undefined ? m[2].replace(/\\(.)/g, '$1') : m[3]!;
  }
  return out;
}

// Basic sends the password on every request and a sync client polls often: a successful scrypt check is
// remembered for a minute, keyed by an HMAC of the credential AND the stored hash (a password change, or a
// different password, misses). Failures are never cached.
const BASIC_CACHE_TTL_MS = 60_000;
const BASIC_CACHE_MAX = 1_000;
const basicCache = new Map<string, number>();

async function verifyBasic(username: string, password: string, passwordHash: string): Promise<boolean> {
  const key = createHmac('sha256', nonceKey).update(`${username}\0${password}\0${passwordHash}`).digest('base64url');
  const until = basicCache.get(key);
  if (until !== undefined && until > Date.now()) return true;
  if (!(await verifyPassword(password, passwordHash))) return false;
  if (basicCache.size >= BASIC_CACHE_MAX) basicCache.delete(basicCache.keys().next().value!);
  basicCache.set(key, Date.now() + BASIC_CACHE_TTL_MS);
  return true;
}

export type TwonAuthFailure = 'missing' | 'invalid' | 'stale' | 'method';
export type TwonAuthResult = { ok: true; actor: Extract<Actor, { type: 'vendor' }> } | { ok: false; reason: TwonAuthFailure };

async function loadAccount(db: Database, username: string) {
  const [row] = await db
    .select({ account: twonAccounts, authMode: twonDirectories.authMode })
    .from(twonAccounts)
    .innerJoin(twonDirectories, eq(twonDirectories.id, twonAccounts.directoryId))
    .where(eq(twonAccounts.username, username))
    .limit(1);
  return row && !row.account.disabledAt ? row : undefined;
}

function actorFor(account: typeof twonAccounts.$inferSelect): Extract<Actor, { type: 'vendor' }> {
  const scopes: Scope[] = account.access === 'readwrite' ? ['twon:read', 'twon:write'] : ['twon:read'];
  return {
    type: 'vendor',
    workspaceId: account.workspaceId,
    vendor: TWON_VENDOR,
    principalId: account.id,
    label: account.username,
    scopes,
  };
}

/**
 * Resolves an `Authorization` header to the device account's actor. `method`/`uri` are the request line
 * values the Digest response is bound to.
 */
export async function resolveTwonCredentials(
  db: Database,
  req: { authorization?: string; method: string; uri: string; now: Date },
): Promise<TwonAuthResult> {
  const header = req.authorization?.trim() ?? '';
  const scheme = header.split(/\s+/, 1)[0]?.toLowerCase();
  if (scheme === 'basic') {
    const decoded = Buffer.from(header.slice(5).trim(), 'base64').toString('utf8');
    const colon = decoded.indexOf(':');
    if (colon < 0) return { ok: false, reason: 'invalid' };
    const username = decoded.slice(0, colon);
    const password = decoded.slice(colon + 1);
    const row = await loadAccount(db, username);
    if (!row) {
      await burnPasswordCheck(password);
      return { ok: false, reason: 'invalid' };
    }
    if (row.authMode === 'digest') return { ok: false, reason: 'method' };
    if (!(await verifyBasic(username, password, row.account.passwordHash))) return { ok: false, reason: 'invalid' };
    return { ok: true, actor: actorFor(row.account) };
  }
  if (scheme === 'digest') {
    const p = parseDigestParams(header.slice(6));
    if (!p.username || !p.nonce || !p.uri || !p.response || p.realm !== TWON_REALM) return { ok: false, reason: 'invalid' };
    if (p.algorithm && p.algorithm.toUpperCase() !== 'MD5') return { ok: false, reason: 'invalid' };
    if (p.qop && (p.qop !== 'auth' || !p.nc || !/^[0-9a-f]{8}$/i.test(p.nc) || !p.cnonce)) return { ok: false, reason: 'invalid' };
    // The response is bound to the whole request target, query included: `force=1` on create changes what a
    // request does, so a response computed for `/api/dir/create` must not authorise `/api/dir/create?force=1`.
    if (p.uri !== req.uri) return { ok: false, reason: 'invalid' };
    const nonce = nonceState(p.nonce, req.now);
    if (nonce === 'invalid') return { ok: false, reason: 'invalid' };
    const row = await loadAccount(db, p.username);
    if (!row) return { ok: false, reason: 'invalid' };
    const ha2 = md5(`${req.method.toUpperCase()}:${p.uri}`);
    const expected = p.qop
      ? md5(`${row.account.digestHa1}:${p.nonce}:${p.nc}:${p.cnonce}:${p.qop}:${ha2}`)
      : md5(`${row.account.digestHa1}:${p.nonce}:${ha2}`);
    if (!safeEqual(expected, p.response.toLowerCase())) return { ok: false, reason: 'invalid' };
    if (nonce === 'stale') return { ok: false, reason: 'stale' };
    // Without qop (RFC 2069) there is no count; such a client reuses its nonce until it goes stale.
    if (p.qop && !acceptNonceCount(p.nonce, p.nc!)) return { ok: false, reason: 'stale' };
    return { ok: true, actor: actorFor(row.account) };
  }
  return { ok: false, reason: header ? 'invalid' : 'missing' };
}

// Device-account credentials of the 2N surface. The account decides the directory (decision 7.4). How the
// credential travels (HTTP Basic, Digest challenges and nonces) is the REST adapter's business: this module
// only judges a password against the scrypt hash, or a Digest proof against the stored HA1.
import { createHash, hash, randomBytes } from 'node:crypto';
import { type Database, twonAccounts, twonDirectories } from '@profilehub/db';
import { eq } from 'drizzle-orm';
import type { Actor } from '../../auth/actor';
import { burnPasswordCheck, verifyPassword } from '../../auth/password';
import type { Scope } from '../../auth/scope';
import { boundedKey } from '../../auth/secrets';
import { cachedCredential, credentialGeneration } from '../actor-cache';
import { assertNotThrottled, recordFailedLogin, recordSuccessfulLogin } from '../throttle';
import { refColumns, type TwonDirectoryRef } from './directory-ref';

export const TWON_VENDOR = 'twoN';

declare module '../../auth/actor' {
  interface VendorGrants {
    /** A device account's directory. */
    twoN: { directory: TwonDirectoryRef };
  }
}

/**
 * The realm a device account's Digest HA1 is stored for (HA1 = MD5(user:realm:password), RFC 7616): a 2N
 * device names "HTTP API" in its challenge, and a stored HA1 only verifies responses computed for that realm.
 */
export const TWON_DIGEST_REALM = 'HTTP API';

export function digestHa1(username: string, password: string): string {
  return createHash('md5').update(`${username}:${TWON_DIGEST_REALM}:${password}`).digest('hex');
}

// Basic sends the password on every request and a sync client polls often: a successful scrypt check is
// remembered for a minute, keyed by a SHA-256 of a per-process random salt, the credential AND the stored
// hash (a password change, or a different password, misses; the map never holds a password, and its keys
// cannot be checked against guesses without the salt). Failures are never cached. One one-shot hash: this
// runs on every device request.
const BASIC_CACHE_TTL_MS = 60_000;
const BASIC_CACHE_MAX = 1_000;
const basicCacheSalt = randomBytes(32).toString('base64url');
const basicCache = new Map<string, number>();

async function passwordMatches(username: string, password: string, passwordHash: string): Promise<boolean> {
  const key = hash('sha256', `${basicCacheSalt}\0${username}\0${password}\0${passwordHash}`, 'base64url');
  const until = basicCache.get(key);
  if (until !== undefined && until > Date.now()) return true;
  // Requests that arrive together with the same credential (a device's first burst) share one check.
  let check = checking.get(key);
  if (!check) {
    check = verifyPassword(password, passwordHash).finally(() => checking.delete(key));
    checking.set(key, check);
  }
  if (!(await check)) return false;
  if (basicCache.size >= BASIC_CACHE_MAX) basicCache.delete(basicCache.keys().next().value!);
  basicCache.set(key, Date.now() + BASIC_CACHE_TTL_MS);
  return true;
}

const checking = new Map<string, Promise<boolean>>();

/**
 * What a device presents: its password (Basic), or a Digest proof that `matches` recomputes from the
 * account's stored HA1 (the adapter binds it to the nonce and request it was computed for).
 */
export type DeviceCredential =
  | { kind: 'password'; username: string; password: string }
  | { kind: 'digest'; username: string; matches: (ha1: string) => boolean };

export type DeviceActor = Extract<Actor, { type: 'vendor' }>;

/** `digest_only`: a right or wrong password sent to a directory that accepts Digest only. */
export type DeviceCredentialResult = { ok: true; actor: DeviceActor } | { ok: false; reason: 'invalid' | 'digest_only' };

// Cached by the user name (`boundedKey`): the password (or Digest proof) is still checked on every request,
// against the cached hash; a password, access or auth-mode change is audited and drops the cache.
async function loadAccount(db: Database, username: string, now: Date) {
  const generation = credentialGeneration(db);
  const row = await cachedCredential(db, 'twon', boundedKey(username), now, async () => {
    const [found] = await db
      .select({ account: twonAccounts, authMode: twonDirectories.authMode, directory: refColumns })
      .from(twonAccounts)
      .innerJoin(twonDirectories, eq(twonDirectories.id, twonAccounts.directoryId))
      .where(eq(twonAccounts.username, username))
      .limit(1);
    // The model column holds one of the contract's models (written only through it).
    return found && !found.account.disabledAt
      ? { row: { ...found, directory: found.directory as TwonDirectoryRef }, validUntil: null }
      : null;
  });
  return row ? { ...row, generation } : undefined;
}

function actorFor(account: typeof twonAccounts.$inferSelect, directory: TwonDirectoryRef, generation: number): DeviceActor {
  const scopes: Scope[] = account.access === 'readwrite' ? ['twon:read', 'twon:write'] : ['twon:read'];
  return {
    type: 'vendor',
    workspaceId: account.workspaceId,
    vendor: TWON_VENDOR,
    principalId: account.id,
    label: account.username,
    scopes,
    grants: { generation, values: { twoN: { directory } } },
  };
}

/**
 * The device account a credential names (as its actor), if the account is enabled and the credential right.
 * With `client` (every HTTP request), failures are throttled per address and per user name from it.
 */
export async function verifyDeviceCredential(
  db: Database,
  credential: DeviceCredential,
  client?: { ip?: string; now: Date },
): Promise<DeviceCredentialResult> {
  if (!client) return checkDeviceCredential(db, credential, new Date());
  const ctx = { db, now: () => client.now, meta: { ip: client.ip } };
  const state = await assertNotThrottled(ctx, 'twon', credential.username);
  const result = await checkDeviceCredential(db, credential, client.now);
  if (result.ok) await recordSuccessfulLogin(ctx, 'twon', credential.username, state);
  else if (result.reason === 'invalid') await recordFailedLogin(ctx, 'twon', credential.username);
  return result;
}

async function checkDeviceCredential(db: Database, credential: DeviceCredential, now: Date): Promise<DeviceCredentialResult> {
  // PostgreSQL text cannot hold NUL: such a name matches no account (it reached SQL and failed with a 500).
  if (credential.username.includes('\0')) {
    if (credential.kind === 'password') await burnPasswordCheck(credential.password);
    return { ok: false, reason: 'invalid' };
  }
  const row = await loadAccount(db, credential.username, now);
  if (credential.kind === 'password') {
    if (!row) {
      // Unknown users cost the same scrypt time as wrong passwords.
      await burnPasswordCheck(credential.password);
      return { ok: false, reason: 'invalid' };
    }
    if (row.authMode === 'digest') return { ok: false, reason: 'digest_only' };
    if (!(await passwordMatches(credential.username, credential.password, row.account.passwordHash)))
      return { ok: false, reason: 'invalid' };
    return { ok: true, actor: actorFor(row.account, row.directory, row.generation) };
  }
  // A Basic-only account has no HA1: every Digest attempt on it fails (and counts as a failed login).
  if (!row?.account.digestHa1 || !credential.matches(row.account.digestHa1)) return { ok: false, reason: 'invalid' };
  return { ok: true, actor: actorFor(row.account, row.directory, row.generation) };
}

import { type Database, listenerOf, type Queryable } from '@profilehub/db';
import { sql } from 'drizzle-orm';
import type { Actor, VendorGrants } from '../auth/actor';

// Every request with a credential used to look it up in the database first. The rows a credential resolves
// to are cached here for a short time, per database, and dropped on every instance when any credential-bearing
// entity changes: audit() issues NOTIFY on CREDENTIALS_CHANNEL in the mutation's transaction (delivered only
// on commit) and each process LISTENs on it. The cache is used only while that listener is active, so a
// revoked key stops working everywhere as soon as the notification arrives.

export const CREDENTIALS_CHANNEL = 'profilehub_credentials';
/** The longest a cached resolution is trusted, even when no notification arrives. */
export const ACTOR_CACHE_TTL_MS = 30_000;
const MAX_ENTRIES = 10_000;

type Entry = { row: unknown; expiresAt: number; validUntil: number | null };

class ActorCache {
  readonly entries = new Map<string, Entry>();
  /** Bumped by every invalidation; a lookup that straddles one does not store its (possibly stale) row. */
  generation = 0;
  listening: 'no' | 'starting' | 'yes' = 'no';
  ready: Promise<void> = Promise.resolve();

  clear() {
    this.generation++;
    this.entries.clear();
  }
}

const caches = new WeakMap<object, ActorCache>();

function cacheFor(db: Database): ActorCache {
  let cache = caches.get(db);
  if (!cache) {
    cache = new ActorCache();
    caches.set(db, cache);
  }
  if (cache.listening === 'no') startListening(db, cache);
  return cache;
}

function startListening(db: Database, cache: ActorCache): Promise<void> {
  const listen = listenerOf(db);
  if (!listen) return Promise.resolve();
  cache.listening = 'starting';
  cache.ready = listen(CREDENTIALS_CHANNEL, () => cache.clear()).then(
    () => {
      cache.clear();
      cache.listening = 'yes';
    },
    () => {
      // Not listening: no caching; the next lookup tries again.
      cache.listening = 'no';
    },
  );
  return cache.ready;
}

/**
 * Starts listening for credential changes on `db` now (the server calls it at start; otherwise the first
 * credential lookup starts it). Resolves once cached lookups are safe.
 */
export async function watchCredentialChanges(db: Database): Promise<void> {
  const cache = cacheFor(db);
  await cache.ready;
}

/**
 * The row a credential resolves to, from the cache or from `load`. `digest` is the credential's SHA-256 (never
 * the secret); `validUntil` is the credential's own expiry (null: none), checked against the caller's `now`.
 * Only rows `load` accepts (non-null) are cached: failed lookups always reach the database (and throttling).
 */
export async function cachedCredential<T>(
  db: Database,
  kind: string,
  digest: string,
  now: Date,
  load: () => Promise<{ row: T; validUntil: Date | null } | null>,
): Promise<T | null> {
  const cache = cacheFor(db);
  const key = `${kind}:${digest}`;
  const hit = cache.entries.get(key);
  if (hit) {
    if (hit.expiresAt > Date.now() && (hit.validUntil === null || hit.validUntil > now.getTime())) {
      // Least recently used first: a hit moves to the end.
      cache.entries.delete(key);
      cache.entries.set(key, hit);
      return hit.row as T;
    }
    cache.entries.delete(key);
  }
  const generation = cache.generation;
  const loaded = await load();
  if (!loaded) return null;
  const validUntil = loaded.validUntil?.getTime() ?? null;
  if (cache.listening === 'yes' && cache.generation === generation && (validUntil === null || validUntil > now.getTime())) {
    cache.entries.set(key, { row: loaded.row, expiresAt: Date.now() + ACTOR_CACHE_TTL_MS, validUntil });
    if (cache.entries.size > MAX_ENTRIES) cache.entries.delete(cache.entries.keys().next().value!);
  }
  return loaded.row;
}

/**
 * Tells every instance that credentials changed, in the caller's transaction (PostgreSQL delivers it on
 * commit, so a rolled-back change invalidates nothing). This process's cache is dropped at once as well.
 */
export async function notifyCredentialChange(db: Database, tx: Queryable): Promise<void> {
  caches.get(db)?.clear();
  await tx.execute(sql`select pg_notify(${CREDENTIALS_CHANNEL}, '')`);
}

/**
 * The current generation of `db`'s credential cache (it moves on with every credential change). Take it
 * before a credential is read and stamp the actor's grants with it: a change committed meanwhile then makes
 * the grants stale rather than wrongly current.
 */
export function credentialGeneration(db: Database): number {
  return cacheFor(db).generation;
}

/**
 * The grants `actor` carries for `vendor`, if no credential changed since they were read (in this process, or
 * on another instance once its notification arrived); undefined means read them again.
 */
export function currentGrants<K extends keyof VendorGrants>(db: Database, actor: Actor, vendor: K): VendorGrants[K] | undefined {
  if (actor.type !== 'vendor' || !actor.grants) return undefined;
  const cache = caches.get(db);
  if (cache?.listening !== 'yes' || cache.generation !== actor.grants.generation) return undefined;
  return actor.grants.values[vendor];
}

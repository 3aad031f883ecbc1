import { readFileSync } from 'node:fs';
import path from 'node:path';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DbHandle } from './client';
import { repoRoot } from './paths';
import { createTestDb } from './testing';

// docs/scaling.md promises that Profilehub can be distributed by workspace (Citus, `workspace_id` as the
// distribution column). That holds only if every key and unique index of a tenant table leads with
// workspace_id, so each one is enforced inside one shard. The migrated schema is read back from the database
// itself (both drivers), not from the drizzle source, so a hand-written migration cannot slip past.

/**
 * Tables keyed by a global credential digest or login name: a request presents only the credential, so the
 * lookup cannot name a workspace. docs/scaling.md says how each is handled before distributing; this list
 * only ever shrinks (a new table that breaks the rule fails the test).
 */
const globalLookups: Record<string, string> = {
  accounts: 'primary key id (sessions and tokens reference it)',
  admin_sessions: 'session cookie digest',
  api_tokens: 'API token digest',
  appgate_admins: 'primary key id (tokens reference it)',
  appgate_tokens: 'login token digest',
  audit_log: 'bigserial id',
  flexcare_sessions: 'login token digest',
  rpdb_api_keys: 'X-Api-Key digest',
  soajs_access_tokens: 'access_token digest',
  soajs_tenant_keys: 'tenant key digest',
  twon_accounts: 'device user name (Basic/Digest carry no workspace)',
  twon_directories: 'primary key id (device accounts reference it)',
};

type IndexRow = { table_name: string; index_name: string; is_primary: boolean; first_column: string | null };

let db: DbHandle;
let indexes: IndexRow[];
let tenantTables: string[];
let allTables: string[];

async function rows<T>(text: string): Promise<T[]> {
  const result = (await db.db.execute(sql.raw(text))) as unknown as T[] | { rows: T[] };
  return Array.isArray(result) ? result : result.rows;
}

beforeAll(async () => {
  db = await createTestDb();
  allTables = (
    await rows<{ name: string }>(
      `select table_name as name from information_schema.tables where table_schema = 'public' and table_type = 'BASE TABLE' order by 1`,
    )
  ).map((r) => r.name);
  tenantTables = (
    await rows<{ name: string }>(
      `select table_name as name from information_schema.columns where table_schema = 'public' and column_name = 'workspace_id' order by 1`,
    )
  ).map((r) => r.name);
  // indkey[0] is 0 for an expression (e.g. lower(username)) in first position: no column leads then.
  indexes = await rows<IndexRow>(
    `select c.relname as table_name, ic.relname as index_name, i.indisprimary as is_primary, a.attname as first_column
       from pg_index i
       join pg_class c on c.oid = i.indrelid
       join pg_class ic on ic.oid = i.indexrelid
       join pg_namespace n on n.oid = c.relnamespace and n.nspname = 'public'
       left join pg_attribute a on a.attrelid = c.oid and a.attnum = i.indkey[0]
      where i.indisunique
      order by 1, 2`,
  );
});
afterAll(async () => {
  await db?.close();
});

describe('every tenant table is keyed by workspace first', () => {
  // auth_throttle counts failed logins per client address before any workspace is known (installation-wide);
  // server_secret holds one installation-wide row (the check value of PROFILEHUB_SECRET).
  it('every table but workspaces itself, the login throttle and the server secret check carries workspace_id', () => {
    expect(allTables.filter((t) => !tenantTables.includes(t))).toEqual(['auth_throttle', 'server_secret', 'workspaces']);
  });

  it('primary keys and unique indexes lead with workspace_id, except the documented global lookups', () => {
    const offenders = new Map<string, string[]>();
    for (const index of indexes) {
      if (!tenantTables.includes(index.table_name) || index.first_column === 'workspace_id') continue;
      offenders.set(index.table_name, [...(offenders.get(index.table_name) ?? []), index.index_name]);
    }
    // Each tenant table has a primary key at all.
    for (const table of tenantTables)
      expect(
        indexes.some((i) => i.table_name === table && i.is_primary),
        table,
      ).toBe(true);
    expect([...offenders.keys()].sort()).toEqual(Object.keys(globalLookups).sort());
  });

  it('docs/scaling.md names every global lookup table', () => {
    const doc = readFileSync(path.join(repoRoot, 'docs/scaling.md'), 'utf8');
    for (const table of Object.keys(globalLookups)) expect(doc, table).toContain(`\`${table}\``);
  });
});

import * as db from '@profilehub/db';
import { getTableColumns, getTableName, isTable, type Table } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { invalidatesActors } from './audit';

// A change to a table holding a credential must reach every instance's actor cache, or a revoked key keeps
// working for up to 30 s. The list of such entity types is written by hand in audit.ts; this checks it
// against the schema, so a vendor's new credential table cannot be forgotten there.

const SECRET_COLUMN = /^(passwordHash|keyHash|tokenHash|digestHa1|pinHash)$/;

// Tables holding a secret whose rows never go through audit(): sign-in sessions (created by logging in,
// ended by logout or expiry, each checked on every use) and SOAJS pins (written only with their user, which
// is audited as `soajs_user`).
const NOT_AUDITED = new Set(['admin_sessions', 'appgate_tokens', 'flexcare_sessions', 'soajs_user_pins']);

const tables = (Object.values(db) as unknown[]).filter((value): value is Table => isTable(value));
/** The audit entity type of a table: its name in the singular (`rpdb_api_keys` → `rpdb_api_key`). */
const entityType = (table: string) => table.replace(/s$/, '');

describe('actor cache invalidation', () => {
  it('every table holding a credential secret invalidates the actor caches when audited', () => {
    const holders = tables.filter((t) => Object.keys(getTableColumns(t)).some((c) => SECRET_COLUMN.test(c))).map((t) => getTableName(t));
    // The check has teeth: the credential tables of the core and of every vendor are found.
    expect(holders).toEqual(expect.arrayContaining(['accounts', 'api_tokens', 'rpdb_api_keys', 'twon_accounts', 'soajs_tenant_keys']));
    const missed = holders.filter((t) => !NOT_AUDITED.has(t) && !invalidatesActors(entityType(t)));
    expect(missed).toEqual([]);
  });
});

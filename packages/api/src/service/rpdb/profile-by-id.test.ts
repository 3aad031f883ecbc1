import type { DbHandle } from '@profilehub/db';
import { createTestDb } from '@profilehub/db/testing';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { createCaller } from '../../root';
import { createTestWorkspace } from '../../testing';
import { profileById } from './profile';

let handle: DbHandle;
beforeAll(async () => {
  handle = await createTestDb();
});
afterAll(async () => {
  await handle?.close();
});

type PlanLine = { 'QUERY PLAN': string };

async function account(caller: ReturnType<typeof createCaller>, name: string) {
  const { account } = await caller.rpdb.account.create({ name, password: 'rpdb-account-password' });
  return account.id;
}

describe('an RPdb profile read by id', () => {
  it('is not found from another account of the same workspace', async () => {
    const ws = await createTestWorkspace(handle.db);
    const { caller } = ws;
    const home = await account(caller, 'home');
    const office = await account(caller, 'office');
    const profile = await caller.rpdb.profile.create({ accountId: home, name: 'evening', attributes: [] });
    expect(await caller.rpdb.profile.get({ accountId: home, id: profile.id })).toEqual(profile);
    await expect(caller.rpdb.profile.get({ accountId: office, id: profile.id })).rejects.toMatchObject({ code: 'NOT_FOUND' });
  });

  it('finds the row by its primary key, not by walking the account in list order, before the table is analyzed', async () => {
    const ws = await createTestWorkspace(handle.db);
    const { caller } = ws;
    const accountId = await account(caller, 'bulk');
    // A bulk load into a table PostgreSQL has no statistics for yet (a fresh install): given the account in
    // the WHERE, the planner matched it against rpdb_profiles_order_idx and every read scanned the account.
    await handle.db.execute(sql`insert into rpdb_profiles (workspace_id, account_id, name, sort_order)
      select ${ws.ctx.actor.workspaceId}::uuid, ${accountId}::int, 'p' || n, n from generate_series(1, 3000) n`);
    const query = (profileById(handle.db).all as unknown as { queryString: string }).queryString;
    // The plan a prepared statement settles on: generic, for every id.
    const plan = await handle.db.transaction(async (tx) => {
      await tx.execute(sql`set local plan_cache_mode = force_generic_plan`);
      await tx.execute(sql.raw(`prepare rpdb_by_id_plan as ${query}`));
      try {
        const result = (await tx.execute(sql.raw(`explain execute rpdb_by_id_plan('${ws.ctx.actor.workspaceId}', 1500)`))) as unknown as
          | PlanLine[]
          | { rows: PlanLine[] };
        // postgres.js answers rows, PGlite a result holding them
        return ('rows' in result ? result.rows : result).map((r) => r['QUERY PLAN']).join('\n');
      } finally {
        await tx.execute(sql`deallocate rpdb_by_id_plan`);
      }
    });
    expect(plan).toMatch(/Index Scan using rpdb_profiles_workspace_id_id_pk on rpdb_profiles/);
    expect(plan).not.toMatch(/rpdb_profiles_order_idx/);
  });
});

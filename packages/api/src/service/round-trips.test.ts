import type { Database, DbHandle } from '@profilehub/db';
import { createTestDb } from '@profilehub/db/testing';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestWorkspace, watchTransactionStatements } from '../testing';
import { CREDENTIALS_CHANNEL, credentialGeneration, watchCredentialChanges } from './actor-cache';

// A write transaction holds its hot lock (a 2N directory, an RPdb account's change sequence) from the
// statement that takes it until commit, so every writer of that directory or account waits for the round
// trips in between. These tests count the round trips: statements sent while another of the same
// transaction is still unanswered travel together (postgres.js pipelines them), so a round trip starts
// whenever a statement is sent with none outstanding.

let handle: DbHandle;
beforeAll(async () => {
  handle = await createTestDb();
});
afterAll(async () => {
  await handle?.close();
});

/** Records each statement of each transaction with the round trip it travelled in. */
function recordRoundTrips(db: Database) {
  const trips: string[][] = [];
  const watch = watchTransactionStatements(db, () => {
    let outstanding = 0;
    return (text, result) => {
      if (outstanding === 0) trips.push([]);
      trips.at(-1)!.push(text);
      outstanding++;
      const done = () => {
        outstanding--;
      };
      result.then(done, done);
    };
  });
  return { trips, restore: watch.restore };
}

async function roundTripsOf(work: () => Promise<unknown>): Promise<string[][]> {
  const probe = recordRoundTrips(handle.db);
  try {
    await work();
    return probe.trips;
  } finally {
    probe.restore();
  }
}

const touches = (trip: string[], table: string) => trip.some((s) => s.includes(table));

// On PostgreSQL the client is wrapped by the fail-fast guard, and patching its `begin` starves the guard's pool
// slots (see router/twon/statements.test.ts); the statements a transaction sends are the same on both drivers.
describe.skipIf(Boolean(process.env.TEST_DATABASE_URL))('round trips of a write transaction', () => {
  it('a 2N create locks the directory, reads in one round trip and writes in one', async () => {
    const { caller } = await createTestWorkspace(handle.db);
    const dir = await caller.twoN.directory.create({ name: 'lobby' });
    await caller.twoN.dir.create({ directoryId: dir.id, users: [{ name: 'first' }] });
    const trips = await roundTripsOf(() => caller.twoN.dir.create({ directoryId: dir.id, users: [{ name: 'Ann' }] }));
    expect(trips).toHaveLength(3);
    const [lock, reads, writes] = trips as [string[], string[], string[]];
    expect(lock).toHaveLength(1);
    expect(lock[0]).toMatch(/for update/i);
    expect(touches(reads, 'twon_entries') && touches(reads, 'change_sequences')).toBe(true);
    for (const table of ['change_sequences', 'twon_entries', 'audit_log']) expect(touches(writes, table)).toBe(true);
    // The directory is not full of tombstones: no purge statement.
    expect(writes.some((s) => /delete from/i.test(s))).toBe(false);
  });

  it("an RPdb create takes its account's change sequence in its last round trip", async () => {
    const { caller } = await createTestWorkspace(handle.db);
    const { account } = await caller.rpdb.account.create({ name: 'main' });
    const trips = await roundTripsOf(() => caller.rpdb.profile.create({ accountId: account.id, name: 'p1' }));
    const sequence = trips.findIndex((t) => touches(t, 'change_sequences'));
    expect(sequence).toBe(trips.length - 1);
    expect(touches(trips.at(-1)!, 'audit_log')).toBe(true);
  });
});

describe('2N entry writes and the credential caches', () => {
  /** Sends a notification of our own and waits until this instance has received it (and every earlier one). */
  async function notificationsDelivered(): Promise<number> {
    const before = credentialGeneration(handle.db);
    await handle.db.execute(sql`select pg_notify(${CREDENTIALS_CHANNEL}, '')`);
    while (credentialGeneration(handle.db) === before) await new Promise((r) => setTimeout(r, 5));
    return credentialGeneration(handle.db);
  }

  it("an entry batch leaves every instance's credential cache alone; a device account change drops it", async () => {
    await watchCredentialChanges(handle.db);
    const { caller } = await createTestWorkspace(handle.db);
    const dir = await caller.twoN.directory.create({ name: 'lobby' });
    const generation = await notificationsDelivered();
    const created = await caller.twoN.dir.create({ directoryId: dir.id, users: [{ name: 'Ann' }] });
    await caller.twoN.dir.update({ directoryId: dir.id, users: [{ uuid: created.users![0]!.uuid, name: 'Bea' }] });
    await caller.twoN.dir.delete({ directoryId: dir.id, users: [{ uuid: created.users![0]!.uuid }] });
    // Only our own notification moved it: the entry writes neither cleared this cache nor notified.
    expect(await notificationsDelivered()).toBe(generation + 1);
    await caller.twoN.account.create({ directoryId: dir.id, username: `dev-${dir.id.slice(0, 8)}`, password: 'pw-0123456789' });
    expect(credentialGeneration(handle.db)).toBeGreaterThan(generation + 1);
  });
});

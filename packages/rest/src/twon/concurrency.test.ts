import { type DbHandle, twonDirectories } from '@profilehub/db';
import { describe, expect, it } from 'vitest';
import { type Answer, type BatchAnswer, client, requestError, serveForFile, setupDirectory } from './testing';

// Many devices (or one device's parallel requests) writing one directory at once, over HTTP: the directory's
// rules must hold exactly as they do one request at a time. On PostgreSQL the requests really run side by
// side (several pool connections); on PGlite the database runs them one after the other.

let handle: DbHandle;
let base: string;
serveForFile((started) => {
  ({ handle, base } = started);
});

type Synced = { uuid: string; timestamp: number; deleted?: boolean; name?: string };
type QueryAnswer = { result: { series: string; timestamp: number; users: Synced[] } };

const uuid = (i: number) => `CCCCCCCC-0000-4000-8000-${String(i).padStart(12, '0')}`;
const created = (res: Answer) => (res.body as BatchAnswer).result.users;

/** The live entries and tombstones the directory keeps on its row agree with its rows (the admin view counts them). */
async function expectCountsKept(setup: Awaited<ReturnType<typeof setupDirectory>>) {
  const view = await setup.caller.twoN.directory.get({ id: setup.directory.id });
  const rows = await handle.db
    .select({ id: twonDirectories.id, live: twonDirectories.liveEntries, tombstones: twonDirectories.tombstones })
    .from(twonDirectories);
  const kept = rows.find((r) => r.id === setup.directory.id);
  expect(kept).toEqual({ id: setup.directory.id, live: view.liveEntries, tombstones: view.deletedEntries });
}

/** A sync client: polls "changes since my last timestamp" and keeps a copy of the directory. */
function syncClient(api: ReturnType<typeof client>) {
  const mirror = new Map<string, Synced>();
  const seen: number[] = [];
  let last = 0;
  return {
    mirror,
    seen,
    async poll() {
      const { result } = (await api.query({ iterator: { timestamp: last }, fields: ['name'] })).body as QueryAnswer;
      for (const u of result.users) {
        seen.push(u.timestamp);
        if (u.deleted) mirror.delete(u.uuid);
        else mirror.set(u.uuid, u);
      }
      last = result.timestamp;
    },
  };
}

describe('concurrent writes to one directory', () => {
  it('creates get distinct, gap-free timestamps, and a client syncing meanwhile misses none', async () => {
    const setup = await setupDirectory(handle);
    const api = client(base, setup.rw);
    const reader = syncClient(api);
    let writing = true;
    const polling = (async () => {
      while (writing) await reader.poll();
    })();
    const answers = await Promise.all(Array.from({ length: 40 }, (_, i) => api.create({ users: [{ uuid: uuid(i), name: `n${i}` }] })));
    writing = false;
    await polling;
    await reader.poll();

    const timestamps = answers.map((a) => created(a)[0]!.timestamp!);
    expect(timestamps.toSorted((a, b) => a - b)).toEqual(Array.from({ length: 40 }, (_, i) => i + 1));
    // A timestamp committed after the reader had moved past it would be missing from its copy.
    expect(reader.mirror.size).toBe(40);
    expect(reader.seen.toSorted((a, b) => a - b)).toEqual(timestamps.toSorted((a, b) => a - b));
    for (const [i, a] of answers.entries())
      expect(reader.mirror.get(uuid(i))).toMatchObject({ name: `n${i}`, timestamp: created(a)[0]!.timestamp });
  });

  it('never exceed the capacity: exactly the room left is filled, the rest is error 13', async () => {
    const setup = await setupDirectory(handle, { capacity: 10 });
    const api = client(base, setup.rw);
    await api.create({ users: [0, 1, 2, 3].map((i) => ({ uuid: uuid(i), name: `n${i}` })) });
    const answers = await Promise.all(Array.from({ length: 20 }, (_, i) => api.create({ users: [{ uuid: uuid(100 + i) }] })));
    const accepted = answers.filter((a) => a.status === 200 && (a.body as { success: boolean }).success);
    expect(accepted).toHaveLength(6);
    for (const a of answers.filter((x) => !accepted.includes(x)))
      expect(a.body).toEqual(requestError(13, 'parameter data too big', 'users'));
    const reader = syncClient(api);
    await reader.poll();
    expect(reader.mirror.size).toBe(10);
    expect(reader.seen.toSorted((a, b) => a - b)).toEqual(Array.from({ length: 10 }, (_, i) => i + 1));
    await expectCountsKept(setup);
  });

  it('purge the oldest tombstones once live + tombstones exceed the capacity, and only then', async () => {
    const setup = await setupDirectory(handle, { capacity: 6 });
    const api = client(base, setup.rw);
    await api.create({ users: [0, 1, 2, 3, 4, 5].map((i) => ({ uuid: uuid(i) })) });
    for (const i of [0, 1, 2]) await api.delete({ users: [{ uuid: uuid(i) }] });
    const tombstones = async () => {
      const { result } = (await api.query({})).body as QueryAnswer;
      return result.users.filter((u) => u.deleted).map((u) => u.uuid);
    };
    // Live 3 + tombstones 3 = capacity: nothing to purge yet.
    expect(await tombstones()).toEqual([uuid(0), uuid(1), uuid(2)]);
    // A create that reuses a tombstone's uuid adds no row: the tombstone becomes the entry, nothing is purged.
    await api.create({ users: [{ uuid: uuid(2) }] });
    expect(await tombstones()).toEqual([uuid(0), uuid(1)]);
    // A new row goes beyond the capacity: the oldest tombstone goes.
    await api.create({ users: [{ uuid: uuid(10) }] });
    expect(await tombstones()).toEqual([uuid(1)]);
    // Two at once: one purges the last tombstone, the other finds the directory full.
    const answers = await Promise.all([11, 12].map((i) => api.create({ users: [{ uuid: uuid(i) }] })));
    expect(answers.filter((a) => (a.body as { success: boolean }).success)).toHaveLength(1);
    expect(await tombstones()).toEqual([]);
    const { result } = (await api.query({})).body as QueryAnswer;
    expect(result.users).toHaveLength(6);
    await expectCountsKept(setup);
    // A reset empties the directory: nothing live, no tombstones, room for the full capacity again.
    await setup.caller.twoN.directory.reset({ id: setup.directory.id });
    await expectCountsKept(setup);
    const refill = await api.create({ users: [0, 1, 2, 3, 4, 5].map((i) => ({ uuid: uuid(20 + i) })) });
    expect(created(refill)).toHaveLength(6);
    await expectCountsKept(setup);
  });
});

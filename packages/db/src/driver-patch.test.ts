import { createRequire } from 'node:module';
import path from 'node:path';
import postgres from 'postgres';
import { afterAll, describe, expect, it } from 'vitest';

// postgres.js 3.4.9 throws `Cannot read properties of null (reading 'write')` from a setImmediate when a
// connection whose backend died is written to again, which kills the whole server process. patches/ carries
// our fix (applied by `npm install`'s postinstall); this is the reproduction that crashed before it.
const url = process.env.TEST_DATABASE_URL;

describe.skipIf(!url)('postgres.js driver patch (PostgreSQL only)', () => {
  const sql = postgres(url ?? '', { max: 2, onnotice: () => {} });
  const admin = postgres(url ?? '', { max: 1, onnotice: () => {} });
  afterAll(async () => {
    await sql.end({ timeout: 1 });
    await admin.end({ timeout: 1 });
  });

  it('a query on a connection whose backend was terminated is rejected CONNECTION_CLOSED, and the process lives on', async () => {
    const uncaught: unknown[] = [];
    const onUncaught = (err: unknown) => uncaught.push(err);
    process.on('uncaughtException', onUncaught);
    try {
      const reserved = await sql.reserve();
      const [row] = await reserved<{ pid: number }[]>`select pg_backend_pid() as pid`;
      await admin`select pg_terminate_backend(${row!.pid})`;
      await new Promise((r) => setTimeout(r, 200));
      await expect(reserved`select 1`).rejects.toMatchObject({ code: 'CONNECTION_CLOSED' });
      await new Promise((r) => setTimeout(r, 100));
      expect(uncaught).toEqual([]);
      // The pool still serves queries on its other connections.
      expect(await sql`select 1 as one`).toEqual([{ one: 1 }]);
    } finally {
      process.off('uncaughtException', onUncaught);
    }
  });
});

// postgres.js keeps its pool's connections in queues that shift by index and never dropped the shifted slots
// unless a queue emptied, which a pool under steady load never does: the busy queue grew by one slot per
// query and every move of a connection scanned all of it (a tenth of the server's CPU on a GET-by-id after a
// few seconds of load). patches/ compacts the queue; this counts what a remove has to scan.
describe('postgres.js queue patch', () => {
  const require = createRequire(import.meta.url);
  const Queue = require(path.join(path.dirname(require.resolve('postgres')), 'queue.js')) as <T>(initial?: T[]) => {
    length: number;
    push(x: T): T;
    shift(): T;
    remove(x: T): T | null;
  };

  it('a queue that is never empty keeps what remove() scans bounded, and keeps its order', () => {
    const q = Queue<object>();
    const items = Array.from({ length: 4 }, (_, i) => ({ i }));
    for (const item of items) q.push(item);
    let longest = 0;
    const indexOf = Array.prototype.indexOf;
    Array.prototype.indexOf = function (this: unknown[], ...args: [unknown, number?]) {
      longest = Math.max(longest, this.length);
      return indexOf.apply(this, args);
    };
    try {
      // A pool's busy queue under load: take the oldest, move one connection out and back.
      for (let n = 0; n < 20_000; n++) {
        q.push(q.shift());
        const moved = items[n % items.length]!;
        expect(q.remove(moved)).toBe(moved);
        q.push(moved);
      }
    } finally {
      Array.prototype.indexOf = indexOf;
    }
    expect(q.length).toBe(items.length);
    expect(longest).toBeLessThan(100);
    expect(q.remove({ i: -1 })).toBeNull();
    const drained = [q.shift(), q.shift(), q.shift(), q.shift()];
    expect(new Set(drained)).toEqual(new Set(items));
    expect(q.length).toBe(0);
  });
});

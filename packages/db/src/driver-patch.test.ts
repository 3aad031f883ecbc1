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

import { randomUUID } from 'node:crypto';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { type DemoCredentials, seedDemoIfEmpty } from '@profilehub/api';
import { createDb, type DbHandle } from '@profilehub/db';
import { buildServer } from '@profilehub/server';
import postgres from 'postgres';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { digestDatabase } from './cli/db/digest';
import { main } from './cli/main';
import { createProfilehubClient } from './index';
import { testServerEnv } from './testing';

// The same suite runs on both databases: with TEST_DATABASE_URL the dumped database is a throwaway
// PostgreSQL database (and the dump is also restored into PGlite); without it, a PGlite folder.
const serverUrl = process.env.TEST_DATABASE_URL;

let scratch: string;
const dropLater: string[] = [];
// Migrating a PGlite folder is slow (tens of seconds on a busy machine), so this file migrates once in
// memory and copies PGlite's data folder (as its tarball) into every folder a test needs.
let emptyPglite: File | Blob;
let demoPglite: File | Blob;
let demo: DemoCredentials;

beforeAll(async () => {
  scratch = await mkdtemp(path.join(tmpdir(), 'profilehub-db-'));
  const memory = createDb({ pgliteDir: 'memory', DATABASE_URL: undefined });
  try {
    await memory.migrate();
    emptyPglite = await memory.dumpPglite!();
    demo = (await seedDemoIfEmpty(memory.db, { apiUrl: 'http://127.0.0.1:1', adminUrl: 'http://127.0.0.1:2' }))!;
    demoPglite = await memory.dumpPglite!();
  } finally {
    await memory.close();
  }
}, 600_000);
afterAll(async () => {
  if (serverUrl && dropLater.length > 0) {
    const admin = postgres(serverUrl, { max: 1, onnotice: () => {} });
    for (const name of dropLater) await admin.unsafe(`drop database if exists "${name}" with (force)`);
    await admin.end();
  }
  if (scratch) await rm(scratch, { recursive: true, force: true });
});

type Run = { code: number; stdout: string; stderr: string };

// In-process (the bin only adds tsx and process wiring, which cli.test.ts covers): every spawned CLI would
// boot Node, tsx and a PGlite instance again.
async function cli(args: string[], env: Record<string, string | undefined>): Promise<Run> {
  let stdout = '';
  let stderr = '';
  const code = await main(args, {
    stdout: (text) => {
      stdout += text;
    },
    stderr: (text) => {
      stderr += text;
    },
    env: { PROFILEHUB_DATA_DIR: scratch, ...env },
  });
  return { code, stdout, stderr };
}

/** A fresh, empty PostgreSQL database on the test server; dropped after the file. */
async function freshPostgres(): Promise<string> {
  const name = `profilehub_cli_${randomUUID().replaceAll('-', '').slice(0, 12)}`;
  const admin = postgres(serverUrl!, { max: 1, onnotice: () => {} });
  await admin.unsafe(`create database "${name}"`);
  await admin.end();
  dropLater.push(name);
  const url = new URL(serverUrl!);
  url.pathname = `/${name}`;
  return url.toString();
}

/** Where a CLI run finds its database: DATABASE_URL for PostgreSQL, PGLITE_DIR for a PGlite folder. */
type Target = { env: Record<string, string | undefined>; open(): DbHandle };

async function newTarget(kind: 'postgres' | 'pglite'): Promise<Target> {
  if (kind === 'postgres') {
    const url = await freshPostgres();
    return { env: { DATABASE_URL: url }, open: () => createDb({ DATABASE_URL: url, DB_POOL_MAX: 2 }) };
  }
  return pgliteTarget(emptyPglite);
}

async function pgliteTarget(data: File | Blob): Promise<Target> {
  const dir = path.join(scratch, `pglite-${randomUUID().slice(0, 8)}`);
  await (await PGlite.create(dir, { loadDataDir: data })).close();
  return { env: { PGLITE_DIR: dir, DATABASE_URL: undefined }, open: () => createDb({ pgliteDir: dir, DATABASE_URL: undefined }) };
}

async function seededTarget(kind: 'postgres' | 'pglite'): Promise<Target> {
  if (kind === 'pglite') return pgliteTarget(demoPglite);
  const target = await newTarget(kind);
  const handle = target.open();
  try {
    await handle.migrate();
    await seedDemoIfEmpty(handle.db, { apiUrl: 'http://127.0.0.1:1', adminUrl: 'http://127.0.0.1:2' });
  } finally {
    await handle.close();
  }
  return target;
}

async function digestOf(target: Target) {
  const handle = target.open();
  try {
    return await digestDatabase(handle.db);
  } finally {
    await handle.close();
  }
}

const driver = serverUrl ? 'postgres' : 'pglite';

describe(`profilehub db dump / restore (${driver})`, () => {
  it('round-trips the demo workspace with identical row digests and sequence positions', async () => {
    const source = await seededTarget(driver);
    const file = path.join(scratch, 'demo.sql');
    const dumped = await cli(['db', 'dump', file], source.env);
    expect(dumped.stderr).toBe('');
    expect(dumped.code).toBe(0);
    expect(dumped.stdout).toMatch(/^dumped \d+ rows of \d+ tables from (pglite|postgres) .+ to .+demo\.sql\n$/);
    const text = await readFile(file, 'utf8');
    expect(text.split('\n')[2]).toMatch(/^-- profilehub-dump: \{"format":1,"migrations":\["[0-9a-f]+"/);
    // Without FILE the same SQL goes to stdout (only the random quoting tags differ).
    const viaStdout = await cli(['db', 'dump'], source.env);
    expect(viaStdout.code).toBe(0);
    const untagged = (sql: string) => sql.replace(/\$ph[0-9a-f]{8}\$/g, '$$$$');
    expect(untagged(viaStdout.stdout)).toBe(untagged(text));

    const before = await digestOf(source);
    expect(before.tables.find((t) => t.table === 'accounts')?.rows).toBeGreaterThan(0);
    expect(before.tables.find((t) => t.table === 'twon_entries')?.rows).toBeGreaterThan(0);

    // Into the same kind of database, and (on the PostgreSQL pass) into PGlite too.
    for (const kind of serverUrl ? (['postgres', 'pglite'] as const) : (['pglite'] as const)) {
      const copy = await newTarget(kind);
      const restored = await cli(['db', 'restore', file], copy.env);
      expect(restored.stderr).toBe('');
      expect(restored).toMatchObject({ code: 0, stdout: expect.stringMatching(/^restored \d+ rows of \d+ tables from .+demo\.sql into /) });
      expect(await digestOf(copy)).toEqual(before);

      // A second restore would merge into data: refused, and nothing changes.
      const again = await cli(['db', 'restore', file], copy.env);
      expect(again.code).toBe(1);
      expect(again.stderr).toMatch(/^error: .+ is not empty \(rows in .+\); restore only into an empty database\n$/);
      expect(await digestOf(copy)).toEqual(before);
    }
  }, 180_000);

  it('a dump taken before 2N directories kept their counts (migration 0005) is restored with the counts worked out', async () => {
    const source = await seededTarget(driver);
    const file = path.join(scratch, 'before-counts.sql');
    expect((await cli(['db', 'dump', file], source.env)).code).toBe(0);
    const text = await readFile(file, 'utf8');
    // An older build's dump names no count columns (they would take their default, 0); its rows are JSON.
    const withoutCounts = (line: string) => {
      const at = line.indexOf(' from json_populate_recordset(');
      return line.slice(0, at).replaceAll(', "live_entries"', '').replaceAll(', "tombstones"', '') + line.slice(at);
    };
    const older = text
      .split('\n')
      .map((line) => (line.startsWith('insert into "twon_directories"') ? withoutCounts(line) : line))
      .join('\n');
    expect(older).not.toBe(text);
    await writeFile(file, older);
    const copy = await newTarget(driver);
    expect(await cli(['db', 'restore', file], copy.env)).toMatchObject({ code: 0, stderr: '' });
    expect(await digestOf(copy)).toEqual(await digestOf(source));
  }, 180_000);

  it('restore refuses a file that is not a dump, leaving the database empty', async () => {
    const file = path.join(scratch, 'not-a-dump.sql');
    await import('node:fs/promises').then((fs) => fs.writeFile(file, "insert into workspaces (slug, name) values ('x', 'x');\n"));
    const target = await newTarget(driver);
    const run = await cli(['db', 'restore', file], target.env);
    expect(run).toEqual({
      code: 1,
      stdout: '',
      stderr: 'error: not a Profilehub dump (no "-- profilehub-dump:" line before the first statement)\n',
    });
    const digest = await digestOf(target);
    expect(digest.tables.every((t) => t.rows === 0)).toBe(true);
    expect((await cli(['db', 'restore', path.join(scratch, 'missing.sql')], target.env)).code).toBe(4);
  }, 120_000);
});

describe.skipIf(serverUrl)('an embedded database in use', () => {
  it('dump, restore and copy refuse a PGlite folder another process has open, and say to stop the server', async () => {
    const target = await seededTarget('pglite');
    const running = target.open(); // what a running server holds
    try {
      await running.ping();
      const dir = target.env.PGLITE_DIR!;
      const expected = `error: the embedded database ${dir} is open in another process (a running Profilehub server?): stop the server first. If none is running, the last one did not shut down cleanly: start and stop it once, or delete ${path.join(dir, 'postmaster.pid')}\n`;
      expect(await cli(['db', 'dump', path.join(scratch, 'x.sql')], target.env)).toEqual({ code: 1, stdout: '', stderr: expected });
      expect(await cli(['db', 'restore', path.join(scratch, 'demo.sql')], target.env)).toMatchObject({ code: 1, stderr: expected });
      expect(await cli(['db', 'copy', '--to', 'postgres://postgres@127.0.0.1:1/x'], target.env)).toMatchObject({
        code: 1,
        stderr: expected,
      });
    } finally {
      await running.close();
    }
    expect((await cli(['db', 'dump'], target.env)).code).toBe(0);
  }, 120_000);
});

describe.runIf(serverUrl)('profilehub db copy: outgrowing the embedded database', () => {
  it('copies the demo from PGlite into an empty PostgreSQL database, and a server on the copy accepts every demo credential', async () => {
    const source = await pgliteTarget(demoPglite);
    const before = await digestOf(source);
    const to = await freshPostgres();
    const run = await cli(['db', 'copy', '--to', to], { ...source.env });
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    const rows = before.tables.reduce((n, t) => n + t.rows, 0);
    expect(run.stdout).toContain(
      `\ncopied ${rows} rows of ${before.tables.length} tables from pglite ${source.env.PGLITE_DIR} to postgres `,
    );
    expect(run.stdout).toMatch(/\nverified: every table's rows identical \(1 password hashes, 1 API token digests, \d+ change sequences\)/);
    const target: Target = { env: { DATABASE_URL: to }, open: () => createDb({ DATABASE_URL: to, DB_POOL_MAX: 2 }) };
    expect(await digestOf(target)).toEqual(before);

    // Copying again is refused: the target is no longer empty.
    expect(await cli(['db', 'copy', '--to', to], source.env)).toMatchObject({ code: 1, stderr: expect.stringContaining('is not empty') });

    const db = target.open();
    const app = await buildServer({ db, env: testServerEnv });
    try {
      await app.listen({ host: '127.0.0.1', port: 0 });
      const url = `http://127.0.0.1:${(app.server.address() as { port: number }).port}`;
      const c = demo as unknown as {
        api: { token: string };
        admin: { workspace: string; username: string; password: string };
        rpdb: { apiKey: string };
        flexcare: { admin: { username: string; password: string } };
        appgate: { providerName: string; admin: { username: string; password: string } };
        twoN: { username: string; password: string };
        soajs: { key: string; userId: string; accessToken: string };
      };

      // tRPC: the API token digest and the admin password hash both still verify.
      expect(await createProfilehubClient({ url, token: c.api.token }).auth.me.query()).toMatchObject({ workspace: { slug: 'demo' } });
      const login = await createProfilehubClient({ url, token: '' }).auth.login.mutate({
        workspace: c.admin.workspace,
        username: c.admin.username,
        password: c.admin.password,
      });
      expect(login).toMatchObject({ account: { username: c.admin.username } });

      // RPdb: API key.
      const rpdb = await fetch(`${url}/api/v1/profile`, { headers: { 'x-api-key': c.rpdb.apiKey } });
      expect(rpdb.status).toBe(200);

      // FlexCare: login, then Bearer.
      const flexLogin = await fetch(`${url}/auth/login`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(c.flexcare.admin),
      });
      expect(flexLogin.status).toBe(200);
      const { token: flexToken } = (await flexLogin.json()) as { token: string };
      expect((await fetch(`${url}/flexcare/dialog/profile?limit=2`, { headers: { authorization: `Bearer ${flexToken}` } })).status).toBe(
        200,
      );

      // Appgate: versioned Accept, login, then Bearer.
      const accept = 'application/vnd.appgate.peer-v22+json';
      const agLogin = await fetch(`${url}/admin/login`, {
        method: 'POST',
        headers: { accept, 'content-type': 'application/json' },
        body: JSON.stringify({
          providerName: c.appgate.providerName,
          deviceId: '4c07bc67-57ea-42dd-b702-c2d6c45419fc',
          username: c.appgate.admin.username,
          password: c.appgate.admin.password,
        }),
      });
      expect(agLogin.status).toBe(200);
      const { token: agToken } = (await agLogin.json()) as { token: string };
      expect(
        (await fetch(`${url}/admin/client-profiles?range=0-2`, { headers: { accept, authorization: `Bearer ${agToken}` } })).status,
      ).toBe(200);

      // SOAJS: tenant key + access token.
      const soajs = await fetch(`${url}/urac/admin/getUser?uId=${c.soajs.userId}&access_token=${c.soajs.accessToken}`, {
        headers: { key: c.soajs.key },
      });
      expect(soajs.status).toBe(200);

      // 2N: a device account; a new entry's timestamp continues above every copied one.
      const basic = `Basic ${Buffer.from(`${c.twoN.username}:${c.twoN.password}`).toString('base64')}`;
      const query = await fetch(`${url}/api/dir/query`, {
        method: 'POST',
        headers: { authorization: basic },
        body: '{"iterator":{"timestamp":0}}',
      });
      expect(query.status).toBe(200);
      const { result: old } = (await query.json()) as { result: { timestamp: number; users: unknown[] } };
      expect(old.users.length).toBeGreaterThan(0);
      const created = await fetch(`${url}/api/dir/create`, {
        method: 'PUT',
        headers: { authorization: basic, 'content-type': 'application/json' },
        body: JSON.stringify({ users: [{ name: 'After the copy' }] }),
      });
      expect(created.status).toBe(200);
      const { result } = (await created.json()) as { result: { users: { timestamp: number }[] } };
      expect(result.users[0]!.timestamp).toBeGreaterThan(old.timestamp);
    } finally {
      await app.close();
      await db.close();
    }
  }, 300_000);
});

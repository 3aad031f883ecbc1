import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { main } from './cli/main';
import { startTestServer, type TestServer } from './testing';

// Vendor resources through the CLI against a real server. In-process `main()` (cli.test.ts covers the
// spawned bin): what is checked is each command's input mapping, output and exit codes.

let server: TestServer;
let token: string;
let scratch: string;

beforeAll(async () => {
  server = await startTestServer();
  ({ token } = await server.ws.caller.apiToken.create({
    name: 'vendors',
    scopes: [
      'rpdb:read',
      'rpdb:write',
      'flexcare:read',
      'flexcare:write',
      'appgate:read',
      'appgate:write',
      'twon:read',
      'twon:write',
      'soajs:read',
      'soajs:write',
    ],
  }));
  scratch = await mkdtemp(path.join(tmpdir(), 'profilehub-vendor-cli-'));
}, 300_000);
afterAll(async () => {
  await server?.close();
  if (scratch) await rm(scratch, { recursive: true, force: true });
});

type Run = { code: number; stdout: string; stderr: string };

async function cli(...args: string[]): Promise<Run> {
  let stdout = '';
  let stderr = '';
  const code = await main(args, {
    stdout: (t) => {
      stdout += t;
    },
    stderr: (t) => {
      stderr += t;
    },
    env: { PROFILEHUB_URL: server.url, PROFILEHUB_TOKEN: token, PROFILEHUB_DATA_DIR: scratch },
  });
  return { code, stdout, stderr };
}

async function ok(...args: string[]): Promise<string> {
  const run = await cli(...args);
  expect(run.stderr, args.join(' ')).toBe('');
  expect(run.code, args.join(' ')).toBe(0);
  return run.stdout;
}

async function okJson<T = Record<string, unknown>>(...args: string[]): Promise<T> {
  return JSON.parse(await ok(...args, '--json')) as T;
}

describe('vendor resources from the CLI', () => {
  it('RPdb profiles and API keys: list / get / create / update / delete', async () => {
    const { account } = await okJson<{ account: { id: number } }>('call', 'rpdb.account.create', '--input', '{"name":"acme"}');
    const a = String(account.id);
    const created = await okJson<{ id: number; name: string }>('rpdb', 'profile', 'create', '--account', a, '--input', '{"name":"Lobby"}');
    expect(created).toMatchObject({ name: 'Lobby' });
    const id = String(created.id);
    const table = await ok('rpdb', 'profile', 'list', '--account', a);
    expect(table).toMatch(/^ID +NAME +SORTORDER\n/);
    expect(table).toContain(`${id}   Lobby`);
    expect(await okJson('rpdb', 'profile', 'get', id, '--account', a)).toMatchObject({ id: created.id, name: 'Lobby' });
    expect(await okJson('rpdb', 'profile', 'update', id, '--account', a, '--input', '{"name":"Hall"}')).toMatchObject({ name: 'Hall' });
    expect(await ok('rpdb', 'profile', 'get', id, '--account', a)).toMatch(/^id +\d+\nname +Hall\n/m);
    expect(await ok('rpdb', 'profile', 'delete', id, '--account', a)).toBe(`deleted RPdb profile ${id}\n`);
    expect(await cli('rpdb', 'profile', 'get', id, '--account', a)).toEqual({
      code: 4,
      stdout: '',
      stderr: `error: no RPdb profile with id ${id}\n`,
    });

    const key = await okJson<{ key: string; apiKey: { id: number } }>(
      'rpdb',
      'key',
      'create',
      '--account',
      a,
      '--input',
      '{"name":"reader"}',
    );
    expect(key.key.length).toBeGreaterThan(10);
    const keys = await okJson<{ id: number; name: string }[]>('rpdb', 'key', 'list', '--account', a);
    expect(keys.map((k) => k.name)).toEqual(['reader']);
    expect(await okJson('rpdb', 'key', 'update', String(key.apiKey.id), '--account', a, '--input', '{"rights":[]}')).toMatchObject({
      id: key.apiKey.id,
    });
    expect(await ok('rpdb', 'key', 'delete', String(key.apiKey.id), '--account', a)).toBe(`deleted RPdb API key ${key.apiKey.id}\n`);
    expect(await cli('rpdb', 'key', 'list')).toMatchObject({
      code: 2,
      stderr: expect.stringContaining('"rpdb key list" needs --account ID'),
    });
  });

  it('FlexCare profiles', async () => {
    const reseller = await okJson<{ id: string }>('call', 'flexcare.reseller.create', '--input', '{"name":"R"}');
    const customer = await okJson<{ id: string }>(
      'call',
      'flexcare.customer.create',
      '--input',
      JSON.stringify({ name: 'C', reseller: reseller.id }),
    );
    const p = await okJson<{ id: string }>(
      'flexcare',
      'profile',
      'create',
      '--input',
      JSON.stringify({ name: 'Front desk', customer: customer.id }),
    );
    expect(await ok('flexcare', 'profile', 'list')).toContain('Front desk');
    expect(await okJson('flexcare', 'profile', 'get', p.id)).toMatchObject({ id: p.id, name: 'Front desk' });
    expect(await okJson('flexcare', 'profile', 'update', p.id, '--input', '{"name":"Back office"}')).toMatchObject({ name: 'Back office' });
    expect(await ok('flexcare', 'profile', 'delete', p.id)).toBe(`deleted FlexCare profile ${p.id}\n`);
    expect((await cli('flexcare', 'profile', 'get', p.id)).code).toBe(4);
  });

  it('Appgate client profiles', async () => {
    const p = await okJson<{ id: string }>(
      'appgate',
      'client-profile',
      'create',
      '--input',
      '{"name":"Laptops","identityProviderName":"local"}',
    );
    expect(await ok('appgate', 'client-profile', 'list')).toContain('Laptops');
    expect(await okJson('appgate', 'client-profile', 'get', p.id)).toMatchObject({ name: 'Laptops' });
    const updated = await okJson(
      'appgate',
      'client-profile',
      'update',
      p.id,
      '--input',
      '{"profile":{"name":"Phones","identityProviderName":"local"}}',
    );
    expect(updated).toMatchObject({ name: 'Phones' });
    expect(await ok('appgate', 'client-profile', 'delete', p.id)).toBe(`deleted Appgate client profile ${p.id}\n`);
    expect((await cli('appgate', 'client-profile', 'get', p.id)).code).toBe(4);
  });

  it('2N directories and entries', async () => {
    const dir = await okJson<{ id: string }>('twon', 'directory', 'create', '--input', '{"name":"Lobby panel"}');
    expect(await ok('twon', 'directory', 'list')).toContain('Lobby panel');
    expect(await okJson('twon', 'directory', 'update', dir.id, '--input', '{"name":"Gate"}')).toMatchObject({ name: 'Gate' });
    const entry = await okJson<{ uuid: string; timestamp: number }>(
      'twon',
      'entry',
      'create',
      '--directory',
      dir.id,
      '--input',
      '{"name":"Ann"}',
    );
    expect(await okJson('twon', 'entry', 'get', entry.uuid, '--directory', dir.id)).toMatchObject({ uuid: entry.uuid, name: 'Ann' });
    const changed = await okJson<{ timestamp: number }>(
      'twon',
      'entry',
      'update',
      entry.uuid,
      '--directory',
      dir.id,
      '--input',
      '{"email":"ann@example.com"}',
    );
    expect(changed.timestamp).toBeGreaterThan(entry.timestamp);
    expect(await ok('twon', 'entry', 'list', '--directory', dir.id)).toMatch(/ann@example\.com/);
    expect(await ok('twon', 'entry', 'delete', entry.uuid, '--directory', dir.id)).toBe(`deleted 2N directory entry ${entry.uuid}\n`);
    expect(await ok('twon', 'directory', 'delete', dir.id)).toBe(`deleted 2N directory ${dir.id}\n`);
    expect((await cli('twon', 'directory', 'get', dir.id)).code).toBe(4);
  });

  it('SOAJS tenants', async () => {
    const t = await okJson<{ id: string }>('soajs', 'tenant', 'create', '--input', '{"code":"ACME","name":"Acme"}');
    expect(await ok('soajs', 'tenant', 'list')).toMatch(/ACME +Acme/);
    expect(await okJson('soajs', 'tenant', 'update', t.id, '--input', '{"name":"Acme Inc"}')).toMatchObject({ name: 'Acme Inc' });
  });

  it('SOAJS users', async () => {
    // Users live in a tenant: the root tenant is the workspace's first one.
    if ((await okJson<unknown[]>('soajs', 'tenant', 'list')).length === 0)
      await ok('soajs', 'tenant', 'create', '--input', '{"code":"ROOT","name":"Root"}');
    const fields = { username: 'jdoe', firstName: 'John', lastName: 'Doe', email: 'jdoe@example.com' };
    const added = await okJson<Record<string, unknown>>('soajs', 'user', 'create', '--input', JSON.stringify(fields));
    const listed = await okJson<{ _id: string; username: string }[]>('soajs', 'user', 'list');
    const id = listed.find((u) => u.username === 'jdoe')?._id ?? String(added.id ?? added._id);
    expect(await ok('soajs', 'user', 'list')).toMatch(/jdoe +John +Doe +jdoe@example\.com/);
    expect(await okJson('soajs', 'user', 'get', id)).toMatchObject({ username: 'jdoe' });
    const edited = { uId: id, ...fields, firstName: 'Johnny', status: 'active' };
    await ok('soajs', 'user', 'update', id, '--input', JSON.stringify(edited));
    expect(await okJson('soajs', 'user', 'get', id)).toMatchObject({ firstName: 'Johnny' });
    expect(await ok('soajs', 'user', 'delete', id)).toBe(`deleted SOAJS user ${id}\n`);
    expect((await cli('soajs', 'user', 'get', id)).code).not.toBe(0);
  });

  it('call reaches any procedure: queries, mutations, and says so for an unknown one', async () => {
    expect(await okJson('call', 'auth.me')).toMatchObject({ label: 'owner/vendors' });
    expect(await cli('call', 'rpdb.nothing.here')).toEqual({
      code: 4,
      stdout: '',
      stderr: 'error: no procedure "rpdb.nothing.here" on the server\n',
    });
    expect(await cli('call', 'not a path')).toMatchObject({ code: 2 });
    expect(await cli('call', 'twoN.directory.create', '--input', '{"name":')).toMatchObject({
      code: 2,
      stderr: expect.stringMatching(/^error: --input is not valid JSON/),
    });
    expect(await cli('call', 'twoN.directory.create', '--input', '{"nope":1}')).toMatchObject({
      code: 2,
      stderr: expect.stringMatching(/^error: invalid input: /),
    });
  });
});

describe('2N import / export', () => {
  it('imports 10,000 entries from JSON, exports them as CSV, and the CSV imports into another directory unchanged', async () => {
    const source = await okJson<{ id: string }>('twon', 'directory', 'create', '--input', '{"name":"Big","capacity":20000}');
    const entries = Array.from({ length: 10_000 }, (_, i) => ({
      name: `Person ${i}`,
      email: `p${i}@example.com`,
      access: { pin: String(1000 + i) },
    }));
    const file = path.join(scratch, 'big.json');
    await writeFile(file, JSON.stringify(entries));

    let started = Date.now();
    const imported = await cli('twon', 'import', source.id, file);
    const importMs = Date.now() - started;
    expect(imported.stderr).toBe('');
    expect(imported).toMatchObject({ code: 0, stdout: `imported 10000 of 10000 entries into directory ${source.id}\n` });

    started = Date.now();
    const csvFile = path.join(scratch, 'big.csv');
    expect(await cli('twon', 'export', source.id, csvFile)).toMatchObject({ code: 0, stdout: '' });
    const exportMs = Date.now() - started;
    const lines = (await readFile(csvFile, 'utf8')).trimEnd().split('\r\n');
    expect(lines).toHaveLength(10_001);
    const header = lines[0]!.split(',');
    expect(header.slice(0, 3)).toEqual(['uuid', 'owner', 'name']);
    expect(header).toContain('access.pin');
    expect(lines.some((l) => l.includes('Person 9999') && l.includes('p9999@example.com') && l.includes(',10999,'))).toBe(true);
    console.info(`2N import of 10,000 entries (JSON): ${importMs} ms; export as CSV: ${exportMs} ms`);

    const copy = await okJson<{ id: string }>('twon', 'directory', 'create', '--input', '{"name":"Copy","capacity":20000}');
    expect(await cli('twon', 'import', copy.id, csvFile)).toMatchObject({
      code: 0,
      stdout: `imported 10000 of 10000 entries into directory ${copy.id}\n`,
    });
    const again = path.join(scratch, 'copy.csv');
    expect(await cli('twon', 'export', copy.id, again)).toMatchObject({ code: 0, stdout: '' });
    const sortRows = (text: string) => text.trimEnd().split('\r\n').slice(1).sort();
    expect(sortRows(await readFile(again, 'utf8'))).toEqual(sortRows(await readFile(csvFile, 'utf8')));

    // JSON export lists what differs from the model's defaults, and imports back as it is.
    const exported = JSON.parse(await ok('twon', 'export', copy.id, '--format', 'json')) as Record<string, unknown>[];
    expect(exported).toHaveLength(10_000);
    expect(exported.find((e) => e.name === 'Person 7')).toEqual({
      uuid: expect.any(String),
      name: 'Person 7',
      email: 'p7@example.com',
      access: { pin: '1007' },
    });
  }, 600_000);

  it('reports rejected rows with their line and the 2N error, and exits 1', async () => {
    const dir = await okJson<{ id: string }>('twon', 'directory', 'create', '--input', '{"name":"Small"}');
    const file = path.join(scratch, 'bad.json');
    await writeFile(file, JSON.stringify([{ name: 'Fine' }, { name: 'Bad', nosuchfield: 1 }, { name: 'Also fine' }]));
    const run = await cli('twon', 'import', dir.id, file, '--json');
    expect(run.code).toBe(1);
    const rows = JSON.parse(run.stdout) as { row: number; uuid?: string; timestamp?: number; errors?: unknown[] }[];
    expect(rows.map((r) => r.row)).toEqual([1, 2, 3]);
    expect(rows[0]).toMatchObject({ uuid: expect.any(String), timestamp: expect.any(Number) });
    expect(rows[1]!.errors?.length).toBeGreaterThan(0);
    expect(run.stderr).toBe('error: 1 of 3 rows rejected\n');
    const text = await cli('twon', 'import', dir.id, file);
    expect(text.stdout).toMatch(/^row 2 \([0-9A-F-]{36}\): EDIR_FIELD_NAME_UNKNOWN \(nosuchfield\)$/m);
  });
});

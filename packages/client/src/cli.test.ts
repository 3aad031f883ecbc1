import { spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { type AddressInfo, createServer } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { createTestWorkspace } from '@profilehub/api/testing';
import { createDb } from '@profilehub/db';
import postgres from 'postgres';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { formatDate } from './cli/format';
import { createProfilehubClient } from './index';
import { startTestServer, type TestServer } from './testing';

const bin = fileURLToPath(new URL('../bin/profilehub.mjs', import.meta.url));
const DAY_MS = 86_400_000;

let server: TestServer;
let scratch: string;

beforeAll(async () => {
  server = await startTestServer();
  // An empty data dir, so no test ever falls back to a developer's real demo credentials.
  scratch = await mkdtemp(path.join(tmpdir(), 'profilehub-cli-'));
});
afterAll(async () => {
  await server?.close();
  if (scratch) await rm(scratch, { recursive: true, force: true });
});
beforeEach(() => {
  server.clock.set(new Date());
});

type Run = { code: number | null; stdout: string; stderr: string };

/** Runs the real CLI as a child process (asynchronously: the server answering it lives in this process). */
function cli(args: string[], env: Record<string, string | undefined> = {}): Promise<Run> {
  const merged: Record<string, string | undefined> = {
    PATH: process.env.PATH,
    PROFILEHUB_DATA_DIR: scratch,
    PROFILEHUB_URL: server.url,
    PROFILEHUB_TOKEN: server.ownerToken,
    ...env,
  };
  const childEnv = Object.fromEntries(Object.entries(merged).filter((e): e is [string, string] => e[1] !== undefined));
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [bin, ...args], { env: childEnv, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => (stdout += d));
    child.stderr.on('data', (d) => (stderr += d));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

/** Splits a table row at the header's column starts, which also proves the columns line up. */
function columns(header: string, row: string): string[] {
  const starts = [...header.matchAll(/(?:^|\s{2})(\S)/g)].map((m) => m.index! + m[0].length - 1);
  return starts.map((start, i) => row.slice(start, starts[i + 1]).trim());
}

async function closedPort(): Promise<number> {
  const probe = createServer();
  await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
  const { port } = probe.address() as AddressInfo;
  await new Promise((resolve) => probe.close(resolve));
  return port;
}

describe('profilehub token', () => {
  it('create prints the plaintext once with the token details, and the token works', async () => {
    const run = await cli([
      'token',
      'create',
      '--name',
      'ci',
      '--scope',
      'tokens:read',
      '--scope',
      'accounts:read',
      '--expires-days',
      '30',
    ]);
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    const token = /^ {2}(ph_\S+)$/m.exec(run.stdout)?.[1];
    expect(token).toBeDefined();
    const me = await createProfilehubClient({ url: server.url, token: token! }).auth.me.query();
    expect(me).toMatchObject({ label: 'owner/ci', scopes: ['tokens:read', 'accounts:read'] });
    const created = (await server.ws.caller.apiToken.list()).find((t) => t.name === 'ci')!;
    expect(run.stdout).toBe(
      [
        'API token created. Copy it now; it is not shown again:',
        '',
        `  ${token}`,
        '',
        `id       ${created.id}`,
        'name     ci',
        `prefix   ${created.prefix}`,
        'scopes   tokens:read, accounts:read',
        'status   active',
        `expires  ${formatDate(new Date(server.clock.now().getTime() + 30 * DAY_MS))}`,
        'owner    owner',
        '',
      ].join('\n'),
    );
  });

  it('create --json prints the token and its record for scripts', async () => {
    const run = await cli(['token', 'create', '--name', 'json-one', '--scope', 'tokens:read,audit:read', '--json']);
    expect(run.code).toBe(0);
    expect(run.stderr).toBe('');
    const out = JSON.parse(run.stdout);
    expect(out).toEqual({
      token: expect.stringMatching(/^ph_/),
      apiToken: {
        id: expect.any(String),
        name: 'json-one',
        prefix: out.token.slice(0, out.apiToken.prefix.length),
        scopes: ['tokens:read', 'audit:read'],
        accountId: server.ownerAccountId,
        accountUsername: 'owner',
        expiresAt: null,
        lastUsedAt: null,
        revokedAt: null,
        createdAt: server.clock.now().toISOString(),
        status: 'active',
      },
    });
  });

  it('list prints an aligned table (never a secret), and --json the records', async () => {
    const made = await cli(['token', 'create', '--name', 'listed', '--scope', 'tokens:read', '--json']);
    const { token, apiToken } = JSON.parse(made.stdout);

    const run = await cli(['token', 'list']);
    expect(run.code).toBe(0);
    expect(run.stderr).toBe('');
    const [header, ...rows] = run.stdout.trimEnd().split('\n');
    expect(header).toMatch(/^ID {36}NAME +PREFIX +STATUS +EXPIRES +LAST USED +OWNER +SCOPES$/);
    const row = rows.find((r) => r.startsWith(apiToken.id))!;
    expect(columns(header!, row)).toEqual([apiToken.id, 'listed', apiToken.prefix, 'active', 'never', 'never', 'owner', 'tokens:read']);
    expect(rows.length).toBe((await server.ws.caller.apiToken.list()).length);
    expect(run.stdout).not.toContain(token);
    expect(run.stdout).not.toContain(server.ownerToken);

    const json = await cli(['token', 'list', '--json']);
    expect(json.code).toBe(0);
    const records = JSON.parse(json.stdout) as Record<string, unknown>[];
    expect(records.find((r) => r.id === apiToken.id)).toEqual({ ...apiToken, status: 'active' });
    for (const record of records) expect(Object.keys(record).sort()).toEqual(Object.keys(apiToken).sort());
    expect(json.stdout).not.toContain(token);
  });

  it('revoke revokes; the revoked token then fails with exit code 3', async () => {
    const made = JSON.parse((await cli(['token', 'create', '--name', 'doomed', '--scope', 'tokens:read', '--json'])).stdout);
    expect((await cli(['whoami'], { PROFILEHUB_TOKEN: made.token })).code).toBe(0);

    const run = await cli(['token', 'revoke', made.apiToken.id]);
    expect(run).toEqual({
      code: 0,
      stdout: `revoked API token "doomed" (${made.apiToken.prefix}) at ${formatDate(server.clock.now())}\n`,
      stderr: '',
    });
    const list = JSON.parse((await cli(['token', 'list', '--json'])).stdout) as { id: string; status: string }[];
    expect(list.find((t) => t.id === made.apiToken.id)?.status).toBe('revoked');

    expect(await cli(['token', 'list'], { PROFILEHUB_TOKEN: made.token })).toEqual({
      code: 3,
      stdout: '',
      stderr: 'error: the server refused the API token (unknown, revoked or expired)\n',
    });
  });

  it('exit code 3 for an unknown token and for a missing scope', async () => {
    expect(await cli(['whoami'], { PROFILEHUB_TOKEN: 'ph_not-a-real-token' })).toEqual({
      code: 3,
      stdout: '',
      stderr: 'error: the server refused the API token (unknown, revoked or expired)\n',
    });
    const { token } = await server.ws.caller.apiToken.create({ name: 'reader', scopes: ['tokens:read'] });
    expect(await cli(['token', 'create', '--name', 'x', '--scope', 'tokens:read'], { PROFILEHUB_TOKEN: token })).toEqual({
      code: 3,
      stdout: '',
      stderr: 'error: permission denied: Missing scope: tokens:write\n',
    });
  });

  it("exit code 4 for an unknown id, including another workspace's token", async () => {
    const id = randomUUID();
    expect(await cli(['token', 'revoke', id])).toEqual({
      code: 4,
      stdout: '',
      stderr: `error: no API token with id ${id} in this workspace\n`,
    });
    expect((await cli(['token', 'revoke', 'nonsense'])).code).toBe(4);

    const other = await createTestWorkspace(server.db.db);
    const { token, apiToken } = await other.caller.apiToken.create({ name: 'theirs', scopes: ['tokens:read'] });
    expect((await cli(['token', 'revoke', apiToken.id])).code).toBe(4);
    expect((await cli(['whoami'], { PROFILEHUB_TOKEN: token })).code).toBe(0);
  });

  it('exit code 5 when the server is unreachable', async () => {
    const url = `http://127.0.0.1:${await closedPort()}`;
    expect(await cli(['token', 'list'], { PROFILEHUB_URL: url })).toEqual({
      code: 5,
      stdout: '',
      stderr: `error: cannot reach the server at ${url}: connection refused\n`,
    });
  });
});

describe('usage errors exit 2 with one line and a hint', () => {
  const cases: [string[], string][] = [
    [['frobnicate'], 'error: unknown command "frobnicate" (run "profilehub help" for usage)\n'],
    [['token'], 'error: "token" needs a subcommand: create, list, revoke (run "profilehub help" for usage)\n'],
    [['token', 'burn'], 'error: unknown command "token burn" (run "profilehub help" for usage)\n'],
    [['token', 'list', '--bogus'], 'error: unknown option --bogus (run "profilehub help" for usage)\n'],
    [['token', 'list', '--name', 'x'], 'error: option --name does not apply to "token list" (run "profilehub help token list")\n'],
    [['token', 'list', 'extra'], 'error: unexpected argument "extra" for "token list" (run "profilehub help" for usage)\n'],
    [['token', 'revoke'], 'error: "token revoke" needs ID (usage: profilehub token revoke ID)\n'],
    [['token', 'create', '--scope', 'tokens:read'], 'error: token create needs --name (e.g. --name ci-sync)\n'],
    [['token', 'create', '--name'], 'error: option --name needs a value (run "profilehub help token create")\n'],
    [
      ['token', 'create', '--name', 'x'],
      'error: token create needs at least one --scope (e.g. --scope tokens:read; "profilehub whoami" lists yours)\n',
    ],
    [
      ['token', 'create', '--name', 'x', '--scope', 'tokens:read', '--expires-days', 'soon'],
      'error: --expires-days must be a whole number of days, got "soon"\n',
    ],
    [['account', 'create', 'bob', '--role', 'king'], 'error: --role must be one of owner, admin, viewer, got "king"\n'],
  ];
  it.each(cases)('profilehub %j', async (args, stderr) => {
    expect(await cli(args)).toEqual({ code: 2, stdout: '', stderr });
  });

  it('input the server rejects is a usage error too, naming the field', async () => {
    const run = await cli(['token', 'create', '--name', 'x', '--scope', 'nope:read']);
    expect(run.code).toBe(2);
    expect(run.stdout).toBe('');
    expect(run.stderr).toMatch(/^error: invalid input: scopes\.0: .*"tokens:read".*\n$/);
  });

  it('says what is missing when no server is configured', async () => {
    expect(await cli(['whoami'], { PROFILEHUB_URL: undefined, PROFILEHUB_TOKEN: undefined })).toEqual({
      code: 2,
      stdout: '',
      stderr: `error: no server configured: pass --url and --token or set PROFILEHUB_URL and PROFILEHUB_TOKEN (no demo credentials in ${path.join(scratch, 'demo-credentials.json')})\n`,
    });
  });
});

describe('profilehub help', () => {
  it('lists every command and the exit codes', async () => {
    const run = await cli(['help']);
    expect(run.code).toBe(0);
    expect(run.stderr).toBe('');
    for (const usage of [
      'token create --name NAME --scope SCOPE',
      'token list',
      'token revoke ID',
      'account create USERNAME [--role owner|admin|viewer]',
      'account list',
      'whoami',
      'db migrate',
    ]) {
      expect(run.stdout).toContain(`\n  ${usage}`);
    }
    expect(run.stdout).toContain(
      'Exit codes:\n  0  success\n  1  failure (conflict, server error, unexpected answer)\n  2  usage error, or input the server rejected as invalid\n  3  authentication or permission refused (unknown, revoked or expired token; missing scope)\n  4  not found\n  5  server, or its database, unreachable\n',
    );
    const one = await cli(['token', 'revoke', '--help']);
    expect(one.code).toBe(0);
    expect(one.stdout).toMatch(/^Usage: profilehub token revoke ID\n\nrevoke a token/);
  });
});

describe('profilehub account and whoami', () => {
  it('account create prints a generated password once; it signs in; list shows the account', async () => {
    const run = await cli(['account', 'create', 'alice', '--role', 'admin', '--display-name', 'Alice Admin']);
    expect(run.code).toBe(0);
    expect(run.stderr).toBe('');
    const password = /^ {2}(\S+)$/m.exec(run.stdout)?.[1];
    expect(password).toBeDefined();
    const accounts = await server.ws.caller.account.list();
    const alice = accounts.find((a) => a.username === 'alice')!;
    expect(run.stdout).toBe(
      `Account created. Its generated password is shown only once:\n\n  ${password}\n\nid            ${alice.id}\nusername      alice\ndisplay name  Alice Admin\nrole          admin\n`,
    );
    const anonymous = createProfilehubClient({ url: server.url, token: '' });
    await expect(anonymous.auth.login.mutate({ workspace: server.ws.slug, username: 'alice', password: password! })).resolves.toMatchObject(
      {
        account: { username: 'alice', role: 'admin' },
      },
    );

    const list = await cli(['account', 'list']);
    expect(list.code).toBe(0);
    const [header, ...rows] = list.stdout.trimEnd().split('\n');
    expect(header).toMatch(/^ID +USERNAME +DISPLAY NAME +ROLE +STATUS +CREATED$/);
    expect(rows.map((r) => columns(header!, r))).toEqual(
      accounts.map((a) => [a.id, a.username, a.displayName || '-', a.role, 'active', formatDate(a.createdAt)]),
    );

    expect(await cli(['account', 'create', 'ALICE', '--password', 'another-long-password'])).toMatchObject({
      code: 1,
      stdout: '',
      stderr: expect.stringMatching(/^error: .+\n$/),
    });
  });

  it('whoami shows the actor, workspace and scopes', async () => {
    expect(await cli(['whoami'])).toEqual({
      code: 0,
      stdout: `actor      api_token owner/owner-all\naccount    owner (owner)\nworkspace  ${server.ws.slug} (${server.ws.slug})\nscopes     accounts:read, accounts:write, tokens:read, tokens:write, audit:read\n`,
      stderr: '',
    });
  });

  it('falls back to the demo credentials file, and never sends its token to another server', async () => {
    const dir = await mkdtemp(path.join(tmpdir(), 'profilehub-demo-'));
    try {
      const file = path.join(dir, 'demo-credentials.json');
      await writeFile(file, JSON.stringify({ admin: {}, api: { url: `${server.url}/`, token: server.ownerToken } }));
      const run = await cli(['whoami', '--json'], { PROFILEHUB_DATA_DIR: dir, PROFILEHUB_URL: undefined, PROFILEHUB_TOKEN: undefined });
      expect(run.code).toBe(0);
      expect(run.stderr).toBe(`using the demo API token and URL from ${file}\n`);
      expect(JSON.parse(run.stdout)).toMatchObject({ label: 'owner/owner-all' });

      const elsewhere = await cli(['whoami'], {
        PROFILEHUB_DATA_DIR: dir,
        PROFILEHUB_URL: 'http://example.invalid:3100',
        PROFILEHUB_TOKEN: undefined,
      });
      expect(elsewhere).toEqual({ code: 2, stdout: '', stderr: 'error: no API token: pass --token or set PROFILEHUB_TOKEN\n' });
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});

describe('profilehub db migrate', () => {
  // The same suite runs on both databases: PostgreSQL (a throwaway database) when TEST_DATABASE_URL is set.
  const serverUrl = process.env.TEST_DATABASE_URL;

  it(`applies the migrations to ${serverUrl ? 'a fresh PostgreSQL database' : 'an embedded PGlite folder, warning that the server must be stopped'}`, async () => {
    if (serverUrl) {
      const name = `profilehub_cli_${randomUUID().replaceAll('-', '').slice(0, 12)}`;
      const admin = postgres(serverUrl, { max: 1, onnotice: () => {} });
      await admin.unsafe(`create database "${name}"`);
      const url = new URL(serverUrl);
      url.pathname = `/${name}`;
      try {
        const run = await cli(['db', 'migrate'], { DATABASE_URL: url.toString(), PROFILEHUB_URL: undefined, PROFILEHUB_TOKEN: undefined });
        expect(run).toEqual({ code: 0, stdout: `migrations applied (postgres ${url.host}/${name})\n`, stderr: '' });
        const target = postgres(url.toString(), { max: 1, onnotice: () => {} });
        try {
          expect(await target`select count(*)::int as n from workspaces`).toEqual([{ n: 0 }]);
        } finally {
          await target.end();
        }
      } finally {
        await admin.unsafe(`drop database if exists "${name}" with (force)`);
        await admin.end();
      }
      return;
    }
    const dir = path.join(scratch, 'pglite-migrate');
    const run = await cli(['db', 'migrate'], {
      PGLITE_DIR: dir,
      DATABASE_URL: undefined,
      PROFILEHUB_URL: undefined,
      PROFILEHUB_TOKEN: undefined,
    });
    expect(run).toEqual({
      code: 0,
      stdout: `migrations applied (pglite ${dir})\n`,
      stderr: `warning: PGlite has no lock between processes; stop the server using pglite ${dir} before migrating\n`,
    });
    const handle = createDb({ pgliteDir: dir, DATABASE_URL: undefined });
    try {
      const { rows } = (await handle.db.execute('select count(*)::int as n from workspaces')) as unknown as { rows: { n: number }[] };
      expect(rows).toEqual([{ n: 0 }]);
    } finally {
      await handle.close();
    }
  }, 180_000);

  it('exits 5 when the database cannot be reached, and 2 when DATABASE_URL is not a URL', async () => {
    const port = await closedPort();
    expect(
      await cli(['db', 'migrate'], { DATABASE_URL: `postgres://postgres@127.0.0.1:${port}/nowhere`, PROFILEHUB_URL: undefined }),
    ).toEqual({
      code: 5,
      stdout: '',
      stderr: `error: database unreachable (postgres 127.0.0.1:${port}/nowhere): connect ECONNREFUSED 127.0.0.1:${port}\n`,
    });
    expect(await cli(['db', 'migrate'], { DATABASE_URL: 'nonsense' })).toEqual({
      code: 2,
      stdout: '',
      stderr: 'error: invalid database configuration: DATABASE_URL: Invalid URL\n',
    });
  });
});

import { type ChildProcess, spawn } from 'node:child_process';
import { createHash, randomBytes } from 'node:crypto';
import { chmodSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { createCaller, createWorkspaceWithOwner } from '@profilehub/api';
import { TEST_SERVER_SECRET } from '@profilehub/api/testing';
import { createTestDb } from '@profilehub/db/testing';
import { afterAll, describe, expect, it } from 'vitest';
import { readServerEnv } from './env';
import { resolveServerSecret, SECRET_FILE_NAME } from './secret';

// The server secret (PROFILEHUB_SECRET): validated at start, required with DATABASE_URL, generated once into
// the data folder of the embedded default; and what it buys: 2N Digest nonces that every instance sharing it
// accepts, across restarts too.

const main = path.join(path.dirname(fileURLToPath(import.meta.url)), 'main.ts');
const md5 = (s: string) => createHash('md5').update(s).digest('hex');
const dirs: string[] = [];
const children: ChildProcess[] = [];

function tempDir(): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'ph-secret-'));
  dirs.push(dir);
  return dir;
}

afterAll(() => {
  for (const child of children) if (child.exitCode === null) child.kill('SIGKILL');
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
});

type Started = { base: string; child: ChildProcess; output: () => string };

/** Starts main.ts; resolves once it listens (or rejects with its output when it exits first). */
function startServer(env: NodeJS.ProcessEnv): Promise<Started> {
  const child = spawn(process.execPath, ['--import', 'tsx', main], {
    env: { ...process.env, PORT: '0', LOG_LEVEL: 'warn', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  children.push(child);
  let out = '';
  child.stdout.on('data', (d) => (out += d));
  child.stderr.on('data', (d) => (out += d));
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`server did not start:\n${out}`)), 90_000);
    child.stdout.on('data', () => {
      const m = /Profilehub API\s+http:\/\/localhost:(\d+)/.exec(out);
      if (m) {
        clearTimeout(timer);
        resolve({ base: `http://127.0.0.1:${m[1]}`, child, output: () => out });
      }
    });
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(Object.assign(new Error(`server exited with ${code}:\n${out}`), { exitCode: code, output: out }));
    });
  });
}

async function stop(server: Started): Promise<void> {
  if (server.child.exitCode !== null) return;
  const exited = new Promise((r) => server.child.once('exit', r));
  server.child.kill('SIGTERM');
  await exited;
}

/** The exit code and output of a start that is expected to fail. */
async function failedStart(env: NodeJS.ProcessEnv): Promise<{ exitCode: number; output: string }> {
  try {
    const started = await startServer(env);
    await stop(started);
    throw new Error('the server started');
  } catch (err) {
    const e = err as { exitCode?: number; output?: string };
    if (e.exitCode === undefined) throw err;
    return { exitCode: e.exitCode, output: e.output ?? '' };
  }
}

/** The nonce of the Digest challenge a server answers an unauthenticated 2N call with. */
async function challengeNonce(base: string): Promise<string> {
  const res = await fetch(`${base}/api/dir/query`, { method: 'POST', body: '{}' });
  expect(res.status).toBe(401);
  const nonce = /Digest [^,]*(?:,[^,]*)*nonce="([^"]+)"/.exec(res.headers.get('www-authenticate') ?? '')?.[1];
  expect(nonce).toBeTruthy();
  return nonce!;
}

function digestHeader(username: string, password: string, nonce: string, nc: string): string {
  const ha1 = md5(`${username}:HTTP API:${password}`);
  const response = md5(`${ha1}:${nonce}:${nc}:c0ffee:auth:${md5('POST:/api/dir/query')}`);
  return `Digest username="${username}", realm="HTTP API", nonce="${nonce}", uri="/api/dir/query", qop=auth, nc=${nc}, cnonce="c0ffee", response="${response}"`;
}

async function digestQuery(base: string, authorization: string) {
  const res = await fetch(`${base}/api/dir/query`, { method: 'POST', headers: { authorization }, body: '{"iterator":{"timestamp":0}}' });
  return { status: res.status, body: (await res.json()) as { success: boolean; error?: { code: number } } };
}

describe('server secret settings', () => {
  it('with DATABASE_URL, PROFILEHUB_SECRET is required; a short or repetitive one is refused with a clear message', () => {
    expect(() => readServerEnv({ DATABASE_URL: 'postgres://u@127.0.0.1:5432/x' })).toThrow(/PROFILEHUB_SECRET: required with DATABASE_URL/);
    expect(() => readServerEnv({ DATABASE_URL: 'postgres://u@127.0.0.1:5432/x', PROFILEHUB_SECRET: 'short' })).toThrow(
      /PROFILEHUB_SECRET: must be at least 32 characters long/,
    );
    expect(() => readServerEnv({ PROFILEHUB_SECRET: 'a'.repeat(40) })).toThrow(/PROFILEHUB_SECRET: is too repetitive/);
    expect(readServerEnv({ DATABASE_URL: 'postgres://u@127.0.0.1:5432/x', PROFILEHUB_SECRET: TEST_SERVER_SECRET }).PROFILEHUB_SECRET).toBe(
      TEST_SERVER_SECRET,
    );
    expect(() => resolveServerSecret({ DATABASE_URL: 'postgres://u@127.0.0.1:5432/x' }, tempDir())).toThrow(/required with DATABASE_URL/);
  });

  it('on the embedded default it is generated once into the data folder (mode 0600) and reused', () => {
    const dir = path.join(tempDir(), 'data');
    const first = resolveServerSecret({}, dir);
    expect(first.origin).toBe('generated');
    const file = path.join(dir, SECRET_FILE_NAME);
    expect(statSync(file).mode & 0o777).toBe(0o600);
    expect(readFileSync(file, 'utf8').trim()).toBe(first.secret);
    expect(first.secret.length).toBeGreaterThanOrEqual(32);
    const again = resolveServerSecret({}, dir);
    expect(again).toEqual({ secret: first.secret, origin: 'file', file });
    // A file someone made readable is narrowed back; a damaged one stops the start, naming the file.
    chmodSync(file, 0o644);
    resolveServerSecret({}, dir);
    expect(statSync(file).mode & 0o777).toBe(0o600);
    writeFileSync(file, 'short\n');
    expect(() => resolveServerSecret({}, dir)).toThrow(`${file}: the server secret must be at least 32 characters long`);
    // PROFILEHUB_SECRET, when set, wins over the file.
    expect(resolveServerSecret({ PROFILEHUB_SECRET: TEST_SERVER_SECRET }, dir).origin).toBe('env');
  });

  it('a 2N Digest nonce stays good across a restart of the embedded server (the secret file is reused)', async () => {
    const dataDir = path.join(tempDir(), 'data');
    const env = { DATABASE_URL: '', PROFILEHUB_SECRET: '', PROFILEHUB_DATA_DIR: dataDir };
    const first = await startServer(env);
    const nonce = await challengeNonce(first.base);
    await stop(first);
    const creds = JSON.parse(readFileSync(path.join(dataDir, 'demo-credentials.json'), 'utf8')) as {
      twoN: { username: string; password: string };
    };
    expect(statSync(path.join(dataDir, SECRET_FILE_NAME)).mode & 0o777).toBe(0o600);
    const second = await startServer(env);
    try {
      const answer = await digestQuery(second.base, digestHeader(creds.twoN.username, creds.twoN.password, nonce, '00000001'));
      expect(answer).toMatchObject({ status: 200, body: { success: true } });
    } finally {
      await stop(second);
    }
  }, 180_000);
});

// Two instances on one PostgreSQL: runs in the PostgreSQL pass (TEST_DATABASE_URL).
describe.skipIf(!process.env.TEST_DATABASE_URL)('several server processes on one PostgreSQL', () => {
  it('accept each other’s Digest nonces when they share PROFILEHUB_SECRET; another secret, or none, does not start', async () => {
    const handle = await createTestDb();
    try {
      const ctx = await createWorkspaceWithOwner(handle.db, {
        slug: `secret-${randomBytes(3).toString('hex')}`,
        name: 'secret',
        username: 'owner',
        password: 'secret-owner-password',
      });
      const caller = createCaller(ctx);
      const dir = await caller.twoN.directory.create({ name: 'shared nonce device' });
      await caller.twoN.account.create({ directoryId: dir.id, username: 'shared-nonce', password: 'shared-nonce-pw', access: 'read' });
      const env = { DATABASE_URL: handle.url!, PROFILEHUB_SECRET: TEST_SERVER_SECRET, PROFILEHUB_SEED_DEMO: '0' };
      const [a, b] = await Promise.all([startServer(env), startServer(env)]);
      try {
        const nonce = await challengeNonce(a.base);
        // Issued by A, used first on B, then (count going up) on A again.
        expect(await digestQuery(b.base, digestHeader('shared-nonce', 'shared-nonce-pw', nonce, '00000001'))).toMatchObject({
          status: 200,
          body: { success: true },
        });
        expect(await digestQuery(a.base, digestHeader('shared-nonce', 'shared-nonce-pw', nonce, '00000002'))).toMatchObject({
          status: 200,
          body: { success: true },
        });
      } finally {
        await Promise.all([stop(a), stop(b)]);
      }
      const other = await failedStart({ ...env, PROFILEHUB_SECRET: `${TEST_SERVER_SECRET}-other` });
      expect(other.exitCode).not.toBe(0);
      expect(other.output).toContain('PROFILEHUB_SECRET is not the secret this database was written with');
      const none = await failedStart({ ...env, PROFILEHUB_SECRET: '' });
      expect(none.exitCode).not.toBe(0);
      expect(none.output).toContain('PROFILEHUB_SECRET: required with DATABASE_URL');
    } finally {
      await handle.close();
    }
  }, 240_000);
});

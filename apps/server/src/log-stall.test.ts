import { type ChildProcessByStdio, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Readable } from 'node:stream';
import { fileURLToPath } from 'node:url';
import { TEST_SERVER_SECRET } from '@profilehub/api/testing';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { freePort } from './testing/port';

// Under an orchestrator the server's stdout is a pipe to a log shipper. When the shipper stalls, SIGTERM must
// still end the process promptly, with the exit status of an orderly shutdown, saying on stderr what logging
// it had to leave; when the shipper is merely behind, every line still reaches it.

const main = path.join(path.dirname(fileURLToPath(import.meta.url)), 'main.ts');
const REQUESTS = 150;
// Each request's log line carries its URL: ~2 KB a line, so REQUESTS lines are far more than the pipe (64 KB)
// and the test's read buffer together take.
const PADDING = 'x'.repeat(2000);
const EXIT_BOUND_MS = 10_000;

type Server = ChildProcessByStdio<null, Readable, Readable>;
const dirs: string[] = [];
const children: Server[] = [];

afterAll(() => {
  for (const child of children) if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
});

/** Starts main.ts on embedded PGlite with its stdout a pipe nobody reads; resolves once it answers. */
async function startUnreadServer(): Promise<{ child: Server; base: string; stderr: () => string }> {
  const dir = mkdtempSync(path.join(tmpdir(), 'ph-log-stall-'));
  dirs.push(dir);
  const port = await freePort();
  const child = spawn(process.execPath, ['--import', 'tsx', main], {
    env: {
      ...process.env,
      DATABASE_URL: '',
      PROFILEHUB_DATA_DIR: dir,
      PROFILEHUB_SECRET: TEST_SERVER_SECRET,
      PROFILEHUB_SEED_DEMO: '0',
      PORT: String(port),
      HOST: '127.0.0.1',
      LOG_LEVEL: 'info',
      LOG_FORMAT: 'json',
      NODE_ENV: 'production',
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  children.push(child);
  child.stdout.pause();
  let stderr = '';
  child.stderr.on('data', (d) => (stderr += d));
  const base = `http://127.0.0.1:${port}`;
  await vi.waitFor(
    async () => {
      if (child.exitCode !== null) throw new Error(`server exited with ${child.exitCode}:\n${stderr}`);
      expect((await fetch(`${base}/healthz`)).status).toBe(200);
    },
    { timeout: 90_000, interval: 200 },
  );
  return { child, base, stderr: () => stderr };
}

/** REQUESTS answered requests, each logged on its own line (`pad=` tells them apart from the readiness polls). */
async function logLines(base: string): Promise<void> {
  for (let i = 0; i < REQUESTS; i++) {
    const res = await fetch(`${base}/healthz?n=${i}&pad=${PADDING}`);
    expect(res.status).toBe(200);
    await res.arrayBuffer();
  }
}

/** The exit code, or 'still running' when the process has not exited within EXIT_BOUND_MS. */
async function exitWithin(child: Server): Promise<number | string | null> {
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<string>((resolve) => {
    timer = setTimeout(() => resolve('still running'), EXIT_BOUND_MS);
  });
  try {
    return await Promise.race([exited, late]);
  } finally {
    clearTimeout(timer);
  }
}

describe('log output stalls (stdout a pipe nobody reads)', () => {
  it('SIGTERM still ends the server promptly with status 0, saying on stderr that log lines were left', async () => {
    const { child, base, stderr } = await startUnreadServer();
    await logLines(base);
    // The test's side of the pipe stopped reading: what the server writes now waits in the server.
    await vi.waitFor(() => expect(child.stdout.readableLength).toBeGreaterThanOrEqual(child.stdout.readableHighWaterMark), {
      timeout: 10_000,
    });

    child.kill('SIGTERM');
    expect(await exitWithin(child)).toBe(0);
    expect(stderr()).toMatch(/log output is not being read: \d+ bytes of log lines left unwritten at exit/);
  }, 120_000);

  it('a reader that catches up at shutdown gets every line, in order', async () => {
    const { child, base, stderr } = await startUnreadServer();
    await logLines(base);
    await vi.waitFor(() => expect(child.stdout.readableLength).toBeGreaterThanOrEqual(child.stdout.readableHighWaterMark), {
      timeout: 10_000,
    });

    let stdout = '';
    child.stdout.on('data', (d) => (stdout += d));
    child.kill('SIGTERM');
    child.stdout.resume();
    expect(await exitWithin(child)).toBe(0);
    await new Promise((resolve) => (child.stdout.readableEnded ? resolve(undefined) : child.stdout.once('end', resolve)));

    const lines = stdout
      .split('\n')
      .filter((l) => l.startsWith('{'))
      .map((l) => JSON.parse(l) as { msg: string; req?: { url: string } });
    const numbers = lines.flatMap((l) => {
      const m = /[?&]n=(\d+)&pad=/.exec(l.req?.url ?? '');
      return m ? [Number(m[1])] : [];
    });
    expect(numbers).toEqual(Array.from({ length: REQUESTS }, (_, i) => i));
    expect(lines.at(-1)?.msg).toBe('draining in-flight requests');
    expect(stderr()).not.toMatch(/left unwritten/);
  }, 120_000);
});

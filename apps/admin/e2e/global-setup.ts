import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import { createWriteStream, existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { createServer as createHttpServer } from 'node:http';
import { createServer } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { DemoCredentials } from '@profilehub/api';
import type { TestProject } from 'vitest/node';

// Starts the real thing for browser tests: the API server on a throwaway PGlite data dir (the user's .data is
// never touched) and the built admin app pointed at it, both on free ports; tests get the URLs and the demo
// credentials through `inject()`.

declare module 'vitest' {
  export interface ProvidedContext {
    adminUrl: string;
    apiUrl: string;
    credentials: DemoCredentials;
    /** POST `${controlUrl}/api/stop` and `/api/start`: stop and restart the API server (outage tests). */
    controlUrl: string;
    /** The API server's data folder (PGlite in `pglite/`, the server secret): written only while it is stopped. */
    dataDir: string;
  }
}

const adminDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const repoRoot = path.resolve(adminDir, '../..');
// Generous: on a loaded machine the server (run from TypeScript through tsx) can take minutes to start.
const STARTUP_TIMEOUT_MS = 240_000;

export default async function setup(project: TestProject) {
  if (process.env.E2E_SKIP_BUILD !== '1' && !buildIsFresh()) {
    const started = Date.now();
    console.log('[e2e] building the admin app (set E2E_SKIP_BUILD=1 to skip)…');
    const build = spawnSync(process.execPath, [nextBin(), 'build'], {
      cwd: adminDir,
      stdio: 'inherit',
      env: { ...process.env, NEXT_TELEMETRY_DISABLED: '1' },
    });
    if (build.status !== 0) throw new Error(`next build failed (exit ${build.status})`);
    console.log(`[e2e] next build took ${((Date.now() - started) / 1000).toFixed(1)} s`);
  }

  const tmp = await mkdtemp(path.join(os.tmpdir(), 'ph-e2e-'));
  const children: ChildProcess[] = [];
  const closers: (() => Promise<void>)[] = [];
  const teardown = async () => {
    await Promise.all(closers.map((close) => close()));
    await Promise.all(children.map(stop));
    if (process.env.E2E_KEEP_TMP === '1') console.log(`[e2e] kept ${tmp} (server.log, admin.log)`);
    else await rm(tmp, { recursive: true, force: true });
  };

  try {
    const [apiPort, adminPort] = [await freePort(), await freePort()];
    const apiUrl = `http://127.0.0.1:${apiPort}`;
    const adminUrl = `http://127.0.0.1:${adminPort}`;

    const serverEnv: NodeJS.ProcessEnv = {
      ...process.env,
      HOST: '127.0.0.1',
      PORT: String(apiPort),
      PUBLIC_URL: apiUrl,
      ADMIN_URL: adminUrl,
      PROFILEHUB_DATA_DIR: tmp,
      LOG_LEVEL: 'warn',
    };
    // Always the embedded database in the temp dir, whatever the caller's shell points at.
    delete serverEnv.DATABASE_URL;
    delete serverEnv.PGLITE_DIR;
    const startServer = async () => {
      const child = start(process.execPath, ['--import', 'tsx', 'apps/server/src/main.ts'], {
        cwd: repoRoot,
        env: serverEnv,
        log: path.join(tmp, 'server.log'),
      });
      children.push(child);
      await waitForHttp(`${apiUrl}/readyz`, child, path.join(tmp, 'server.log'));
      return child;
    };
    let server = await startServer();
    // Lets a test take the API away and bring it back (same port, same data): the outage banner's recovery.
    const control = createHttpServer((req, res) => {
      const done = (status: number) => res.writeHead(status).end();
      if (req.method === 'POST' && req.url === '/api/stop')
        void stop(server).then(
          () => done(204),
          () => done(500),
        );
      else if (req.method === 'POST' && req.url === '/api/start')
        void startServer().then(
          (child) => {
            server = child;
            done(204);
          },
          () => done(500),
        );
      else done(404);
    });
    const controlPort = await freePort();
    await new Promise<void>((resolve) => control.listen(controlPort, '127.0.0.1', resolve));
    closers.push(() => new Promise<void>((resolve) => control.close(() => resolve())));

    const credentialsFile = path.join(tmp, 'demo-credentials.json');
    await waitFor(() => existsSync(credentialsFile), 'demo-credentials.json', server, path.join(tmp, 'server.log'));
    const credentials = JSON.parse(readFileSync(credentialsFile, 'utf8')) as DemoCredentials;

    const admin = start(process.execPath, [nextBin(), 'start', '-p', String(adminPort), '-H', '127.0.0.1'], {
      cwd: adminDir,
      env: { ...process.env, PROFILEHUB_API_URL: apiUrl, NEXT_TELEMETRY_DISABLED: '1' },
      log: path.join(tmp, 'admin.log'),
    });
    children.push(admin);
    await waitForHttp(`${adminUrl}/login`, admin, path.join(tmp, 'admin.log'));

    project.provide('adminUrl', adminUrl);
    project.provide('apiUrl', apiUrl);
    project.provide('controlUrl', `http://127.0.0.1:${controlPort}`);
    project.provide('credentials', credentials);
    project.provide('dataDir', tmp);
  } catch (err) {
    await teardown();
    throw err;
  }
  return teardown;
}

function nextBin(): string {
  return path.join(repoRoot, 'node_modules/next/dist/bin/next');
}

/** The last `next build` is newer than every source file of the app (so the build step can be skipped). */
function buildIsFresh(): boolean {
  const buildId = path.join(adminDir, '.next/BUILD_ID');
  if (!existsSync(buildId)) return false;
  const builtAt = statSync(buildId).mtimeMs;
  const inputs = ['next.config.ts', 'postcss.config.mjs', 'package.json', 'tsconfig.json'].map((f) => path.join(adminDir, f));
  const newest = Math.max(...inputs.filter(existsSync).map((f) => statSync(f).mtimeMs), newestMtime(path.join(adminDir, 'src')));
  return newest < builtAt;
}

function newestMtime(dir: string): number {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    newest = Math.max(newest, entry.isDirectory() ? newestMtime(full) : statSync(full).mtimeMs);
  }
  return newest;
}

function start(command: string, args: string[], opts: { cwd: string; env: NodeJS.ProcessEnv; log: string }): ChildProcess {
  const out = createWriteStream(opts.log);
  // Own process group, so stopping it also stops anything it spawned.
  const child = spawn(command, args, { cwd: opts.cwd, env: opts.env, stdio: ['ignore', 'pipe', 'pipe'], detached: true });
  child.stdout?.pipe(out);
  child.stderr?.pipe(out);
  return child;
}

async function stop(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null || !child.pid) return;
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const signalGroup = (signal: NodeJS.Signals) => {
    try {
      process.kill(-child.pid!, signal);
    } catch {
      // already gone
    }
  };
  signalGroup('SIGTERM');
  const timer = setTimeout(() => signalGroup('SIGKILL'), 10_000);
  await exited;
  clearTimeout(timer);
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.once('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const address = srv.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      srv.close(() => resolve(port));
    });
  });
}

function tail(file: string): string {
  try {
    return readFileSync(file, 'utf8').split('\n').slice(-40).join('\n');
  } catch {
    return '(no output)';
  }
}

async function waitFor(check: () => boolean | Promise<boolean>, what: string, child: ChildProcess, log: string): Promise<void> {
  const deadline = Date.now() + STARTUP_TIMEOUT_MS;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`[e2e] process exited (${child.exitCode}) before ${what} was ready:\n${tail(log)}`);
    if (await check()) return;
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error(`[e2e] ${what} not ready after ${STARTUP_TIMEOUT_MS / 1000} s:\n${tail(log)}`);
}

function waitForHttp(url: string, child: ChildProcess, log: string): Promise<void> {
  return waitFor(
    async () => {
      try {
        const res = await fetch(url, { signal: AbortSignal.timeout(5_000) });
        return res.ok;
      } catch {
        return false;
      }
    },
    url,
    child,
    log,
  );
}

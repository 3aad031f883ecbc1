import { execFile, spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';

const serverDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

// What `npm start` runs in production: the esbuild bundle under plain node, no tsx, migrations found from
// the bundle's location.
describe('the built server', () => {
  it('builds to dist/main.js, starts an empty embedded database from the build template, answers /readyz and /openapi, exits 0 on SIGTERM', async () => {
    await promisify(execFile)(process.execPath, ['build.mjs'], { cwd: serverDir });
    const dir = await mkdtemp(path.join(tmpdir(), 'ph-bundle-'));
    const child = spawn(process.execPath, ['dist/main.js'], {
      cwd: serverDir,
      env: {
        ...process.env,
        DATABASE_URL: '',
        PROFILEHUB_DATA_DIR: dir,
        PORT: '0',
        LOG_LEVEL: 'info',
        PROFILEHUB_SEED_DEMO: '0',
        NODE_ENV: 'production',
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    try {
      let out = '';
      child.stdout.on('data', (d) => (out += d));
      child.stderr.on('data', (d) => (out += d));
      const port = await new Promise<number>((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error(`bundle did not start:\n${out}`)), 120_000);
        child.stdout.on('data', () => {
          const m = /Server listening at http:\/\/127\.0\.0\.1:(\d+)/.exec(out);
          if (m) {
            clearTimeout(timer);
            resolve(Number(m[1]));
          }
        });
        child.once('exit', (code) => reject(new Error(`bundle exited ${code}:\n${out}`)));
      });
      const ready = await fetch(`http://127.0.0.1:${port}/readyz`);
      expect(await ready.json()).toEqual({ status: 'ready', database: 'pglite' });
      // The server did not run initdb (whose memory PGlite never gives back): the data folder is a copy of the
      // build's template, down to the cluster's system identifier (the first 8 bytes of pg_control).
      expect(out).toContain("PGlite data folder created from the build's template");
      const systemId = (folder: string) => readFileSync(path.join(folder, 'global/pg_control')).subarray(0, 8).toString('hex');
      expect(systemId(path.join(dir, 'pglite'))).toBe(systemId(path.join(serverDir, 'dist/pglite-template')));
      const docs = (await (await fetch(`http://127.0.0.1:${port}/openapi`)).json()) as { documents: unknown[] };
      expect(docs.documents.length).toBeGreaterThan(1);
      const exited = new Promise<number | null>((r) => child.once('exit', (code) => r(code)));
      child.kill('SIGTERM');
      expect(await exited).toBe(0);
    } finally {
      if (child.exitCode === null) child.kill('SIGKILL');
      await rm(dir, { recursive: true, force: true });
    }
  }, 180_000);
});

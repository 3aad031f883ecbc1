import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { validate } from 'dockerfile-utils';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { ServerEnvSchema } from './env';

// Docker is not on these machines, so the deployment files are checked here: the Dockerfile with a
// Dockerfile linter, compose.yaml and .env.example against the settings the server actually reads.
const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');
const read = (file: string) => readFileSync(path.join(root, file), 'utf8');
const serverVars = new Set(Object.keys(ServerEnvSchema.shape));
const adminVars = new Set(['PROFILEHUB_API_URL', 'ADMIN_PORT']);

describe('Dockerfile', () => {
  const dockerfile = read('Dockerfile');

  it('passes the Dockerfile linter (which does flag a broken file)', () => {
    expect(validate(dockerfile)).toEqual([]);
    expect(validate('FROM node:20\nEXPOSE port\nCMD\n').length).toBeGreaterThan(0);
  });

  it('builds in one stage and runs the bundled server as a non-root user in another', () => {
    const stages = [...dockerfile.matchAll(/^FROM\s+(\S+)(?:\s+AS\s+(\S+))?/gim)].map((m) => m[2]);
    expect(stages).toEqual(['build', 'runtime']);
    const runtime = dockerfile.slice(dockerfile.search(/^FROM .* AS runtime/im));
    expect(runtime).toMatch(/^USER node$/m);
    expect(runtime).not.toMatch(/^RUN .*npm (ci|install)/m);
    const pkg = JSON.parse(read('apps/server/package.json')) as { scripts: { start: string } };
    const entry = /dist\/main\.js/.exec(pkg.scripts.start)?.[0];
    expect(entry).toBe('dist/main.js');
    expect(runtime).toContain(`"apps/server/${entry}"`);
  });

  it('copies only paths that exist in the repository or that the build produces', () => {
    const produced = ['apps/server/dist', 'apps/admin/.next', 'node_modules'];
    const sources = [...dockerfile.matchAll(/^COPY\s+(?:--\S+\s+)*(.+)\s+\S+$/gm)].flatMap((m) => m[1]!.split(/\s+/));
    expect(sources.length).toBeGreaterThan(10);
    for (const s of sources) {
      const rel = s.replace(/^\/app\//, '');
      if (rel === '.' || produced.some((p) => rel.startsWith(p))) continue;
      expect(existsSync(path.join(root, rel)), s).toBe(true);
    }
  });
});

describe('compose.yaml and .env.example', () => {
  const compose = parse(read('compose.yaml')) as {
    services: Record<
      string,
      { environment?: Record<string, string>; depends_on?: Record<string, { condition: string }>; image?: string; build?: string }
    >;
  };

  it('runs the server on the bundled PostgreSQL once it is healthy, and the admin against the server', () => {
    expect(Object.keys(compose.services).sort()).toEqual(['admin', 'postgres', 'server']);
    const { server, admin } = compose.services;
    expect(server!.environment!.DATABASE_URL).toMatch(/^postgres:\/\/[^@]+@postgres:5432\//);
    expect(server!.depends_on).toEqual({ postgres: { condition: 'service_healthy' } });
    expect(admin!.environment!.PROFILEHUB_API_URL).toBe('http://server:3100');
    expect(admin!.image).toBe(server!.image);
  });

  it('sets only variables the server or the admin reads', () => {
    for (const v of Object.keys(compose.services.server!.environment!)) expect(serverVars.has(v), v).toBe(true);
    for (const v of Object.keys(compose.services.admin!.environment!)) expect(adminVars.has(v), v).toBe(true);
    const documented = [...read('.env.example').matchAll(/^#?\s*([A-Z][A-Z0-9_]+)=/gm)].map((m) => m[1]!);
    expect(documented.length).toBeGreaterThan(10);
    for (const v of documented) expect(serverVars.has(v) || adminVars.has(v) || v === 'POSTGRES_PASSWORD', v).toBe(true);
  });
});

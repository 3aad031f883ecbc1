import type { DbHandle } from '@profilehub/db';
import { createTestDb } from '@profilehub/db/testing';
import { sql } from 'drizzle-orm';
import fc from 'fast-check';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildServer } from './app';
import { testServerEnv } from './testing/env';

// Hostile input over every surface and /trpc: no 5xx, a JSON answer, and nothing written by a refused
// request. CI runs a few dozen per surface; `FUZZ_RUNS=2000 npx vitest run apps/server/src/fuzz.test.ts`
// is the large run.
const RUNS = Number(process.env.FUZZ_RUNS ?? 30);

const env = { ...testServerEnv, BODY_LIMIT_BYTES: 64 * 1024 };

const surfaces: { name: string; paths: string[] }[] = [
  { name: 'tRPC', paths: ['/trpc/auth.login', '/trpc/auth.me', '/trpc/flexcare.auth.login', '/trpc/account.list', '/trpc/'] },
  { name: 'FlexCare', paths: ['/auth/login', '/flexcare/dialog/profile', '/flexcare/dialog/profile/1', '/auth/logout'] },
  { name: 'Appgate', paths: ['/admin/login', '/admin/client-profiles', '/admin/client-profiles/x/url'] },
  { name: 'RPdb', paths: ['/profile', '/api/v1/profile', '/profile/1/attribute'] },
  { name: '2N', paths: ['/api/dir/query', '/api/dir/create', '/api/dir/update', '/api/dir/template'] },
  { name: 'SOAJS', paths: ['/urac/admin/getUser', '/urac/admin/addUser', '/urac/admin/listUsers'] },
];

const method = fc.constantFrom('GET', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS');
const junk = fc.oneof(
  fc.string(),
  fc.json(),
  fc.constantFrom('{', '[]', 'null', '{"json":{"__proto__":{}}}', '\u0000', '%', '{"a":"\ud800"}', '1e999', '"x"'),
);
const suffix = fc.oneof(
  fc.constant(''),
  fc.constantFrom('?x=%', '?batch=1', '/%ZZ', '/..', '//', '?a=\u00ff'),
  fc.webSegment().map((s) => `/${s}`),
);
const contentType = fc.constantFrom(
  'application/json',
  'text/plain',
  'application/xml',
  'multipart/form-data',
  'application/json; charset=latin1',
  '',
);
const authorization = fc.oneof(
  fc.constant(undefined),
  fc.constantFrom(
    'Basic',
    'Basic %%%',
    'Digest username="a\u0000"',
    'Bearer',
    'Bearer ph_x',
    'Digest realm="HTTP API", nonce="x", uri="/", response="y"',
  ),
  fc.string().map((s) => `Basic ${Buffer.from(s).toString('base64')}`),
);

describe('fuzz: hostile requests on every surface', () => {
  let handle: DbHandle;
  let app: FastifyInstance;
  let url: string;
  beforeAll(async () => {
    handle = await createTestDb();
    app = await buildServer({ db: handle, env });
    url = await app.listen({ host: '127.0.0.1', port: 0 });
  });
  afterAll(async () => {
    await app?.close();
    await handle?.close();
  });

  // Every table but the failed-login counters, which refused logins write on purpose.
  async function digest(): Promise<string> {
    const result = (await handle.db.execute(
      sql.raw(`select string_agg(table_name, ',' order by table_name) as names from information_schema.tables
               where table_schema = 'public' and table_type = 'BASE TABLE' and table_name <> 'auth_throttle'`),
    )) as unknown as { names: string }[] | { rows: { names: string }[] };
    const names = (Array.isArray(result) ? result : result.rows)[0]!.names.split(',');
    const parts: string[] = [];
    for (const name of names) {
      const r = (await handle.db.execute(
        sql.raw(`select md5(coalesce(string_agg(t::text, '|' order by t::text), '')) as d from "${name}" t`),
      )) as unknown as { d: string }[] | { rows: { d: string }[] };
      parts.push(`${name}:${(Array.isArray(r) ? r : r.rows)[0]!.d}`);
    }
    return parts.join(',');
  }

  for (const surface of surfaces) {
    it(`${surface.name}: no 5xx, a JSON answer (or none), no rows changed`, async () => {
      const before = await digest();
      await fc.assert(
        fc.asyncProperty(
          fc.constantFrom(...surface.paths),
          suffix,
          method,
          contentType,
          junk,
          authorization,
          async (path, tail, m, type, body, auth) => {
            const headers: Record<string, string> = {};
            if (type) headers['content-type'] = type;
            if (auth) headers.authorization = auth;
            if (surface.name === 'Appgate') headers.accept = 'application/vnd.appgate.peer-v22+json';
            if (surface.name === 'SOAJS') headers.key = 'k';
            let target: string;
            try {
              target = new URL(`${url}${path}${tail}`).toString();
            } catch {
              return;
            }
            // What the client library itself refuses to send (a NUL in a header value) never reaches the server.
            const res = await fetch(target, { method: m, headers, body: m === 'GET' ? undefined : body }).catch((err: Error) => err);
            if (res instanceof Error) {
              expect(res.name, res.message).toBe('TypeError');
              return;
            }
            const text = await res.text();
            expect(res.status, `${m} ${path}${tail} → ${res.status} ${text.slice(0, 200)}`).toBeLessThan(500);
            if (text && res.status !== 204) expect(() => JSON.parse(text), `${m} ${path}${tail}: ${text.slice(0, 200)}`).not.toThrow();
          },
        ),
        { numRuns: RUNS },
      );
      expect(await digest()).toBe(before);
    }, 600_000);
  }
});

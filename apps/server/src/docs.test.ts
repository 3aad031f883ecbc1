import type { DbHandle } from '@profilehub/db';
import { createTestDb } from '@profilehub/db/testing';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildServer } from './app';
import { testServerEnv } from './testing/env';

const env = testServerEnv;

describe('API reference', () => {
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

  it('serves each OpenAPI document, listed at /openapi', async () => {
    const index = (await (await fetch(`${url}/openapi`)).json()) as { documents: { name: string; url: string }[] };
    expect(index.documents.map((d) => d.url)).toEqual(expect.arrayContaining(['/openapi/rpdb.json', '/openapi/trpc.json']));
    for (const d of index.documents) {
      const res = await fetch(url + d.url);
      expect(res.status, d.url).toBe(200);
      expect(((await res.json()) as { openapi: string }).openapi).toBe('3.1.0');
    }
    expect((await fetch(`${url}/openapi/nope.json`)).status).toBe(404);
  });

  it('serves /docs and its assets from the server itself (no CDN)', async () => {
    const res = await fetch(`${url}/docs`);
    expect(res.headers.get('content-type')).toBe('text/html; charset=utf-8');
    const html = await res.text();
    const sources = [...html.matchAll(/(?:src|href)="([^"]+)"/g)].map((m) => m[1]!);
    expect(sources.length).toBeGreaterThan(2);
    for (const s of sources) {
      expect(s.startsWith('/docs/assets/'), s).toBe(true);
      expect((await fetch(url + s)).status, s).toBe(200);
    }
    expect((await fetch(`${url}/docs/assets/package.json`)).status).toBe(404);
    expect((await fetch(`${url}/docs/assets/..%2Fpackage.json`)).status).toBe(404);
  });
});

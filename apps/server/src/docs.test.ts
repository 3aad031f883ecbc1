import { describe, expect, it } from 'vitest';
import { useTestServer } from './testing/server';

describe('API reference', () => {
  const server = useTestServer();

  it('serves each OpenAPI document, listed at /openapi', async () => {
    const index = (await (await fetch(`${server.url}/openapi`)).json()) as { documents: { name: string; url: string }[] };
    expect(index.documents.map((d) => `${d.name}: ${d.url}`).sort()).toEqual([
      '2N directory: /openapi/twon.json',
      'Appgate SDP: /openapi/appgate.json',
      'RPdb profiles: /openapi/rpdb.json',
      'SOAJS URAC: /openapi/soajs.json',
      'TelecomX FlexCare: /openapi/flexcare.json',
      'tRPC (typed internal API): /openapi/trpc.json',
    ]);
    for (const d of index.documents) {
      const res = await fetch(server.url + d.url);
      expect(res.status, d.url).toBe(200);
      expect(((await res.json()) as { openapi: string }).openapi).toBe('3.1.0');
    }
    expect((await fetch(`${server.url}/openapi/nope.json`)).status).toBe(404);
  });

  it('serves /docs and its assets from the server itself (no CDN)', async () => {
    const res = await fetch(`${server.url}/docs`);
    expect(res.headers.get('content-type')).toBe('text/html; charset=utf-8');
    const html = await res.text();
    const sources = [...html.matchAll(/(?:src|href)="([^"]+)"/g)].map((m) => m[1]!);
    expect(sources.length).toBeGreaterThan(2);
    for (const s of sources) {
      expect(s.startsWith('/docs/assets/'), s).toBe(true);
      expect((await fetch(server.url + s)).status, s).toBe(200);
    }
    expect((await fetch(`${server.url}/docs/assets/package.json`)).status).toBe(404);
    expect((await fetch(`${server.url}/docs/assets/..%2Fpackage.json`)).status).toBe(404);
  });
});

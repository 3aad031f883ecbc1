import { describe, expect, it } from 'vitest';
import { useTestServer } from './testing/server';

/** The value of one series line (`name{labels} value`) in a Prometheus text exposition, or undefined. */
function sample(text: string, name: string, labels: Record<string, string>): number | undefined {
  for (const line of text.split('\n')) {
    if (!line.startsWith(`${name}{`)) continue;
    const inside = line.slice(name.length + 1, line.lastIndexOf('}'));
    const got = Object.fromEntries(
      inside.split(/,(?=\w+=)/).map((kv) => [kv.slice(0, kv.indexOf('=')), JSON.parse(kv.slice(kv.indexOf('=') + 1))]),
    );
    if (Object.entries(labels).every(([k, v]) => got[k] === v)) return Number(line.slice(line.lastIndexOf(' ') + 1));
  }
  return undefined;
}

describe('GET /metrics', () => {
  const server = useTestServer();

  it('counts requests per surface, route pattern and status class after traffic, with latency histograms', async () => {
    const before = await (await fetch(`${server.url}/metrics`)).text();
    const base = sample(before, 'profilehub_http_requests_total', { surface: 'rpdb', route: '/profile/:id', status_class: '4xx' }) ?? 0;
    const failedBefore = sample(before, 'profilehub_failed_logins_total', { surface: 'admin' }) ?? 0;
    const login = { json: { workspace: 'nowhere', username: 'nobody', password: 'wrong-password' } };
    const refused = await fetch(`${server.url}/trpc/auth.login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(login),
    });
    expect(refused.status).toBe(401);
    for (let i = 0; i < 3; i++) expect((await fetch(`${server.url}/profile/${i + 1}`)).status).toBe(401);
    expect((await fetch(`${server.url}/trpc/auth.me`)).status).toBe(401);
    await fetch(`${server.url}/healthz`);

    const res = await fetch(`${server.url}/metrics`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^text\/plain; version=0\.0\.4/);
    const text = await res.text();
    // Route patterns, not raw URLs: three different ids land on one series.
    expect(
      sample(text, 'profilehub_http_requests_total', { surface: 'rpdb', route: '/profile/:id', method: 'GET', status_class: '4xx' }),
    ).toBe(base + 3);
    expect(text).not.toContain('route="/profile/1"');
    expect(
      sample(text, 'profilehub_http_requests_total', { surface: 'trpc', route: 'auth.me', status_class: '4xx' }),
    ).toBeGreaterThanOrEqual(1);
    expect(
      sample(text, 'profilehub_http_requests_total', { surface: 'server', route: '/healthz', status_class: '2xx' }),
    ).toBeGreaterThanOrEqual(1);
    expect(sample(text, 'profilehub_http_request_duration_seconds_count', { surface: 'rpdb', route: '/profile/:id' })).toBe(base + 3);
    expect(sample(text, 'profilehub_failed_logins_total', { surface: 'admin' })).toBe(failedBefore + 1);
    expect(text).toContain('# TYPE profilehub_twon_batch_entries histogram');
    expect(text).toContain('profilehub_process_resident_memory_bytes');
  });
});

import { createCaller, seedSoajsDemo } from '@profilehub/api';
import { createTestWorkspace } from '@profilehub/api/testing';
import type { DbHandle } from '@profilehub/db';
import type { FastifyInstance } from 'fastify';
import { startSurfaceServer } from '../testing';
import { soajsSurface } from './surface';

// Shared setup for the SOAJS REST tests: a real server on a free port with an injectable clock.

export type Clock = { now: Date };

export async function startServer(handle: DbHandle, clock: Clock): Promise<{ app: FastifyInstance; base: string }> {
  const server = await startSurfaceServer(handle, [{ surface: soajsSurface, mounts: [''] }], { now: () => clock.now });
  return { app: server.app, base: server.base };
}

/** A fresh workspace seeded with the demo SOAJS data; `caller` is its owner acting through tRPC. */
export async function seededWorkspace(handle: DbHandle, clock: Clock) {
  const ws = await createTestWorkspace(handle.db);
  const ctx = { ...ws.ctx, now: () => clock.now };
  const demo = await seedSoajsDemo(ctx, { apiUrl: 'http://api', adminUrl: 'http://admin' });
  const caller = createCaller(ctx);
  const tenants = await caller.soajs.tenant.list();
  const root = tenants.find((t) => t.code === 'DBTN')!;
  const client = tenants.find((t) => t.code === 'TNT1')!;
  return { ...ws, ctx, caller, demo, root, client };
}

export type Answer = { status: number; body: unknown; text: string };
export type Creds = { key?: string | null; token?: string | null };

/** One request through the gateway convention: `key` header, `access_token` query parameter. */
export async function call(
  base: string,
  method: string,
  path: string,
  creds: Creds,
  body?: unknown,
  contentType = 'application/json',
): Promise<Answer> {
  const headers: Record<string, string> = {};
  if (creds.key) headers.key = creds.key;
  const url = new URL(base + path);
  if (creds.token) url.searchParams.set('access_token', creds.token);
  if (body !== undefined) headers['content-type'] = contentType;
  const res = await fetch(url, {
    method,
    headers,
    body: body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body),
  });
  const text = await res.text();
  return { status: res.status, text, body: text ? JSON.parse(text) : undefined };
}

export function soajsError(...details: [number, string][]) {
  return {
    result: false,
    errors: {
      codes: [...new Set(details.map(([c]) => c))].sort((a, b) => a - b),
      details: details.map(([code, message]) => ({ code, message })),
    },
  };
}

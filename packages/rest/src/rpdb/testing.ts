import { createCaller } from '@profilehub/api';
import { createTestWorkspace } from '@profilehub/api/testing';
import type { DbHandle } from '@profilehub/db';
import type { FastifyInstance } from 'fastify';
import { startSurfaceServer } from '../testing';
import { rpdbSurface } from './surface';

// Shared setup for the RPdb REST tests: a real server on a free port with an injectable clock.

export type Clock = { now: Date };

export async function startServer(handle: DbHandle, clock: Clock): Promise<{ app: FastifyInstance; base: string }> {
  const server = await startSurfaceServer(handle, [{ surface: rpdbSurface, mounts: ['', '/api/v1'] }], { now: () => clock.now });
  return { app: server.app, base: server.base };
}

/** A workspace owner acting through tRPC (the admin side), on the test clock. */
export async function ownerCaller(handle: DbHandle, clock: Clock) {
  const ws = await createTestWorkspace(handle.db);
  return { ...ws, caller: createCaller({ ...ws.ctx, now: () => clock.now }) };
}

export type Answer = { status: number; body: unknown; text: string; headers: Headers };

/** One request the way the official Go client sends it (JSON content type on every request). */
export async function call(base: string, method: string, path: string, key: string | null, body?: unknown): Promise<Answer> {
  const headers: Record<string, string> = { 'content-type': 'application/json;charset=UTF-8' };
  if (key !== null) headers['x-api-key'] = key;
  const res = await fetch(base + path, {
    method,
    headers,
    body: body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body),
  });
  const text = await res.text();
  return { status: res.status, text, body: text ? JSON.parse(text) : undefined, headers: res.headers };
}

export function rpdbError(id: string, message: string, detailedErrorDescription: unknown = '') {
  return { error: { id, message, detailedErrorDescription } };
}

import { createCaller } from '@profilehub/api';
import { createTestWorkspace } from '@profilehub/api/testing';
import type { DbHandle } from '@profilehub/db';
import type { FastifyInstance } from 'fastify';
import { startSurfaceServer } from '../testing';
import { appgateSurface } from './surface';

// Shared setup for the Appgate REST tests: a real server on a free port with an injectable clock, and a
// workspace with a Profile Hostname, an admin holding `All` and a viewer holding View only.

export type Clock = { now: Date };

export async function startServer(handle: DbHandle, clock: Clock): Promise<{ app: FastifyInstance; base: string }> {
  const server = await startSurfaceServer(handle, [{ surface: appgateSurface, mounts: [''] }], { now: () => clock.now });
  return { app: server.app, base: server.base };
}

export const ADMIN_PASSWORD = 'admin-password-123';
export const VIEWER_PASSWORD = 'viewer-password-123';

/** A workspace set up as a controller: hostname, an `All` admin, a View-only viewer. */
export async function controller(handle: DbHandle, clock: Clock, hostname = 'sdp.example.com') {
  const ws = await createTestWorkspace(handle.db);
  const caller = createCaller({ ...ws.ctx, now: () => clock.now });
  const settings = await caller.appgate.settings.update({ profileHostname: hostname });
  // Usernames are per workspace; a suffix keeps several test workspaces apart in one database.
  const suffix = ws.slug;
  const admin = await caller.appgate.admin.create({
    username: `admin-${suffix}`,
    password: ADMIN_PASSWORD,
    privileges: [{ type: 'All', target: 'All' }],
  });
  const viewer = await caller.appgate.admin.create({
    username: `viewer-${suffix}`,
    password: VIEWER_PASSWORD,
    privileges: [{ type: 'View', target: 'ClientProfile' }],
  });
  return { ...ws, caller, settings, admin: admin.admin, viewer: viewer.admin };
}

export type WireProfile = { id: string; name: string; type?: string; exported?: string; updated?: string; [key: string]: unknown };
export type WireList = { data: WireProfile[]; range: string; totalCount: number; [key: string]: unknown };
/** Bodies are asserted with toEqual; the type parameter only lets a test index into the fields it reads. */
export type Answer<T = Record<string, unknown>> = { status: number; body: T; text: string; headers: Headers };

export const peer = (v: number) => `application/vnd.appgate.peer-v${v}+json`;

/** One request the way sdpctl/terraform send it: vendor Accept header, JSON body, bearer token. */
export async function call<T = Record<string, unknown>>(
  base: string,
  method: string,
  path: string,
  opts: { token?: string | null; version?: number; accept?: string | null; body?: unknown; contentType?: string } = {},
): Promise<Answer<T>> {
  const headers: Record<string, string> = {};
  const accept = opts.accept === undefined ? peer(opts.version ?? 22) : opts.accept;
  if (accept !== null) headers.accept = accept;
  if (opts.token) headers.authorization = `Bearer ${opts.token}`;
  if (opts.body !== undefined) headers['content-type'] = opts.contentType ?? 'application/json';
  const res = await fetch(base + path, {
    method,
    headers,
    body: opts.body === undefined ? undefined : typeof opts.body === 'string' ? opts.body : JSON.stringify(opts.body),
  });
  const text = await res.text();
  let body: unknown;
  try {
    body = text ? JSON.parse(text) : undefined;
  } catch {
    body = text;
  }
  return { status: res.status, text, body: body as T, headers: res.headers };
}

export async function login(base: string, username: string, password: string, version = 22): Promise<string> {
  const res = await call<{ token: string }>(base, 'POST', '/admin/login', {
    version,
    body: { providerName: 'local', deviceId: '4c07bc67-57ea-42dd-b702-c2d6c45419fc', username, password },
  });
  if (res.status !== 200) throw new Error(`login failed: ${res.status} ${res.text}`);
  return res.body.token;
}

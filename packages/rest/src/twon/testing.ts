import { createHash, randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { createCaller } from '@profilehub/api';
import { createTestWorkspace } from '@profilehub/api/testing';
import type { DbHandle } from '@profilehub/db';
import { createTestDb } from '@profilehub/db/testing';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll } from 'vitest';
import { startSurfaceServer } from '../testing';
import { twonSurface } from './surface';

// Shared setup for the 2N REST tests: a real server on a free port, a directory with a read-write and a
// read-only device account, and a client speaking Basic or Digest.

// The vendor's own per-model template answers (2N's public test suite), kept beside the spec outside this
// repository: tests compare the implementation with them, never with the implementation's own copy.
const VENDOR_TEMPLATES = new URL('../../../../../shared/spec/2n-dir-templates.json', import.meta.url);

type VendorTemplate = Record<string, unknown> & { callPos: Record<string, unknown>[] };
type VendorModel = 'verso' | 'style' | 'vario' | 'base' | 'uni' | 'accessunit' | 'ipone' | 'videokit' | 'audiokit';

export const vendorTemplates = (JSON.parse(readFileSync(VENDOR_TEMPLATES, 'utf8')) as { templates: Record<VendorModel, [VendorTemplate]> })
  .templates;

async function startServer(handle: DbHandle): Promise<{ app: FastifyInstance; base: string }> {
  const server = await startSurfaceServer(handle, [{ surface: twonSurface, mounts: [''] }]);
  return { app: server.app, base: server.base };
}

/**
 * A fresh test database and a 2N server on it for one test file: started before its tests, stopped after.
 * `use` receives them once started (the file keeps them in its own variables).
 */
export function serveForFile(use: (started: { handle: DbHandle; base: string }) => void): void {
  let handle: DbHandle | undefined;
  let app: FastifyInstance | undefined;
  beforeAll(async () => {
    handle = await createTestDb();
    const server = await startServer(handle);
    app = server.app;
    use({ handle, base: server.base });
  });
  afterAll(async () => {
    await app?.close();
    await handle?.close();
  });
}

export type Credentials = { username: string; password: string };

export async function setupDirectory(
  handle: DbHandle,
  opts: {
    model?: 'verso' | 'style' | 'base' | 'uni';
    capacity?: number;
    authMode?: 'any' | 'digest';
    caller?: ReturnType<typeof createCaller>;
  } = {},
) {
  const caller = opts.caller ?? createCaller((await createTestWorkspace(handle.db)).ctx);
  const suffix = randomBytes(4).toString('hex');
  const directory = await caller.twoN.directory.create({
    name: `device-${suffix}`,
    model: opts.model ?? 'verso',
    capacity: opts.capacity ?? 10_000,
    authMode: opts.authMode ?? 'any',
  });
  const rw: Credentials = { username: `rw-${suffix}`, password: `pw-${suffix}-rw` };
  const ro: Credentials = { username: `ro-${suffix}`, password: `pw-${suffix}-ro` };
  await caller.twoN.account.create({ directoryId: directory.id, username: rw.username, password: rw.password, access: 'readwrite' });
  await caller.twoN.account.create({ directoryId: directory.id, username: ro.username, password: ro.password, access: 'read' });
  return { caller, directory, rw, ro };
}

export type Answer = { status: number; body: unknown; text: string; headers: Headers };

const md5 = (s: string) => createHash('md5').update(s).digest('hex');

async function answer(res: Response): Promise<Answer> {
  const text = await res.text();
  let body: unknown;
  try {
    body = text ? JSON.parse(text) : undefined;
  } catch {
    body = text;
  }
  return { status: res.status, text, body, headers: res.headers };
}

type RequestOptions = { auth?: 'basic' | 'digest' | 'none'; creds?: Credentials; contentType?: string; raw?: string | Buffer };

/** A 2N API client: Basic (preemptive) or Digest (challenge, then the computed response). */
export function client(base: string, creds: Credentials) {
  async function send(method: string, path: string, body?: unknown, opts: RequestOptions = {}): Promise<Answer> {
    const c = opts.creds ?? creds;
    const headers: Record<string, string> = {};
    const payload = opts.raw ?? (body === undefined ? undefined : JSON.stringify(body));
    if (payload !== undefined) headers['content-type'] = opts.contentType ?? 'application/json';
    const auth = opts.auth ?? 'basic';
    if (auth === 'basic') headers.authorization = `Basic ${Buffer.from(`${c.username}:${c.password}`).toString('base64')}`;
    if (auth === 'digest') {
      const challenge = await fetch(base + path, { method, headers, body: payload });
      await challenge.text();
      const www = challenge.headers.get('www-authenticate') ?? '';
      const nonce = /nonce="([^"]+)"/.exec(www)?.[1] ?? '';
      const realm = /realm="([^"]+)"/.exec(www)?.[1] ?? '';
      const cnonce = randomBytes(8).toString('hex');
      const nc = '00000001';
      const ha1 = md5(`${c.username}:${realm}:${c.password}`);
      const ha2 = md5(`${method}:${path}`);
      const response = md5(`${ha1}:${nonce}:${nc}:${cnonce}:auth:${ha2}`);
      headers.authorization = `Digest username="${c.username}", realm="${realm}", nonce="${nonce}", uri="${path}", qop=auth, nc=${nc}, cnonce="${cnonce}", response="${response}", algorithm=MD5`;
    }
    return answer(await fetch(base + path, { method, headers, body: payload }));
  }
  return {
    send,
    template: () => send('GET', '/api/dir/template'),
    create: (body: unknown, query = '') => send('PUT', `/api/dir/create${query}`, body),
    update: (body: unknown) => send('PUT', '/api/dir/update', body),
    delete: (body: unknown) => send('PUT', '/api/dir/delete', body),
    get: (body: unknown) => send('POST', '/api/dir/get', body),
    query: (body: unknown) => send('POST', '/api/dir/query', body),
  };
}

export function requestError(code: number, description: string, param?: string) {
  return { success: false, error: { code, ...(param !== undefined && { param }), description } };
}

export type BatchAnswer = { success: true; result: { series: string; users: { uuid?: string; timestamp?: number; errors?: unknown[] }[] } };

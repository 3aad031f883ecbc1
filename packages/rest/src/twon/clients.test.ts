import { createHash, randomBytes } from 'node:crypto';
import { type IncomingHttpHeaders, request } from 'node:http';
import type { DbHandle } from '@profilehub/db';
import { createTestDb } from '@profilehub/db/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { surfaces } from '../surfaces';
import { startSurfaceServer, type TestServer } from '../testing';
import { type Credentials, setupDirectory, vendorTemplates } from './testing';

// Requests replayed exactly as the vendors' own clients send them (headers, body encoding, method, the
// Digest round trip) and checked the way those clients decode the answers: 2N's Python client (python
// requests, HTTPDigestAuth, the JSON uploaded as a multipart file, `Content-Type` compared literally) and a
// Home Assistant integration's connection test (aiohttp, Basic, GET /api/system/info). The server mounts
// every surface, as in production, so `/api/...` is shared with RPdb's `/api/v1`.

let handle: DbHandle;
let server: TestServer;

beforeAll(async () => {
  handle = await createTestDb();
  server = await startSurfaceServer(handle, surfaces);
});
afterAll(async () => {
  await server?.close();
  await handle?.close();
});

type Raw = { status: number; headers: IncomingHttpHeaders; text: string };

/** One HTTP request with exactly these headers (fetch would add its own). */
function send(method: string, path: string, headers: Record<string, string>, body?: Buffer): Promise<Raw> {
  const url = new URL(server.base + path);
  return new Promise((resolve, reject) => {
    const req = request({ host: url.hostname, port: url.port, method, path, headers, agent: false }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode!, headers: res.headers, text: Buffer.concat(chunks).toString('utf8') }));
      res.on('error', reject);
    });
    req.on('error', reject);
    req.end(body);
  });
}

const md5 = (s: string) => createHash('md5').update(s).digest('hex');

/** What 2N's Python client checks before it reads a reply: the content type, compared as a string. */
function decode2n(res: Raw) {
  expect(res.headers['content-type'], `${res.status} ${res.text}`).toBe('application/json');
  return JSON.parse(res.text) as { success: boolean; result?: Record<string, unknown>; error?: { code: number; param?: string } };
}

/**
 * 2N's Python client: python-requests with HTTPDigestAuth. The first request goes without credentials; on
 * the 401 it computes the Digest response from the challenge (requests joins the two WWW-Authenticate
 * headers with ", ") and sends the same body again. Bodies are uploaded as a multipart file holding the JSON.
 */
function pythonClient(creds: Credentials) {
  const host = new URL(server.base).host;
  let nc = 0;
  return async (method: string, path: string, json?: unknown, blob = 'blob-json') => {
    const headers: Record<string, string> = {
      Host: host,
      'User-Agent': 'python-requests/2.32.3',
      'Accept-Encoding': 'gzip, deflate',
      Accept: '*/*',
      Connection: 'keep-alive',
    };
    let body: Buffer | undefined;
    if (json !== undefined) {
      const boundary = randomBytes(16).toString('hex');
      body = Buffer.from(
        `--${boundary}\r\nContent-Disposition: form-data; name="blob-json"; filename="${blob}"\r\nContent-Type: application/json\r\n\r\n${JSON.stringify(json)}\r\n--${boundary}--\r\n`,
      );
      headers['Content-Length'] = String(body.length);
      headers['Content-Type'] = `multipart/form-data; boundary=${boundary}`;
    } else {
      headers['Content-Length'] = '0';
    }
    const challenge = await send(method, path, headers, body);
    expect(challenge.status).toBe(401);
    expect(decode2n(challenge).error?.code).toBe(9);
    const www = String(challenge.headers['www-authenticate']);
    const nonce = /nonce="([^"]+)"/.exec(www)![1]!;
    const realm = /realm="([^"]+)"/.exec(www)![1]!;
    nc++;
    const ncValue = nc.toString(16).padStart(8, '0');
    const cnonce = createHash('sha1').update(randomBytes(8)).digest('hex').slice(0, 16);
    const ha1 = md5(`${creds.username}:${realm}:${creds.password}`);
    const response = md5(`${ha1}:${nonce}:${ncValue}:${cnonce}:auth:${md5(`${method}:${path}`)}`);
    headers.Authorization = `Digest username="${creds.username}", realm="${realm}", nonce="${nonce}", uri="${path}", response="${response}", algorithm="MD5", qop="auth", nc=${ncValue}, cnonce="${cnonce}"`;
    return send(method, path, headers, body);
  };
}

/** A Home Assistant integration (aiohttp, Basic credentials on every request). */
function homeAssistant(creds: Credentials) {
  const host = new URL(server.base).host;
  return (method: string, path: string) =>
    send(method, path, {
      Host: host,
      Accept: '*/*',
      'Accept-Encoding': 'gzip, deflate',
      'User-Agent': 'HomeAssistant/2025.1 aiohttp/3.11.11 Python/3.13',
      Authorization: `Basic ${Buffer.from(`${creds.username}:${creds.password}`).toString('base64')}`,
    });
}

describe("2N's Python client", () => {
  it('the create reply echoes the uuid as sent; identity is case-insensitive; each reply keeps the spelling it was asked with', async () => {
    const { rw } = await setupDirectory(handle);
    const call = pythonClient(rw);
    const lower = 'd1e2f3a4-0000-4000-8000-00000000abcd';
    const upper = lower.toUpperCase();

    const created = decode2n(await call('PUT', '/api/dir/create', { users: [{ uuid: lower, name: 'Lower Case' }] }, 'DIR_NEW'));
    expect(created.result!.users).toEqual([{ uuid: lower, timestamp: 1 }]);

    // The same entry in the other spelling: it exists, and the reply echoes that spelling.
    const again = decode2n(await call('PUT', '/api/dir/create', { users: [{ uuid: upper, name: 'Upper' }] }, 'DIR_NEW'));
    expect(again.result!.users).toEqual([{ uuid: upper, errors: [{ code: 'EDIR_UUID_ALREADY_EXISTS' }] }]);
    const updated = decode2n(await call('PUT', '/api/dir/update', { users: [{ uuid: upper, email: 'lc@example.com' }] }, 'DIR_NEW'));
    expect(updated.result!.users).toEqual([{ uuid: upper, timestamp: 2 }]);
    const got = decode2n(await call('POST', '/api/dir/get', { users: [{ uuid: upper }], fields: ['name', 'email'] }));
    expect(got.result!.users).toEqual([{ uuid: upper, name: 'Lower Case', email: 'lc@example.com', timestamp: 2 }]);

    // A sync names no uuid: the entry comes back as its create spelled it.
    const synced = decode2n(await call('POST', '/api/dir/query', { iterator: { timestamp: 0 }, fields: ['name'] }));
    expect(synced.result!.users).toEqual([{ uuid: lower, name: 'Lower Case', timestamp: 2 }]);

    const deleted = decode2n(await call('PUT', '/api/dir/delete', { users: [{ uuid: upper }] }, 'DIR_NEW'));
    expect(deleted.result!.users).toEqual([{ uuid: upper, timestamp: 3 }]);
    const tombstone = decode2n(await call('POST', '/api/dir/query', { iterator: { timestamp: 2 } }));
    expect(tombstone.result!.users).toEqual([{ uuid: lower, deleted: true, owner: '', timestamp: 3 }]);
  });

  it('picks the directory template by /api/system/info firmwarePackage, and it matches the vendor template', async () => {
    const { rw } = await setupDirectory(handle, { model: 'style' });
    const call = pythonClient(rw);
    const info = decode2n(await call('GET', '/api/system/info'));
    expect(info.success).toBe(true);
    const pkg = info.result!.firmwarePackage as keyof typeof vendorTemplates;
    expect(pkg).toBe('style');
    const template = decode2n(await call('GET', '/api/dir/template'));
    expect((template.result!.users as unknown[])[0]).toEqual(vendorTemplates[pkg][0]);
  });

  it('every answer, failures included, carries exactly Content-Type: application/json', async () => {
    const { rw, ro } = await setupDirectory(handle);
    const call = pythonClient(rw);
    expect(decode2n(await call('PUT', '/api/dir/update', {})).error).toEqual({
      code: 11,
      param: 'users',
      description: 'missing mandatory parameter',
    });
    expect(decode2n(await call('PUT', '/api/dir/update', { users: 'all' })).error?.code).toBe(12);
    expect(decode2n(await call('PUT', '/api/dir/create', { users: [] }, 'DIR_NEW')).success).toBe(true);
    expect(decode2n(await pythonClient(ro)('PUT', '/api/dir/delete', { owner: 'x' })).error?.code).toBe(10);

    const host = new URL(server.base).host;
    const basic = `Basic ${Buffer.from(`${rw.username}:${rw.password}`).toString('base64')}`;
    const plain = { Host: host, Accept: '*/*', Authorization: basic };
    const broken = Buffer.from('{"users": [');
    const unreadable = await send(
      'PUT',
      '/api/dir/update',
      { ...plain, 'Content-Type': 'application/json', 'Content-Length': String(broken.length) },
      broken,
    );
    expect(decode2n(unreadable).error?.code).toBe(14);
    expect(decode2n(await send('GET', '/api/dir/update', plain)).error?.code).toBe(3);
    expect(decode2n(await send('POST', '/api/dir/frobnicate', plain)).error?.code).toBe(2);
    expect(decode2n(await send('PUT', '/api/system/info', plain)).error?.code).toBe(3);
    const anonymous = await send('POST', '/api/dir/query', { Host: host });
    expect(anonymous.status).toBe(401);
    expect(decode2n(anonymous).error?.code).toBe(9);
  });
});

describe('Home Assistant connection test', () => {
  it('GET /api/system/info describes the emulated model per device account, stable per directory', async () => {
    const { directory, rw, ro } = await setupDirectory(handle);
    const res = await homeAssistant(rw)('GET', '/api/system/info');
    expect(res.status).toBe(200);
    const info = decode2n(res);
    expect(info).toEqual({
      success: true,
      result: {
        variant: '2N IP Verso',
        serialNumber: expect.stringMatching(/^\d{2}-\d{4}-\d{4}$/),
        macAddr: expect.stringMatching(/^7C-1E-B3(-[0-9A-F]{2}){3}$/),
        hwVersion: expect.any(String),
        swVersion: expect.stringMatching(/^2\.\d+\.\d+\.\d+\.\d+$/),
        buildType: 'release',
        firmwarePackage: 'verso',
        deviceName: directory.name,
      },
    });
    // The read-only account of the same directory sees the same device; another directory is another device.
    expect(decode2n(await homeAssistant(ro)('POST', '/api/system/info'))).toEqual(info);
    const other = await setupDirectory(handle, { model: 'base' });
    const otherInfo = decode2n(await homeAssistant(other.rw)('GET', '/api/system/info')).result!;
    expect(otherInfo.variant).toBe('2N IP Base');
    expect(otherInfo.serialNumber).not.toBe(info.result!.serialNumber);

    const wrong = await homeAssistant({ username: rw.username, password: 'not-the-password' })('GET', '/api/system/info');
    expect(wrong.status).toBe(401);
    expect(wrong.headers['www-authenticate']).toContain('Digest realm="HTTP API"');
    expect(decode2n(wrong).error?.code).toBe(9);
  });

  it("other /api paths answer 2N's error 2; RPdb's /api/v1 prefix stays RPdb's", async () => {
    const { rw } = await setupDirectory(handle);
    const ha = homeAssistant(rw);
    for (const path of ['/api/system/status', '/api/switch/ctrl?switch=1&action=on', '/api', '/api/']) {
      const res = await ha('GET', path);
      expect(res.status, path).toBe(200);
      expect(decode2n(res), path).toEqual({ success: false, error: { code: 2, description: 'invalid request path' } });
    }
    const rpdb = await ha('GET', '/api/v1/profile');
    expect(rpdb.status).toBe(401);
    expect(JSON.parse(rpdb.text)).toMatchObject({ error: { id: expect.any(String), message: expect.any(String) } });
    expect(rpdb.headers['content-type']).not.toBe('application/json');
  });
});

import { createHash } from 'node:crypto';
import type { DbHandle } from '@profilehub/db';
import { describe, expect, it } from 'vitest';
import { type BatchAnswer, client, requestError, serveForFile, setupDirectory, vendorTemplates } from './testing';

let handle: DbHandle;
let base: string;
serveForFile((started) => {
  ({ handle, base } = started);
});

const U1 = 'AAAAAAAA-0000-4000-8000-000000000001';
const U2 = 'AAAAAAAA-0000-4000-8000-000000000002';
const U3 = 'AAAAAAAA-0000-4000-8000-000000000003';

function batch(res: { body: unknown }) {
  return (res.body as BatchAnswer).result;
}

describe('template', () => {
  it('GET and POST answer the model template with the series', async () => {
    const { directory, rw } = await setupDirectory(handle);
    const api = client(base, rw);
    for (const method of ['GET', 'POST']) {
      const res = await api.send(method, '/api/dir/template');
      expect(res.status).toBe(200);
      expect(res.body).toEqual({ success: true, result: { series: directory.series, users: vendorTemplates.verso } });
      // Key order as the device answers it.
      expect(Object.keys((res.body as { result: { users: object[] } }).result.users[0]!)).toEqual(Object.keys(vendorTemplates.verso[0]!));
    }
  });

  it('a Style directory answers the Style template (recordType, no buttons)', async () => {
    const { directory, rw } = await setupDirectory(handle, { model: 'style' });
    const res = await client(base, rw).template();
    expect(res.body).toEqual({ success: true, result: { series: directory.series, users: vendorTemplates.style } });
  });
});

describe('methods, paths and request-level errors', () => {
  it('a wrong method is error 3, an unknown function error 2', async () => {
    const { rw } = await setupDirectory(handle);
    const api = client(base, rw);
    for (const [method, path] of [
      ['GET', '/api/dir/update'],
      ['POST', '/api/dir/create'],
      ['GET', '/api/dir/delete'],
      ['PUT', '/api/dir/get'],
      ['GET', '/api/dir/query'],
      ['DELETE', '/api/dir/template'],
    ] as const) {
      const res = await api.send(method, path);
      expect(res.status, `${method} ${path}`).toBe(200);
      expect(res.body).toEqual(requestError(3, 'invalid request method'));
    }
    const unknown = await api.send('POST', '/api/dir/frobnicate', {});
    expect(unknown.body).toEqual(requestError(2, 'invalid request path'));
  });

  it('no credentials → 401 error 9 with Digest and Basic challenges; a wrong password too', async () => {
    const { rw } = await setupDirectory(handle);
    const api = client(base, rw);
    const res = await api.send('POST', '/api/dir/query', {}, { auth: 'none' });
    expect(res.status).toBe(401);
    expect(res.body).toEqual(requestError(9, 'authorisation required'));
    const www = res.headers.get('www-authenticate') ?? '';
    expect(www).toMatch(/Digest realm="HTTP API", qop="auth", algorithm=MD5, nonce="[^"]+"/);
    expect(www).toContain('Basic realm="HTTP API"');
    const wrong = await api.send('POST', '/api/dir/query', {}, { creds: { username: rw.username, password: 'nope-nope' } });
    expect(wrong.status).toBe(401);
    expect(wrong.body).toEqual(requestError(9, 'authorisation required'));
    const wrongDigest = await api.send(
      'POST',
      '/api/dir/query',
      {},
      { auth: 'digest', creds: { username: rw.username, password: 'nope-nope' } },
    );
    expect(wrongDigest.status).toBe(401);
  });

  it('Basic and Digest both work; a Digest-only directory refuses Basic with error 8', async () => {
    const { directory, rw } = await setupDirectory(handle);
    const api = client(base, rw);
    for (const auth of ['basic', 'digest'] as const) {
      const res = await api.send('POST', '/api/dir/query', {}, { auth });
      expect(res.status, auth).toBe(200);
      expect(res.body).toEqual({ success: true, result: { series: directory.series, timestamp: 0, users: [] } });
    }
    const digestOnly = await setupDirectory(handle, { authMode: 'digest' });
    const d = client(base, digestOnly.rw);
    const basic = await d.send('POST', '/api/dir/query', {});
    expect(basic.status).toBe(401);
    expect(basic.body).toEqual(requestError(8, 'invalid authentication method'));
    expect(basic.headers.get('www-authenticate')).not.toContain('Basic');
    expect((await d.send('POST', '/api/dir/query', {}, { auth: 'digest' })).status).toBe(200);
  });

  it('a Digest response is bound to its URI', async () => {
    const { rw } = await setupDirectory(handle);
    const challenge = await fetch(`${base}/api/dir/query`, { method: 'POST' });
    const nonce = /nonce="([^"]+)"/.exec(challenge.headers.get('www-authenticate') ?? '')?.[1];
    const md5 = (s: string) => createHash('md5').update(s).digest('hex');
    const ha1 = md5(`${rw.username}:HTTP API:${rw.password}`);
    const response = md5(`${ha1}:${nonce}:00000001:abc:auth:${md5('POST:/api/dir/get')}`);
    const res = await fetch(`${base}/api/dir/query`, {
      method: 'POST',
      headers: {
        authorization: `Digest username="${rw.username}", realm="HTTP API", nonce="${nonce}", uri="/api/dir/get", qop=auth, nc=00000001, cnonce="abc", response="${response}"`,
      },
    });
    expect(res.status).toBe(401);
  });

  it('a read-only account reads but writing is error 10, and nothing changes', async () => {
    const { rw, ro } = await setupDirectory(handle);
    await client(base, rw).create({ users: [{ uuid: U1, name: 'Alice' }] });
    const api = client(base, ro);
    for (const [path, body] of [
      ['/api/dir/create', { users: [{ name: 'Mallory' }] }],
      ['/api/dir/update', { users: [{ uuid: U1, name: 'Mallory' }] }],
      ['/api/dir/delete', { users: [{ uuid: U1 }] }],
    ] as const) {
      const res = await api.send('PUT', path, body);
      expect(res.status, path).toBe(200);
      expect(res.body).toEqual(requestError(10, 'insufficient user privileges'));
    }
    const got = await api.get({ users: [{ uuid: U1 }], fields: ['name'] });
    expect(batch(got).users).toEqual([{ uuid: U1, name: 'Alice', timestamp: 1 }]);
  });

  it('update without users is error 11, users of the wrong type error 12, too many entries error 13', async () => {
    const { rw } = await setupDirectory(handle);
    const api = client(base, rw);
    expect((await api.update({})).body).toEqual(requestError(11, 'missing mandatory parameter', 'users'));
    expect((await api.send('PUT', '/api/dir/update')).body).toEqual(requestError(11, 'missing mandatory parameter', 'users'));
    expect((await api.update({ users: 'everyone' })).body).toEqual(requestError(12, 'invalid parameter value', 'users'));
    // A bad element is a per-entry error, not a request-level one (per-entry isolation, hostile.test.ts).
    expect((await api.update({ users: [42] })).body).toEqual({
      success: true,
      result: { series: expect.any(String), users: [{ errors: [{ code: 'EDIR_FIELD_VALUE_ERROR' }] }] },
    });
    expect((await api.query({ iterator: { timestamp: 'soon' } })).body).toEqual(requestError(12, 'invalid parameter value', 'iterator'));
    expect((await api.create({ users: [] }, '?force=maybe')).body).toEqual(requestError(12, 'invalid parameter value', 'force'));
    const tooMany = { users: Array.from({ length: 50_001 }, () => ({})) };
    expect((await api.create(tooMany)).body).toEqual(requestError(13, 'parameter data too big', 'users'));
    expect((await api.send('PUT', '/api/dir/update', undefined, { raw: '{"users": [', contentType: 'application/json' })).body).toEqual(
      requestError(14, 'invalid request body'),
    );
    expect((await api.send('POST', '/api/dir/query', undefined, { auth: 'basic' })).status).toBe(200);
  });

  it('a body above the surface limit (32 MiB) is error 13; one above the server default (1 MiB) is accepted', async () => {
    const { rw } = await setupDirectory(handle);
    const api = client(base, rw);
    const big = JSON.stringify({ users: [{ uuid: U1, name: 'x' }], pad: 'x'.repeat(33 * 1024 * 1024) });
    const res = await api.send('PUT', '/api/dir/update', undefined, { raw: big });
    expect(res.body).toEqual(requestError(13, 'parameter data too big'));
    const medium = { users: Array.from({ length: 6_000 }, (_, i) => ({ name: `Person ${i}`, email: `p${i}@example.com` })) };
    expect(JSON.stringify(medium).length).toBeGreaterThan((1024 * 1024) / 4);
    const ok = await api.create({ ...medium, pad: 'y'.repeat(1024 * 1024) });
    expect(ok.status).toBe(200);
    expect(batch(ok).users).toHaveLength(6_000);
  });

  it('accepts the JSON as a multipart part (as 2N’s own client uploads it) and without a content type', async () => {
    const { rw } = await setupDirectory(handle);
    const api = client(base, rw);
    const boundary = '----2nboundary';
    const part = (name: string, json: unknown) =>
      `--${boundary}\r\nContent-Disposition: form-data; name="blob-json"; filename="${name}"\r\nContent-Type: application/json\r\n\r\n${JSON.stringify(json)}\r\n--${boundary}--\r\n`;
    const created = await api.send('PUT', '/api/dir/create', undefined, {
      raw: part('DIR_NEW', { users: [{ uuid: U1, name: 'Multi Part' }] }),
      contentType: `multipart/form-data; boundary=${boundary}`,
    });
    expect(batch(created).users).toEqual([{ uuid: U1, timestamp: 1 }]);
    const got = await api.send('POST', '/api/dir/get', undefined, {
      raw: part('blob-json', { users: [{ uuid: U1 }], fields: ['name'] }),
      contentType: `multipart/form-data; boundary=${boundary}`,
    });
    expect(batch(got).users).toEqual([{ uuid: U1, name: 'Multi Part', timestamp: 1 }]);
    const form = await api.send('PUT', '/api/dir/update', undefined, {
      raw: JSON.stringify({ users: [{ uuid: U1, name: 'Curl D' }] }),
      contentType: 'application/x-www-form-urlencoded',
    });
    expect(batch(form).users).toEqual([{ uuid: U1, timestamp: 2 }]);
  });
});

describe('create', () => {
  it('generates a uuid for {}, refuses an existing uuid, reports a malformed uuid as a value error', async () => {
    const { directory, rw } = await setupDirectory(handle);
    const api = client(base, rw);
    const res = await api.create({
      users: [
        {},
        { uuid: U1, name: 'One' },
        { uuid: U1, name: 'Again' },
        { uuid: '1234-not-a-uuid', name: 'Bad' },
        { uuid: U2.toLowerCase(), name: 'lower' },
      ],
    });
    expect(res.status).toBe(200);
    const users = batch(res).users;
    expect(batch(res).series).toBe(directory.series);
    expect(users[0]).toEqual({
      uuid: expect.stringMatching(/^[0-9A-F]{8}-[0-9A-F]{4}-[0-9A-F]{4}-[0-9A-F]{4}-[0-9A-F]{12}$/),
      timestamp: 1,
    });
    expect(users.slice(1)).toEqual([
      { uuid: U1, timestamp: 2 },
      { uuid: U1, errors: [{ code: 'EDIR_UUID_ALREADY_EXISTS' }] },
      { uuid: '1234-not-a-uuid', errors: [{ code: 'EDIR_FIELD_VALUE_ERROR', field: 'uuid' }] },
      { uuid: U2.toLowerCase(), timestamp: 3 },
    ]);
    expect((await api.create({})).body).toEqual({ success: true, result: { series: directory.series } });
  });

  it('force (query parameter or JSON key) overwrites and resets unspecified fields to their defaults', async () => {
    const { rw } = await setupDirectory(handle);
    const api = client(base, rw);
    await api.create({ users: [{ uuid: U1, name: 'Full', email: 'full@example.com', access: { pin: '4321', code: ['11', '22'] } }] });
    const viaQuery = await api.create({ users: [{ uuid: U1, name: 'Reset' }] }, '?force=1');
    expect(batch(viaQuery).users).toEqual([{ uuid: U1, timestamp: 2 }]);
    const got = await api.get({ users: [{ uuid: U1 }] });
    expect(batch(got).users).toEqual([{ uuid: U1, name: 'Reset', timestamp: 2 }]);
    const viaJson = await api.create({ force: true, users: [{ uuid: U1, email: 'json@example.com' }] });
    expect(batch(viaJson).users).toEqual([{ uuid: U1, timestamp: 3 }]);
    const notForced = await api.create({ force: false, users: [{ uuid: U1 }] }, '?force=0');
    expect(batch(notForced).users).toEqual([{ uuid: U1, errors: [{ code: 'EDIR_UUID_ALREADY_EXISTS' }] }]);
    expect(batch(await api.get({ users: [{ uuid: U1 }] })).users).toEqual([{ uuid: U1, email: 'json@example.com', timestamp: 3 }]);
  });

  it('a create beyond the directory capacity is error 13 and writes nothing', async () => {
    const { rw } = await setupDirectory(handle, { capacity: 3 });
    const api = client(base, rw);
    expect(batch(await api.create({ users: [{ uuid: U1 }, { uuid: U2 }] })).users).toHaveLength(2);
    const res = await api.create({ users: [{ uuid: U3 }, { name: 'fourth' }] });
    expect(res.body).toEqual(requestError(13, 'parameter data too big', 'users'));
    expect((await api.query({})).body).toMatchObject({ result: { timestamp: 2 } });
    // Deleting frees room; the tombstone is purged once live + tombstones exceed the capacity.
    await api.delete({ users: [{ uuid: U1 }] });
    expect(batch(await api.create({ users: [{ uuid: U3 }, { name: 'fourth' }] })).users).toHaveLength(2);
    const all = await api.query({});
    expect((all.body as { result: { users: { uuid: string }[] } }).result.users.map((u) => u.uuid)).not.toContain(U1);
  });
});

describe('update', () => {
  it('merges nested objects and arrays position by position; other fields stay', async () => {
    const { rw } = await setupDirectory(handle);
    const api = client(base, rw);
    await api.create({
      users: [{ uuid: U1, name: 'Ann', access: { pin: '1234', code: ['11', '22', '33'], card: ['CAFE'] }, callPos: [{ peer: 'sip:1@x' }] }],
    });
    const res = await api.update({ users: [{ uuid: U1, access: { code: ['99'] }, callPos: [{ grouped: true }, { peer: '2' }] }] });
    expect(batch(res).users).toEqual([{ uuid: U1, timestamp: 2 }]);
    const got = await api.get({ users: [{ uuid: U1 }], fields: ['name', 'access.pin', 'access.code', 'access.card', 'callPos'] });
    expect(batch(got).users).toEqual([
      {
        uuid: U1,
        name: 'Ann',
        callPos: [
          { peer: 'sip:1@x', profiles: '', grouped: true, ipEye: '' },
          { peer: '2', profiles: '', grouped: false, ipEye: '' },
          { peer: '', profiles: '', grouped: false, ipEye: '' },
        ],
        access: { card: ['CAFE', ''], pin: '1234', code: ['99', '22', '33', ''] },
        timestamp: 2,
      },
    ]);
  });

  it('reports every EDIR code with its field; only error-free entries change', async () => {
    const { rw } = await setupDirectory(handle, { model: 'base' });
    const api = client(base, rw);
    await api.create({ users: [{ uuid: U1, name: 'Base one' }] });
    const res = await api.update({
      users: [
        { name: 'no uuid' },
        { uuid: U1, photo: 'x.jpg', access: { virtCard: '12' } },
        { uuid: U1, access: { code: ['test'], validFrom: 'tomorrow' }, email: 'not-an-email' },
        { uuid: U1, callPos: [{}, {}, {}, {}] },
        { uuid: U1, 'callPos[1].peer': 'sip:200', access: { validFrom: 1700000000, validTo: '1800000000' } },
        { uuid: U1, access: { validFrom: '1900000000' } },
        { uuid: U1, deleted: true, timestamp: 5, name: 'Renamed' },
      ],
    });
    expect(batch(res).users).toEqual([
      { errors: [{ code: 'EDIR_UUID_IS_MISSING' }] },
      {
        uuid: U1,
        errors: [
          { code: 'EDIR_FIELD_NOT_AVAILABLE', field: 'photo' },
          { code: 'EDIR_FIELD_NOT_AVAILABLE', field: 'access.virtCard' },
        ],
      },
      {
        uuid: U1,
        errors: [
          { code: 'EDIR_FIELD_VALUE_ERROR', field: 'access.code[0]' },
          { code: 'EDIR_FIELD_VALUE_ERROR', field: 'access.validFrom' },
          { code: 'EDIR_FIELD_VALUE_ERROR', field: 'email' },
        ],
      },
      { uuid: U1, errors: [{ code: 'EDIR_FIELD_VALUE_ERROR', field: 'callPos' }] },
      { uuid: U1, timestamp: 2 },
      { uuid: U1, errors: [{ code: 'EDIR_FIELD_VALUE_ERROR', field: 'access.validTo' }] },
      { uuid: U1, timestamp: 3 },
    ]);
    const got = await api.get({ users: [{ uuid: U1 }] });
    expect(batch(got).users).toEqual([
      {
        uuid: U1,
        name: 'Renamed',
        callPos: [
          { peer: '', profiles: '', grouped: false, ipEye: '' },
          { peer: 'sip:200', profiles: '', grouped: false, ipEye: '' },
          { peer: '', profiles: '', grouped: false, ipEye: '' },
        ],
        access: { validFrom: '1700000000', validTo: '1800000000' },
        timestamp: 3,
      },
    ]);
  });

  it('recordType exists on Style only; buttons everywhere but Style', async () => {
    const style = await setupDirectory(handle, { model: 'style' });
    const verso = await setupDirectory(handle);
    await client(base, style.rw).create({ users: [{ uuid: U1 }] });
    await client(base, verso.rw).create({ users: [{ uuid: U1 }] });
    expect(batch(await client(base, style.rw).update({ users: [{ uuid: U1, recordType: 1, buttons: '1' }] })).users).toEqual([
      { uuid: U1, errors: [{ code: 'EDIR_FIELD_NOT_AVAILABLE', field: 'buttons' }] },
    ]);
    expect(batch(await client(base, verso.rw).update({ users: [{ uuid: U1, recordType: 1, buttons: '1' }] })).users).toEqual([
      { uuid: U1, errors: [{ code: 'EDIR_FIELD_NOT_AVAILABLE', field: 'recordType' }] },
    ]);
  });
});

describe('get', () => {
  it('fields: omitted → non-default fields, [] → all fields, names → those; uuid and timestamp always', async () => {
    const { rw } = await setupDirectory(handle, { model: 'uni' });
    const api = client(base, rw);
    await api.create({ users: [{ uuid: U1, name: 'Uni', callPos: [{ peer: '100' }] }] });
    const nonDefault = await api.get({ users: [{ uuid: U1 }] });
    expect(batch(nonDefault).users).toEqual([
      {
        uuid: U1,
        name: 'Uni',
        callPos: [
          { peer: '100', profiles: '', grouped: false },
          { peer: '', profiles: '', grouped: false },
          { peer: '', profiles: '', grouped: false },
        ],
        timestamp: 1,
      },
    ]);
    const all = await api.get({ users: [{ uuid: U1 }], fields: [] });
    const uni = vendorTemplates.uni[0]!;
    expect(batch(all).users).toEqual([
      { ...uni, uuid: U1, name: 'Uni', callPos: [{ ...uni.callPos[0], peer: '100' }, uni.callPos[1], uni.callPos[2]], timestamp: 1 },
    ]);
    expect(Object.keys(batch(all).users[0]!)).toEqual(Object.keys(uni));
    const some = await api.get({ users: [{ uuid: U1 }, { uuid: U2 }, { uuid: 'zzz' }, {}], fields: ['callPos.peer', 'nonsense', 'owner'] });
    expect(batch(some).users).toEqual([
      { uuid: U1, owner: '', callPos: [{ peer: '100' }, { peer: '' }, { peer: '' }], timestamp: 1 },
      { uuid: U2, errors: [{ code: 'EDIR_UUID_DOES_NOT_EXIST' }] },
      { uuid: 'zzz', errors: [{ code: 'EDIR_UUID_INVALID_FORMAT' }] },
      { errors: [{ code: 'EDIR_UUID_IS_MISSING' }] },
    ]);
    expect((await api.get({})).body).toMatchObject({ success: true, result: { users: [] } });
  });
});

describe('delete', () => {
  it('by owner deletes only that owner’s live entries; tombstones come back from query with deleted:true', async () => {
    const { rw } = await setupDirectory(handle);
    const api = client(base, rw);
    await api.create({
      users: [
        { uuid: U1, owner: 'My2N', name: 'a' },
        { uuid: U2, owner: 'My2N', name: 'b' },
        { uuid: U3, owner: 'Local', name: 'c' },
      ],
    });
    const res = await api.delete({ owner: 'My2N' });
    expect(batch(res).users).toEqual([
      { uuid: U1, timestamp: 4 },
      { uuid: U2, timestamp: 5 },
    ]);
    expect(batch(await api.delete({ owner: 'Nobody' })).users).toEqual([]);
    const q = await api.query({ iterator: { timestamp: 3 } });
    expect((q.body as { result: unknown }).result).toEqual({
      series: expect.any(String),
      timestamp: 5,
      users: [
        { uuid: U1, deleted: true, owner: 'My2N', timestamp: 4 },
        { uuid: U2, deleted: true, owner: 'My2N', timestamp: 5 },
      ],
    });
    const again = await api.delete({ users: [{ uuid: U1 }, { uuid: U3 }, { uuid: 'bad' }] });
    expect(batch(again).users).toEqual([
      { uuid: U1, errors: [{ code: 'EDIR_UUID_DOES_NOT_EXIST' }] },
      { uuid: U3, timestamp: 6 },
      { uuid: 'bad', errors: [{ code: 'EDIR_UUID_INVALID_FORMAT' }] },
    ]);
    expect(batch(await api.update({ users: [{ uuid: U2, name: 'ghost' }] })).users).toEqual([
      { uuid: U2, errors: [{ code: 'EDIR_UUID_DOES_NOT_EXIST' }] },
    ]);
    expect((await api.delete({})).body).toEqual(requestError(11, 'missing mandatory parameter', 'owner'));
    // A deleted uuid can be created again.
    expect(batch(await api.create({ users: [{ uuid: U1, name: 'back' }] })).users).toEqual([{ uuid: U1, timestamp: 7 }]);
  });
});

describe('query: series/timestamp sync', () => {
  it('a client polling with its last timestamp sees every change exactly once; a stale series forces a resync', async () => {
    const { directory, rw, caller } = await setupDirectory(handle);
    const api = client(base, rw);
    type Q = {
      result: { series: string; timestamp: number; users: { uuid: string; timestamp: number; deleted?: boolean; name?: string }[] };
    };
    const mirror = new Map<string, string | undefined>();
    const seen: string[] = [];
    let series = '';
    let last = 0;
    async function poll() {
      const res = (await api.query({ series: series || undefined, iterator: { timestamp: last }, fields: ['name'] })).body as Q;
      if (res.result.series !== series) {
        series = res.result.series;
        if (last !== 0) {
          mirror.clear();
          last = 0;
          return poll();
        }
      }
      for (const u of res.result.users) {
        seen.push(`${u.uuid}@${u.timestamp}`);
        if (u.deleted) mirror.delete(u.uuid);
        else mirror.set(u.uuid, u.name);
      }
      last = res.result.timestamp;
    }
    await poll();
    await api.create({
      users: [
        { uuid: U1, name: 'a' },
        { uuid: U2, name: 'b' },
      ],
    });
    await poll();
    await api.update({ users: [{ uuid: U1, name: 'a2' }] });
    await api.update({ users: [{ uuid: U1, name: 'a3' }] });
    await api.create({ users: [{ uuid: U3, name: 'c' }] });
    await poll();
    await poll();
    await api.delete({ users: [{ uuid: U2 }] });
    await poll();
    expect(seen).toEqual([`${U1}@1`, `${U2}@2`, `${U1}@4`, `${U3}@5`, `${U2}@6`]);
    expect(Object.fromEntries(mirror)).toEqual({ [U1]: 'a3', [U3]: 'c' });
    expect(new Set(seen).size).toBe(seen.length);

    // Beyond the current timestamp: series and timestamp, no users.
    expect(((await api.query({ iterator: { timestamp: 99 } })).body as Q).result).toEqual({
      series: directory.series,
      timestamp: 6,
      users: [],
    });
    // A series from before a reset: the current one comes back with no users, and the client resyncs from 0.
    const reset = await caller.twoN.directory.reset({ id: directory.id });
    expect(reset.series).not.toBe(directory.series);
    await api.create({ users: [{ uuid: U2, name: 'new life' }] });
    const stale = ((await api.query({ series: directory.series, iterator: { timestamp: 6 } })).body as Q).result;
    expect(stale).toEqual({ series: reset.series, timestamp: 7, users: [] });
    await poll();
    expect(series).toBe(reset.series);
    expect(Object.fromEntries(mirror)).toEqual({ [U2]: 'new life' });
  });

  it('two concurrent batches never hand out the same timestamp', async () => {
    const { rw } = await setupDirectory(handle);
    const api = client(base, rw);
    const makeBatch = (prefix: string) => ({
      users: Array.from({ length: 200 }, (_, i) => ({ uuid: `${prefix}-0000-4000-8000-${String(i).padStart(12, '0')}`, name: `n${i}` })),
    });
    const [a, b] = await Promise.all([api.create(makeBatch('AAAAAAAA')), api.create(makeBatch('BBBBBBBB'))]);
    const ts = [...batch(a).users, ...batch(b).users].map((u) => u.timestamp!);
    expect(ts.every((t) => Number.isInteger(t))).toBe(true);
    expect(new Set(ts).size).toBe(400);
    expect(Math.min(...ts)).toBe(1);
    expect(Math.max(...ts)).toBe(400);
    const [c, d] = await Promise.all([
      api.update({ users: batch(a).users.map((u) => ({ uuid: u.uuid, name: 'x' })) }),
      api.update({ users: batch(b).users.map((u) => ({ uuid: u.uuid, name: 'y' })) }),
    ]);
    const ts2 = [...batch(c).users, ...batch(d).users].map((u) => u.timestamp!);
    expect(new Set(ts2).size).toBe(400);
    expect(Math.min(...ts2)).toBe(401);
  });

  it('device accounts only see their own directory', async () => {
    const one = await setupDirectory(handle);
    const two = await setupDirectory(handle, { caller: one.caller });
    await client(base, one.rw).create({ users: [{ uuid: U1, name: 'mine' }] });
    const other = client(base, two.rw);
    expect(batch(await other.get({ users: [{ uuid: U1 }] })).users).toEqual([{ uuid: U1, errors: [{ code: 'EDIR_UUID_DOES_NOT_EXIST' }] }]);
    expect(((await other.query({})).body as { result: { users: unknown[] } }).result.users).toEqual([]);
  });
});

import { createHash, randomBytes } from 'node:crypto';
import type { DbHandle } from '@profilehub/db';
import { describe, expect, it } from 'vitest';
import { type BatchAnswer, type Credentials, client, requestError, serveForFile, setupDirectory, vendorTemplates } from './testing';

// Requests a careless or hostile client sends: inherited property names as fields, non-objects in `users`,
// Digest responses computed for another request target, multipart bodies with several parts, and two
// clients writing the same entries at once.

let handle: DbHandle;
let base: string;
serveForFile((started) => {
  ({ handle, base } = started);
});

const U1 = 'CCCCCCCC-0000-4000-8000-000000000001';
const U2 = 'CCCCCCCC-0000-4000-8000-000000000002';

function batch(res: { body: unknown }) {
  return (res.body as BatchAnswer).result;
}
type Entry = Record<string, unknown>;
function entries(res: { body: unknown }) {
  return (res.body as { result: { users: Entry[] } }).result.users;
}

describe('per-entry isolation', () => {
  it('inherited property names (toString, constructor, __proto__, valueOf) are unknown fields and store nothing', async () => {
    const { rw } = await setupDirectory(handle);
    const api = client(base, rw);
    await api.create({ users: [{ uuid: U1, name: 'Alice' }] });
    const raw = `{"users":[{"uuid":"${U1}","toString":"x"},{"uuid":"${U1}","constructor":{"a":1}},{"uuid":"${U1}","__proto__":{"name":"polluted"}},{"uuid":"${U1}","access":{"hasOwnProperty":"x"}},{"uuid":"${U1}","callPos[0].valueOf":"x"},{"uuid":"${U1}","name":"Alice 2"}]}`;
    const res = await api.send('PUT', '/api/dir/update', undefined, { raw, contentType: 'application/json' });
    expect(batch(res).users).toEqual([
      { uuid: U1, errors: [{ code: 'EDIR_FIELD_NAME_UNKNOWN', field: 'toString' }] },
      { uuid: U1, errors: [{ code: 'EDIR_FIELD_NAME_UNKNOWN', field: 'constructor' }] },
      { uuid: U1, errors: [{ code: 'EDIR_FIELD_NAME_UNKNOWN', field: '__proto__' }] },
      { uuid: U1, errors: [{ code: 'EDIR_FIELD_NAME_UNKNOWN', field: 'access.hasOwnProperty' }] },
      { uuid: U1, errors: [{ code: 'EDIR_FIELD_NAME_UNKNOWN', field: 'callPos[0].valueOf' }] },
      { uuid: U1, timestamp: 2 },
    ]);
    const [got] = entries(await api.get({ users: [{ uuid: U1 }], fields: [] }));
    const template = vendorTemplates.verso[0]!;
    expect(got).toEqual({ ...template, uuid: U1, name: 'Alice 2', timestamp: 2 });
  });

  it('a null, number, string or array among the entries fails on its own; the others proceed', async () => {
    const { rw } = await setupDirectory(handle);
    const api = client(base, rw);
    const notEntry = { errors: [{ code: 'EDIR_FIELD_VALUE_ERROR' }] };
    const created = await api.create({ users: [null, { uuid: U1, name: 'a' }, 7, 'x', [], { uuid: U2, name: 'b' }] });
    expect(batch(created).users).toEqual([notEntry, { uuid: U1, timestamp: 1 }, notEntry, notEntry, notEntry, { uuid: U2, timestamp: 2 }]);
    const updated = await api.update({ users: [{ uuid: U1, name: 'a2' }, null, [{ uuid: U2 }]] });
    expect(batch(updated).users).toEqual([{ uuid: U1, timestamp: 3 }, notEntry, notEntry]);
    const got = await api.get({ users: [false, { uuid: U1 }], fields: ['name'] });
    expect(entries(got)).toEqual([notEntry, { uuid: U1, name: 'a2', timestamp: 3 }]);
    const deleted = await api.delete({ users: [{ uuid: U2 }, 0] });
    expect(batch(deleted).users).toEqual([{ uuid: U2, timestamp: 4 }, notEntry]);
    // `users` itself of the wrong type is still a request-level error.
    expect((await api.update({ users: { uuid: U1 } })).body).toEqual(requestError(12, 'invalid parameter value', 'users'));
  });

  it('values PostgreSQL cannot store (lone surrogate, NUL) and absurdly deep uuids fail per entry, never the batch', async () => {
    const { rw } = await setupDirectory(handle);
    const api = client(base, rw);
    await api.create({ users: [{ uuid: U1, name: 'a' }] });
    const deep = `${'['.repeat(5000)}${']'.repeat(5000)}`;
    const raw = `{"users":[{"uuid":"${U1}","name":"x\\ud800"},{"uuid":"${U1}","access":{"pin":"12\\u0000"}},{"uuid":${deep}},{"uuid":"${U1}","name":"\\ud83d\\ude00 ok"}]}`;
    const res = await api.send('PUT', '/api/dir/update', undefined, { raw, contentType: 'application/json' });
    expect(res.status).toBe(200);
    expect(batch(res).users).toEqual([
      { uuid: U1, errors: [{ code: 'EDIR_FIELD_VALUE_ERROR', field: 'name' }] },
      { uuid: U1, errors: [{ code: 'EDIR_FIELD_VALUE_ERROR', field: 'access.pin' }] },
      { errors: [{ code: 'EDIR_UUID_INVALID_FORMAT' }] },
      { uuid: U1, timestamp: 2 },
    ]);
    expect(entries(await api.get({ users: [{ uuid: U1 }], fields: ['name'] }))).toEqual([{ uuid: U1, name: '\u{1F600} ok', timestamp: 2 }]);
    const created = await api.send('PUT', '/api/dir/create', undefined, {
      raw: `{"users":[{"uuid":${deep}}]}`,
      contentType: 'application/json',
    });
    expect(batch(created).users).toEqual([{ errors: [{ code: 'EDIR_FIELD_VALUE_ERROR', field: 'uuid' }] }]);
    for (const owner of ['a\u0000', 'b\ud800']) {
      expect((await api.delete({ owner })).body).toEqual(requestError(12, 'invalid parameter value', 'owner'));
    }
  });

  it('two batches writing the same entries at once: unique, ordered timestamps and the later batch wins', async () => {
    const { rw } = await setupDirectory(handle);
    const api = client(base, rw);
    const uuids = Array.from({ length: 100 }, (_, i) => `DDDDDDDD-0000-4000-8000-${String(i).padStart(12, '0')}`);
    await api.create({ users: uuids.map((uuid) => ({ uuid, name: 'start' })) });
    // Each batch names every uuid twice (the second change merges onto the first) plus one invalid entry.
    const body = (tag: string) => ({
      users: [
        ...uuids.map((uuid) => ({ uuid, name: tag })),
        { uuid: uuids[0], access: { pin: 'x' } },
        ...uuids.map((uuid) => ({ uuid, email: `${tag}@example.com` })),
      ],
    });
    const [a, b] = await Promise.all([api.update(body('a')), api.update(body('b'))]);
    const ts = (r: typeof a) => batch(r).users.flatMap((u) => (u.timestamp === undefined ? [] : [u.timestamp]));
    for (const r of [a, b]) {
      expect(batch(r).users[100]).toEqual({ uuid: uuids[0], errors: [{ code: 'EDIR_FIELD_VALUE_ERROR', field: 'access.pin' }] });
      const own = ts(r);
      expect(own).toHaveLength(200);
      // Consecutive within a batch, in request order: nothing else interleaves.
      expect(own).toEqual(own.map((_, i) => own[0]! + i));
    }
    const all = [...ts(a), ...ts(b)].sort((x, y) => x - y);
    expect(all).toEqual(Array.from({ length: 400 }, (_, i) => 101 + i));
    const later = ts(a)[0]! > ts(b)[0]! ? 'a' : 'b';
    const q = (await api.query({ iterator: { timestamp: 100 }, fields: ['name', 'email'] })).body as {
      result: { timestamp: number; users: Entry[] };
    };
    expect(q.result.timestamp).toBe(500);
    // Each entry once, in its final state, with the timestamp of its last change.
    expect(q.result.users).toHaveLength(100);
    expect(new Set(q.result.users.map((u) => u.uuid)).size).toBe(100);
    for (const u of q.result.users) {
      expect(u).toMatchObject({ name: later, email: `${later}@example.com` });
      expect(u.timestamp).toBeGreaterThan(400);
    }
  });
});

describe('output order', () => {
  it('nested objects (callPos items, access, accessPoints) come back in template key order', async () => {
    const { rw } = await setupDirectory(handle);
    const api = client(base, rw);
    await api.create({
      users: [
        {
          uuid: U1,
          callPos: [{ ipEye: 'eye', peer: 'sip:1@x', grouped: true }],
          access: { liftFloors: '1', pin: '1234', accessPoints: [{ profiles: 'p', enabled: false }] },
        },
      ],
    });
    const template = vendorTemplates.verso[0]!;
    const keys = (v: unknown) => Object.keys(v as object);
    for (const fields of [[], ['callPos', 'access'], undefined]) {
      const [got] = entries(await api.get({ users: [{ uuid: U1 }], fields }));
      const callPos = got!.callPos as Entry[];
      const access = got!.access as Entry & { accessPoints: Entry[] };
      if (fields?.length === 0 || fields?.length === 2) {
        expect(keys(callPos[0])).toEqual(keys(template.callPos[0]));
        expect(keys(access)).toEqual(keys(template.access));
      } else {
        expect(keys(access)).toEqual(['accessPoints', 'pin', 'liftFloors']);
      }
      expect(keys(callPos[0])).toEqual(['peer', 'profiles', 'grouped', 'ipEye']);
      expect(keys(access.accessPoints[0])).toEqual(['enabled', 'profiles']);
    }
  });
});

const md5 = (s: string) => createHash('md5').update(s).digest('hex');

async function digestFor(creds: Credentials, method: string, signedUri: string) {
  const challenge = await fetch(`${base}/api/dir/template`);
  await challenge.text();
  const nonce = /nonce="([^"]+)"/.exec(challenge.headers.get('www-authenticate') ?? '')?.[1];
  const cnonce = randomBytes(4).toString('hex');
  const ha1 = md5(`${creds.username}:HTTP API:${creds.password}`);
  const response = md5(`${ha1}:${nonce}:00000001:${cnonce}:auth:${md5(`${method}:${signedUri}`)}`);
  return `Digest username="${creds.username}", realm="HTTP API", nonce="${nonce}", uri="${signedUri}", qop=auth, nc=00000001, cnonce="${cnonce}", response="${response}"`;
}

describe('Digest', () => {
  it('a response signed for a URI without its query does not authorise the request with the query', async () => {
    const { rw } = await setupDirectory(handle);
    const api = client(base, rw);
    await api.create({ users: [{ uuid: U1, name: 'keep', email: 'keep@example.com' }] });
    const body = JSON.stringify({ users: [{ uuid: U1, name: 'forced' }] });
    const put = async (authorization: string) => {
      const res = await fetch(`${base}/api/dir/create?force=1`, {
        method: 'PUT',
        headers: { authorization, 'content-type': 'application/json' },
        body,
      });
      return { status: res.status, body: (await res.json()) as unknown };
    };
    const unsigned = await put(await digestFor(rw, 'PUT', '/api/dir/create'));
    expect(unsigned).toEqual({ status: 401, body: requestError(9, 'authorisation required') });
    expect(entries(await api.get({ users: [{ uuid: U1 }], fields: ['name', 'email'] }))).toEqual([
      { uuid: U1, name: 'keep', email: 'keep@example.com', timestamp: 1 },
    ]);
    const signed = await put(await digestFor(rw, 'PUT', '/api/dir/create?force=1'));
    expect(signed.status).toBe(200);
    expect(batch(signed).users).toEqual([{ uuid: U1, timestamp: 2 }]);
  });

  it('credentials are checked before the body: an anonymous broken body is 401 with a challenge, an authenticated one error 14', async () => {
    const { rw } = await setupDirectory(handle);
    const api = client(base, rw);
    for (const [path, method] of [
      ['/api/dir/update', 'PUT'],
      ['/api/dir/query', 'POST'],
      ['/api/dir/template', 'POST'],
    ] as const) {
      const anonymous = await api.send(method, path, undefined, { auth: 'none', raw: '{"users": [', contentType: 'application/json' });
      expect(anonymous.status).toBe(401);
      expect(anonymous.body).toEqual(requestError(9, 'authorisation required'));
      expect(anonymous.headers.get('www-authenticate')).toContain('Digest realm="HTTP API"');
      const deep = await api.send(method, path, undefined, { auth: 'none', raw: '['.repeat(100_000), contentType: 'application/json' });
      expect(deep.status).toBe(401);
      const authed = await api.send(method, path, undefined, { raw: '{"users": [', contentType: 'application/json' });
      expect({ status: authed.status, body: authed.body }).toEqual({ status: 200, body: requestError(14, 'invalid request body') });
      const authedDeep = await api.send(method, path, undefined, { raw: '['.repeat(100_000), contentType: 'application/json' });
      expect({ status: authedDeep.status, body: authedDeep.body }).toEqual({ status: 200, body: requestError(14, 'invalid request body') });
    }
  });

  it('malformed Authorization headers are 401 error 9, never a crash', async () => {
    for (const authorization of [
      'Digest',
      'Digest garbage',
      'Digest username=',
      'Digest username="x", realm="HTTP API", nonce="a.b", uri="/api/dir/template", response="00"',
      'Digest username="x", realm="HTTP API", nonce="..", uri="/api/dir/template", response="00", qop=auth',
      'Basic',
      'Basic %%%',
      `Basic ${Buffer.from('no-colon').toString('base64')}`,
      'Bearer token',
      'Digest realm="HTTP API", username="\\"', // unterminated quoted string
    ]) {
      const res = await fetch(`${base}/api/dir/template`, { headers: { authorization } });
      expect({ authorization, status: res.status, body: await res.json() }).toEqual({
        authorization,
        status: 401,
        body: requestError(9, 'authorisation required'),
      });
    }
  });
});

describe('multipart bodies', () => {
  const boundary = 'hostile-boundary';
  const part = (name: string, type: string, content: string) =>
    `--${boundary}\r\nContent-Disposition: form-data; name="${name}"; filename="${name}"\r\nContent-Type: ${type}\r\n\r\n${content}\r\n`;
  const send = (api: ReturnType<typeof client>, raw: string, contentType = `multipart/form-data; boundary=${boundary}`) =>
    api.send('PUT', '/api/dir/update', undefined, { raw, contentType });

  it('picks the JSON part among others; two JSON parts, no part or a wrong boundary change nothing', async () => {
    const { rw } = await setupDirectory(handle);
    const api = client(base, rw);
    await api.create({ users: [{ uuid: U1, name: 'start' }] });
    const json = (name: string) => JSON.stringify({ users: [{ uuid: U1, name }] });
    const noted = await send(
      api,
      `${part('note', 'text/plain', 'hello')}${part('blob-json', 'application/json', json('picked'))}--${boundary}--\r\n`,
    );
    expect(batch(noted).users).toEqual([{ uuid: U1, timestamp: 2 }]);
    const invalid = requestError(14, 'invalid request body');
    for (const [raw, contentType] of [
      [`${part('a', 'application/json', json('one'))}${part('b', 'application/json', json('two'))}--${boundary}--\r\n`],
      [`--${boundary}--\r\n`],
      [`${part('blob-json', 'application/json', json('x'))}--${boundary}--\r\n`, 'multipart/form-data; boundary=other'],
      [`${part('blob-json', 'application/json', json('x'))}--${boundary}--\r\n`, 'multipart/form-data'],
      [`--${boundary}\r\nContent-Disposition: form-data; name="blob-json"\r\n\r\n${json('x')}`],
    ] as [string, string?][]) {
      expect((await send(api, raw, contentType)).body).toEqual(invalid);
    }
    expect(entries(await api.get({ users: [{ uuid: U1 }], fields: ['name'] }))).toEqual([{ uuid: U1, name: 'picked', timestamp: 2 }]);
  });
});

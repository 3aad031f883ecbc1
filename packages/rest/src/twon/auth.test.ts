import { createHash } from 'node:crypto';
import { createCaller } from '@profilehub/api';
import { createTestWorkspace } from '@profilehub/api/testing';
import type { DbHandle } from '@profilehub/db';
import { createTestDb } from '@profilehub/db/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { resolveTwonAuthorization } from './auth';
import { issueNonce, TWON_REALM } from './digest';

// Digest edge cases that need a clock: nonce expiry (stale) and its interplay with wrong credentials.

let handle: DbHandle;
beforeAll(async () => {
  handle = await createTestDb();
});
afterAll(async () => {
  await handle?.close();
});

const md5 = (s: string) => createHash('md5').update(s).digest('hex');

function digest(o: { username: string; password: string; nonce: string; method: string; uri: string; realm?: string }) {
  const realm = o.realm ?? TWON_REALM;
  const ha1 = md5(`${o.username}:${realm}:${o.password}`);
  const response = md5(`${ha1}:${o.nonce}:00000001:c0ffee:auth:${md5(`${o.method}:${o.uri}`)}`);
  return `Digest username="${o.username}", realm="${realm}", nonce="${o.nonce}", uri="${o.uri}", qop=auth, nc=00000001, cnonce="c0ffee", response="${response}"`;
}

describe('twoN Digest nonces', () => {
  it('a nonce older than five minutes is stale only for the right password; a wrong realm or URI is invalid', async () => {
    const { ctx } = await createTestWorkspace(handle.db);
    const caller = createCaller(ctx);
    const directory = await caller.twoN.directory.create({ name: 'nonce device' });
    await caller.twoN.account.create({ directoryId: directory.id, username: 'nonce-rw', password: 'nonce-password', access: 'readwrite' });
    const issued = new Date('2026-01-01T10:00:00Z');
    const nonce = issueNonce(issued);
    const at = (minutes: number) => new Date(issued.getTime() + minutes * 60_000);
    const check = (authorization: string, now: Date, uri = '/api/dir/query') =>
      resolveTwonAuthorization(handle.db, { authorization, method: 'POST', uri, now });
    const good = digest({ username: 'nonce-rw', password: 'nonce-password', nonce, method: 'POST', uri: '/api/dir/query' });

    expect(await check(good, at(4))).toMatchObject({ ok: true, actor: { label: 'nonce-rw', scopes: ['twon:read', 'twon:write'] } });
    expect(await check(good, at(6))).toEqual({ ok: false, reason: 'stale' });
    // stale=true means "right credentials, old nonce" (RFC 7616) and clients retry on it silently: a wrong
    // password never gets it.
    const wrong = digest({ username: 'nonce-rw', password: 'guess', nonce, method: 'POST', uri: '/api/dir/query' });
    expect(await check(wrong, at(6))).toEqual({ ok: false, reason: 'invalid' });
    // A nonce from the future (beyond clock skew) is not accepted either.
    expect(await check(good, at(-2))).toEqual({ ok: false, reason: 'stale' });
    const otherRealm = digest({
      username: 'nonce-rw',
      password: 'nonce-password',
      nonce,
      method: 'POST',
      uri: '/api/dir/query',
      realm: 'x',
    });
    expect(await check(otherRealm, at(1))).toEqual({ ok: false, reason: 'invalid' });
    expect(await check(good, at(1), '/api/dir/query?x=1')).toEqual({ ok: false, reason: 'invalid' });
    // A nonce this server never issued (forged MAC) is invalid, not stale.
    // A nonce whose MAC covers another random part is not one this server issued.
    const [time, , mac] = nonce.split('.');
    const resalted = digest({
      username: 'nonce-rw',
      password: 'nonce-password',
      nonce: `${time}.AAAAAAAA.${mac}`,
      method: 'POST',
      uri: '/api/dir/query',
    });
    expect(await check(resalted, at(1))).toEqual({ ok: false, reason: 'invalid' });
    const forged = digest({
      username: 'nonce-rw',
      password: 'nonce-password',
      nonce: `${nonce.split('.')[0]}.AAAA`,
      method: 'POST',
      uri: '/api/dir/query',
    });
    expect(await check(forged, at(1))).toEqual({ ok: false, reason: 'invalid' });
  });

  it('a replayed header (same nonce, count not going up) is stale; a higher count on the same nonce is accepted', async () => {
    const { ctx } = await createTestWorkspace(handle.db);
    const caller = createCaller(ctx);
    const directory = await caller.twoN.directory.create({ name: 'replay device' });
    await caller.twoN.account.create({
      directoryId: directory.id,
      username: 'replay-rw',
      password: 'replay-password',
      access: 'readwrite',
    });
    const now = new Date();
    const nonce = issueNonce(now);
    expect(issueNonce(now)).not.toBe(nonce);
    const check = (authorization: string) =>
      resolveTwonAuthorization(handle.db, { authorization, method: 'PUT', uri: '/api/dir/delete', now });
    const header = (nc: string) => {
      const ha1 = md5(`replay-rw:${TWON_REALM}:replay-password`);
      const response = md5(`${ha1}:${nonce}:${nc}:c0ffee:auth:${md5('PUT:/api/dir/delete')}`);
      return `Digest username="replay-rw", realm="${TWON_REALM}", nonce="${nonce}", uri="/api/dir/delete", qop=auth, nc=${nc}, cnonce="c0ffee", response="${response}"`;
    };
    expect(await check(header('00000001'))).toMatchObject({ ok: true });
    expect(await check(header('00000001'))).toEqual({ ok: false, reason: 'stale' });
    expect(await check(header('00000002'))).toMatchObject({ ok: true });
    expect(await check(header('00000001'))).toEqual({ ok: false, reason: 'stale' });
    expect(await check(header('0000000x'))).toEqual({ ok: false, reason: 'invalid' });
  });
});

import { createHash } from 'node:crypto';
import { createCaller } from '@profilehub/api';
import { createTestWorkspace } from '@profilehub/api/testing';
import { type DbHandle, twonAccounts } from '@profilehub/db';
import { createTestDb } from '@profilehub/db/testing';
import { eq } from 'drizzle-orm';
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

  it('Digest without qop=auth (RFC 2069, no nonce count) is refused, even with the right password', async () => {
    const { ctx } = await createTestWorkspace(handle.db);
    const caller = createCaller(ctx);
    const directory = await caller.twoN.directory.create({ name: 'qop device' });
    await caller.twoN.account.create({ directoryId: directory.id, username: 'qop-rw', password: 'qop-password', access: 'readwrite' });
    const now = new Date();
    const nonce = issueNonce(now);
    const ha1 = md5(`qop-rw:${TWON_REALM}:qop-password`);
    const rfc2069 = `Digest username="qop-rw", realm="${TWON_REALM}", nonce="${nonce}", uri="/api/dir/delete", response="${md5(
      `${ha1}:${nonce}:${md5('PUT:/api/dir/delete')}`,
    )}"`;
    const check = (authorization: string) =>
      resolveTwonAuthorization(handle.db, { authorization, method: 'PUT', uri: '/api/dir/delete', now });
    // Each of these, accepted, could be replayed with any body while the nonce lives.
    expect(await check(rfc2069)).toEqual({ ok: false, reason: 'invalid' });
    expect(await check(rfc2069)).toEqual({ ok: false, reason: 'invalid' });
    const authInt = digest({ username: 'qop-rw', password: 'qop-password', nonce, method: 'PUT', uri: '/api/dir/delete' }).replace(
      'qop=auth',
      'qop=auth-int',
    );
    expect(await check(authInt)).toEqual({ ok: false, reason: 'invalid' });
    expect(
      await check(digest({ username: 'qop-rw', password: 'qop-password', nonce, method: 'PUT', uri: '/api/dir/delete' })),
    ).toMatchObject({
      ok: true,
    });
  });

  it('a Basic-only device account stores no Digest HA1 and refuses Digest; Digest comes back only with a password', async () => {
    const { ctx } = await createTestWorkspace(handle.db);
    const caller = createCaller(ctx);
    const directory = await caller.twoN.directory.create({ name: 'basic-only device' });
    const { account } = await caller.twoN.account.create({
      directoryId: directory.id,
      username: 'basic-only',
      password: 'basic-only-password',
      digest: false,
    });
    expect(account).toMatchObject({ digest: false });
    const [row] = await handle.db.select({ ha1: twonAccounts.digestHa1 }).from(twonAccounts).where(eq(twonAccounts.id, account.id));
    expect(row).toEqual({ ha1: null });
    const now = new Date();
    const check = (authorization: string) =>
      resolveTwonAuthorization(handle.db, { authorization, method: 'POST', uri: '/api/dir/query', now });
    const basic = `Basic ${Buffer.from('basic-only:basic-only-password').toString('base64')}`;
    const viaDigest = () =>
      digest({ username: 'basic-only', password: 'basic-only-password', nonce: issueNonce(now), method: 'POST', uri: '/api/dir/query' });
    expect(await check(basic)).toMatchObject({ ok: true, actor: { label: 'basic-only' } });
    expect(await check(viaDigest())).toEqual({ ok: false, reason: 'invalid' });
    // The HA1 is derived from the password: turning Digest on without one is refused and changes nothing.
    await expect(caller.twoN.account.update({ id: account.id, digest: true })).rejects.toMatchObject({ code: 'BAD_REQUEST' });
    expect(await check(viaDigest())).toEqual({ ok: false, reason: 'invalid' });
    expect(await caller.twoN.account.update({ id: account.id, digest: true, password: 'basic-only-password' })).toMatchObject({
      digest: true,
    });
    expect(await check(viaDigest())).toMatchObject({ ok: true });
    // And off again: the stored HA1 is dropped.
    await caller.twoN.account.update({ id: account.id, digest: false });
    expect(await check(viaDigest())).toEqual({ ok: false, reason: 'invalid' });
    const [after] = await handle.db.select({ ha1: twonAccounts.digestHa1 }).from(twonAccounts).where(eq(twonAccounts.id, account.id));
    expect(after).toEqual({ ha1: null });
  });
});

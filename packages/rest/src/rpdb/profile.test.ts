import type { DbHandle } from '@profilehub/db';
import { createTestDb } from '@profilehub/db/testing';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { type Clock, call, ownerCaller, rpdbError, startServer } from './testing';

let handle: DbHandle;
let app: FastifyInstance;
let base: string;
const START = new Date('2026-03-01T10:00:00Z');
const clock: Clock = { now: START };
const PASSWORD = 'the-rpdb-account-password';
let owner: Awaited<ReturnType<typeof ownerCaller>>;
let seq = 0;

beforeAll(async () => {
  handle = await createTestDb();
  ({ app, base } = await startServer(handle, clock));
  owner = await ownerCaller(handle, clock);
});

afterAll(async () => {
  await app?.close();
  await handle?.close();
});

beforeEach(() => {
  clock.now = START;
});

type P = { id: number; name: string; sort_order: number; attributes: number[] };

/**
 * A fresh RPdb account: attributes heating/lights (default all), garage (default read), alarm (default none);
 * keys `full` (all on everything), `limited` (none on heating, read on lights), `privileged` (full +
 * re-authorised now); profiles empty [], living [lights, heating] (sort 1), cellar [garage], hidden
 * [heating], alarm [alarm].
 */
async function fixture(caller = owner.caller) {
  const { account } = await caller.rpdb.account.create({ name: `acc-${++seq}`, password: PASSWORD });
  const accountId = account.id;
  const attr = async (name: string, defaultRight: 'all' | 'read' | 'none') =>
    (await caller.rpdb.attribute.create({ accountId, name, defaultRight })).id;
  const heating = await attr('heating', 'all');
  const lights = await attr('lights', 'all');
  const garage = await attr('garage', 'read');
  const alarm = await attr('alarm', 'none');
  const all = [heating, lights, garage, alarm].map((attributeId) => ({ attributeId, right: 'all' as const }));
  const full = await caller.rpdb.apiKey.create({ accountId, name: 'full', rights: all });
  const limited = await caller.rpdb.apiKey.create({
    accountId,
    name: 'limited',
    rights: [
      { attributeId: heating, right: 'none' },
      { attributeId: lights, right: 'read' },
    ],
  });
  const privileged = await caller.rpdb.apiKey.create({ accountId, name: 'privileged', rights: all });
  await caller.rpdb.apiKey.authorize({ id: privileged.apiKey.id, password: PASSWORD });
  const profile = async (name: string, attributes: number[], sortOrder = 0): Promise<P> => {
    const p = await caller.rpdb.profile.create({ accountId, name, attributes, sortOrder });
    return { id: p.id, name: p.name, sort_order: p.sortOrder, attributes: p.attributes };
  };
  const empty = await profile('empty', []);
  const living = await profile('living', [lights, heating], 1);
  const cellar = await profile('cellar', [garage]);
  const hidden = await profile('hidden', [heating]);
  const alarmP = await profile('alarm', [alarm]);
  return {
    accountId,
    attrs: { heating, lights, garage, alarm },
    keys: { full: full.key, limited: limited.key, privileged: privileged.key },
    keyIds: { full: full.apiKey.id, limited: limited.apiKey.id, privileged: privileged.apiKey.id },
    profiles: { empty, living, cellar, hidden, alarm: alarmP },
  };
}

const INVALID_FIELD = 'Invalid field or field values';

describe('authentication (X-Api-Key)', () => {
  it('401 AUTHENTICATION_FAILED for a missing, malformed, unknown or revoked key', async () => {
    const f = await fixture();
    const expected = rpdbError('AUTHENTICATION_FAILED', 'Authentication failed');
    for (const key of [null, '', 'short', 'f'.repeat(64), `${f.keys.full}x`]) {
      const a = await call(base, 'GET', '/profile', key);
      expect(a.status).toBe(401);
      expect(a.body).toEqual(expected);
    }
    await owner.caller.rpdb.apiKey.revoke({ id: f.keyIds.full });
    const revoked = await call(base, 'GET', '/profile', f.keys.full);
    expect(revoked.status).toBe(401);
    expect(revoked.body).toEqual(expected);
  });

  it('401 on every route without a valid key, and nothing changes', async () => {
    const f = await fixture();
    const id = f.profiles.living.id;
    const before = (await call(base, 'GET', '/profile?ignore_rights=true', f.keys.privileged)).body;
    const requests: [string, string, unknown][] = [
      ['GET', `/profile/${id}`, undefined],
      ['POST', '/profile', { name: 'intruder' }],
      ['PUT', `/profile/${id}`, { name: 'intruder' }],
      ['DELETE', `/profile/${id}`, undefined],
      ['PATCH', '/profile/sort', [{ id, sort_order: 99 }]],
    ];
    for (const [method, path, body] of requests) {
      for (const key of [null, 'a'.repeat(64)]) {
        const a = await call(base, method, `/api/v1${path}`, key, body);
        expect(a.status, `${method} ${path}`).toBe(401);
        expect(a.body).toEqual(rpdbError('AUTHENTICATION_FAILED', 'Authentication failed'));
      }
    }
    expect((await call(base, 'GET', '/profile?ignore_rights=true', f.keys.privileged)).body).toEqual(before);
  });

  it('answers the message in the language the client asks for (Language header), German or English', async () => {
    const de = await fetch(`${base}/profile`, { headers: { language: 'de' } });
    expect(de.status).toBe(401);
    expect(await de.json()).toEqual(rpdbError('AUTHENTICATION_FAILED', 'Authentifizierung fehlgeschlagen'));
    const fr = await fetch(`${base}/profile`, { headers: { language: 'fr' } });
    expect(await fr.json()).toEqual(rpdbError('AUTHENTICATION_FAILED', 'Authentication failed'));
  });

  it('authenticates before validating: a bad id without a key is 401, not 400', async () => {
    const a = await call(base, 'GET', '/profile/abc', null);
    expect(a.status).toBe(401);
  });
});

describe('GET /profile', () => {
  it('lists the profiles visible to the key, ordered by sort_order then id', async () => {
    const f = await fixture();
    const { cellar, hidden, alarm, living } = f.profiles;
    const full = await call(base, 'GET', '/profile', f.keys.full);
    expect(full.status).toBe(200);
    expect(full.body).toEqual([cellar, hidden, alarm, living]);
    // none on heating, default none on alarm: living (lights) and cellar (garage default read) remain.
    const limited = await call(base, 'GET', '/api/v1/profile', f.keys.limited);
    expect(limited.status).toBe(200);
    expect(limited.body).toEqual([cellar, living]);
  });

  it('fields[] restricts the keys returned; an unknown field is 400 INVALID_FIELD', async () => {
    const f = await fixture();
    const a = await call(base, 'GET', '/profile?fields[]=name&fields[]=id', f.keys.limited);
    expect(a.status).toBe(200);
    expect(a.text).toBe(
      JSON.stringify([
        { id: f.profiles.cellar.id, name: 'cellar' },
        { id: f.profiles.living.id, name: 'living' },
      ]),
    );
    const bad = await call(base, 'GET', '/profile?fields[]=name&fields[]=colour', f.keys.limited);
    expect(bad.status).toBe(400);
    expect(bad.body).toEqual(rpdbError('INVALID_FIELD', INVALID_FIELD, 'fields: Unknown field "colour"'));
  });

  it('400 INVALID_FIELD for an ignore_rights that is not a boolean', async () => {
    const f = await fixture();
    const a = await call(base, 'GET', '/profile?ignore_rights=perhaps', f.keys.privileged);
    expect(a.status).toBe(400);
    expect(a.body).toEqual(rpdbError('INVALID_FIELD', INVALID_FIELD, 'ignore_rights: "perhaps" is not a boolean'));
  });

  it('204 with an empty body when no profile is visible', async () => {
    const { account } = await owner.caller.rpdb.account.create({ name: `empty-${++seq}`, password: PASSWORD });
    const { key } = await owner.caller.rpdb.apiKey.create({ accountId: account.id, name: 'k' });
    const a = await call(base, 'GET', '/profile', key);
    expect(a.status).toBe(204);
    expect(a.text).toBe('');
  });

  it('ignore_rights shows hidden profiles to a privileged key only; others get 412 NOT_PRIVILEGED', async () => {
    const f = await fixture();
    const { empty, living, cellar, hidden, alarm } = f.profiles;
    const a = await call(base, 'GET', '/profile?ignore_rights=true', f.keys.privileged);
    expect(a.status).toBe(200);
    expect(a.body).toEqual([empty, cellar, hidden, alarm, living]);
    for (const key of [f.keys.full, f.keys.limited]) {
      const refused = await call(base, 'GET', '/profile?ignore_rights=true', key);
      expect(refused.status).toBe(412);
      expect(refused.body).toEqual(rpdbError('NOT_PRIVILEGED', "The token isn't privileged", 'The token is not privileged'));
    }
    // ignore_rights=false is just the normal list.
    expect((await call(base, 'GET', '/profile?ignore_rights=false', f.keys.full)).status).toBe(200);
  });

  it('privilege lasts 30 minutes after re-authorisation (clock injected)', async () => {
    const f = await fixture();
    clock.now = new Date(START.getTime() + 29 * 60_000 + 59_000);
    expect((await call(base, 'GET', '/profile?ignore_rights=1', f.keys.privileged)).status).toBe(200);
    clock.now = new Date(START.getTime() + 30 * 60_000);
    const expired = await call(base, 'GET', '/profile?ignore_rights=1', f.keys.privileged);
    expect(expired.status).toBe(412);
    expect((expired.body as { error: { id: string } }).error.id).toBe('NOT_PRIVILEGED');
    // Re-authorising with the account password restores it.
    await owner.caller.rpdb.apiKey.authorize({ id: f.keyIds.privileged, password: PASSWORD });
    expect((await call(base, 'GET', '/profile?ignore_rights=1', f.keys.privileged)).status).toBe(200);
  });
});

describe('GET /profile/{id}', () => {
  it('answers one profile, with fields[]', async () => {
    const f = await fixture();
    const a = await call(base, 'GET', `/profile/${f.profiles.living.id}`, f.keys.limited);
    expect(a.status).toBe(200);
    expect(a.body).toEqual(f.profiles.living);
    const some = await call(base, 'GET', `/profile/${f.profiles.living.id}?fields[]=attributes`, f.keys.limited);
    expect(some.body).toEqual({ attributes: [f.attrs.lights, f.attrs.heating] });
  });

  it('404 PROFILE_NOT_FOUND for a profile hidden from the key, an unknown id and another workspace', async () => {
    const f = await fixture();
    const other = await ownerCaller(handle, clock);
    const g = await fixture(other.caller);
    const cases: [string, number][] = [
      [f.keys.limited, f.profiles.hidden.id],
      [f.keys.limited, f.profiles.empty.id],
      [f.keys.full, 2_000_000_000],
      [g.keys.privileged, f.profiles.living.id],
    ];
    for (const [key, id] of cases) {
      const a = await call(base, 'GET', `/profile/${id}`, key);
      expect(a.status).toBe(404);
      expect(a.body).toEqual(
        rpdbError('PROFILE_NOT_FOUND', 'The profile was not found', `No profile with the ID ${id} is available to this token`),
      );
    }
    // Another workspace's privileged key does not reach it with ignore_rights either.
    expect((await call(base, 'GET', `/profile/${f.profiles.living.id}?ignore_rights=true`, g.keys.privileged)).status).toBe(404);
  });

  it('400 INVALID_ID for an id that is not a positive integer', async () => {
    const f = await fixture();
    for (const id of ['abc', '0', '-1', '1.5', '1e3', '99999999999', '2147483648']) {
      const a = await call(base, 'GET', `/profile/${id}`, f.keys.full);
      expect(a.status).toBe(400);
      expect(a.body).toEqual(rpdbError('INVALID_ID', 'Invalid ID supplied', `id: "${id}" is not a valid profile ID`));
    }
    // A long id is echoed only in part.
    const long = await call(base, 'GET', `/profile/${'9'.repeat(90)}`, f.keys.full);
    expect(long.body).toEqual(rpdbError('INVALID_ID', 'Invalid ID supplied', `id: "${'9'.repeat(32)}…" is not a valid profile ID`));
  });

  it('400 for an unknown field, 412 for ignore_rights without privilege, 200 for it with privilege', async () => {
    const f = await fixture();
    const id = f.profiles.empty.id;
    expect((await call(base, 'GET', `/profile/${id}?fields[]=owner`, f.keys.full)).status).toBe(400);
    expect((await call(base, 'GET', `/profile/${id}?ignore_rights=true`, f.keys.full)).status).toBe(412);
    const a = await call(base, 'GET', `/profile/${id}?ignore_rights=true`, f.keys.privileged);
    expect(a.status).toBe(200);
    expect(a.body).toEqual(f.profiles.empty);
  });
});

describe('POST /profile', () => {
  it('201 with the created profile, which the key then sees', async () => {
    const f = await fixture();
    const a = await call(base, 'POST', '/profile', f.keys.limited, { id: 0, name: 'evening', sort_order: 7, attributes: [f.attrs.lights] });
    expect(a.status).toBe(201);
    const created = a.body as P;
    expect(created).toEqual({ id: expect.any(Number), name: 'evening', sort_order: 7, attributes: [f.attrs.lights] });
    expect((await call(base, 'GET', `/profile/${created.id}`, f.keys.limited)).body).toEqual(created);
  });

  it('409 PROFILE_ALREADY_EXISTS for a name the account already has', async () => {
    const f = await fixture();
    const a = await call(base, 'POST', '/profile', f.keys.full, { name: 'living', sort_order: 0 });
    expect(a.status).toBe(409);
    expect(a.body).toEqual(
      rpdbError('PROFILE_ALREADY_EXISTS', 'A profile with the same name already exists', 'A profile named "living" already exists'),
    );
    // Another account may use the name.
    const g = await fixture();
    expect((await call(base, 'POST', '/profile', g.keys.full, { name: 'evening' })).status).toBe(201);
    expect((await call(base, 'POST', '/profile', f.keys.full, { name: 'evening' })).status).toBe(201);
  });

  it('two concurrent creates with one name: exactly one 201, the other 409', async () => {
    const f = await fixture();
    const answers = await Promise.all([1, 2].map(() => call(base, 'POST', '/profile', f.keys.full, { name: 'race', sort_order: 0 })));
    expect(answers.map((a) => a.status).sort()).toEqual([201, 409]);
    const list = (await call(base, 'GET', '/profile?ignore_rights=true', f.keys.privileged)).body as P[];
    expect(list.filter((p) => p.name === 'race')).toHaveLength(1);
  });

  it('400 INVALID_FIELD for invalid bodies, and nothing is created', async () => {
    const f = await fixture();
    const before = await call(base, 'GET', '/profile?ignore_rights=true', f.keys.privileged);
    const cases: [unknown, string][] = [
      [{ sort_order: 1 }, 'name: must be a string'],
      [{ name: 5 }, 'name: must be a string'],
      [{ name: '   ' }, 'name: must not be empty'],
      [{ name: 'x', sort_order: 1.5 }, 'sort_order: must be an integer'],
      [{ name: 'x', sort_order: '1' }, 'sort_order: must be an integer'],
      [{ name: 'x', colour: 'red' }, 'body: unknown field "colour"'],
      [{ name: 'x', attributes: [f.attrs.lights, f.attrs.lights] }, 'attributes: lists an attribute twice'],
      [{ name: 'x', attributes: ['lights'] }, 'attributes.0: must be an attribute ID'],
      [[{ name: 'x' }], 'body: must be a JSON object'],
      ['{"name": "x",', ''],
    ];
    for (const [body, detail] of cases) {
      const a = await call(base, 'POST', '/profile', f.keys.full, body);
      expect(a.status, JSON.stringify(body)).toBe(400);
      expect(a.body).toEqual(rpdbError('INVALID_FIELD', INVALID_FIELD, detail || 'The request body is not valid JSON'));
    }
    expect(await call(base, 'GET', '/profile?ignore_rights=true', f.keys.privileged)).toMatchObject({ body: before.body });
  });

  it('400 INVALID_FIELD for a name with a NUL character or an unpaired surrogate (POST and PUT); nothing changes', async () => {
    const f = await fixture();
    const before = await call(base, 'GET', '/profile?ignore_rights=true', f.keys.privileged);
    const detail = 'name: must not contain NUL characters or unpaired surrogates';
    for (const raw of ['{"name":"a\\u0000b"}', '{"name":"\\ud800"}', '{"name":"x\\udc00y"}']) {
      const created = await call(base, 'POST', '/profile', f.keys.full, raw);
      expect(created.status, raw).toBe(400);
      expect(created.body).toEqual(rpdbError('INVALID_FIELD', INVALID_FIELD, detail));
      const updated = await call(base, 'PUT', `/profile/${f.profiles.living.id}`, f.keys.privileged, raw);
      expect(updated.status, raw).toBe(400);
      expect(updated.body).toEqual(rpdbError('INVALID_FIELD', INVALID_FIELD, detail));
    }
    // A well-formed pair (an emoji) is fine.
    expect((await call(base, 'POST', '/profile', f.keys.full, { name: 'urlaub 🏖️' })).status).toBe(201);
    const after = (await call(base, 'GET', '/profile?ignore_rights=true', f.keys.privileged)).body as P[];
    expect(after.filter((p) => p.name !== 'urlaub 🏖️')).toEqual(before.body);
  });

  it('404 ATTRIBUTE_NOT_FOUND for an attribute the account lacks or the key cannot see; nothing is created', async () => {
    const f = await fixture();
    const g = await fixture();
    const cases: [string, number][] = [
      [f.keys.full, 2_000_000_000],
      [f.keys.full, g.attrs.lights],
      [f.keys.limited, f.attrs.heating],
    ];
    for (const [key, attribute] of cases) {
      const a = await call(base, 'POST', '/profile', key, { name: 'never', attributes: [f.attrs.garage, attribute] });
      expect(a.status).toBe(404);
      expect(a.body).toEqual(
        rpdbError(
          'ATTRIBUTE_NOT_FOUND',
          'The given attribute was not found',
          `No attribute with the ID ${attribute} is available to this token`,
        ),
      );
    }
    const list = (await call(base, 'GET', '/profile?ignore_rights=true', f.keys.privileged)).body as P[];
    expect(list.map((p) => p.name)).not.toContain('never');
  });
});

describe('PUT /profile/{id}', () => {
  it('a privileged key updates name, sort_order and attributes', async () => {
    const f = await fixture();
    const id = f.profiles.empty.id;
    const a = await call(base, 'PUT', `/profile/${id}`, f.keys.privileged, {
      name: 'weekend',
      sort_order: 9,
      attributes: [f.attrs.alarm, f.attrs.lights],
    });
    expect(a.status).toBe(200);
    const updated = { id, name: 'weekend', sort_order: 9, attributes: [f.attrs.alarm, f.attrs.lights] };
    expect(a.body).toEqual(updated);
    // Now it has lights, so the limited key sees it too.
    expect((await call(base, 'GET', `/profile/${id}`, f.keys.limited)).body).toEqual(updated);
    // Fields left out stay as they are.
    const b = await call(base, 'PUT', `/profile/${id}`, f.keys.privileged, { sort_order: 2 });
    expect(b.body).toEqual({ ...updated, sort_order: 2 });
  });

  it('412 NOT_PRIVILEGED for a key that is not (or no longer) privileged; nothing changes', async () => {
    const f = await fixture();
    const id = f.profiles.living.id;
    for (const key of [f.keys.full, f.keys.limited]) {
      const a = await call(base, 'PUT', `/profile/${id}`, key, { name: 'renamed' });
      expect(a.status).toBe(412);
      expect(a.body).toEqual(rpdbError('NOT_PRIVILEGED', "The token isn't privileged", 'The token is not privileged'));
    }
    clock.now = new Date(START.getTime() + 31 * 60_000);
    expect((await call(base, 'PUT', `/profile/${id}`, f.keys.privileged, { name: 'renamed' })).status).toBe(412);
    expect((await call(base, 'GET', `/profile/${id}`, f.keys.full)).body).toEqual(f.profiles.living);
  });

  it('400 INVALID_ID / INVALID_FIELD, 404 unknown profile or attribute, 409 name clash — each changes nothing', async () => {
    const f = await fixture();
    const id = f.profiles.living.id;
    const invalidId = await call(base, 'PUT', '/profile/x1', f.keys.privileged, { name: 'a' });
    expect(invalidId.status).toBe(400);
    expect((invalidId.body as { error: { id: string } }).error.id).toBe('INVALID_ID');
    const badBody = await call(base, 'PUT', `/profile/${id}`, f.keys.privileged, { name: 'a', rights: 'all' });
    expect(badBody.status).toBe(400);
    expect(badBody.body).toEqual(rpdbError('INVALID_FIELD', INVALID_FIELD, 'body: unknown field "rights"'));
    const unknown = await call(base, 'PUT', '/profile/2000000000', f.keys.privileged, { name: 'a' });
    expect(unknown.status).toBe(404);
    expect((unknown.body as { error: { id: string } }).error.id).toBe('PROFILE_NOT_FOUND');
    const badAttr = await call(base, 'PUT', `/profile/${id}`, f.keys.privileged, { name: 'a', attributes: [2_000_000_000] });
    expect(badAttr.status).toBe(404);
    expect((badAttr.body as { error: { id: string } }).error.id).toBe('ATTRIBUTE_NOT_FOUND');
    const clash = await call(base, 'PUT', `/profile/${id}`, f.keys.privileged, { name: 'cellar', attributes: [] });
    expect(clash.status).toBe(409);
    expect((clash.body as { error: { id: string } }).error.id).toBe('PROFILE_ALREADY_EXISTS');
    expect((await call(base, 'GET', `/profile/${id}`, f.keys.full)).body).toEqual(f.profiles.living);
  });
});

describe('DELETE /profile/{id}', () => {
  it('200 with the deleted profile; it is gone afterwards (also without a content type)', async () => {
    const f = await fixture();
    const a = await call(base, 'DELETE', `/profile/${f.profiles.living.id}`, f.keys.full);
    expect(a.status).toBe(200);
    expect(a.body).toEqual(f.profiles.living);
    expect((await call(base, 'GET', `/profile/${f.profiles.living.id}`, f.keys.full)).status).toBe(404);
    const res = await fetch(`${base}/profile/${f.profiles.cellar.id}`, { method: 'DELETE', headers: { 'x-api-key': f.keys.full } });
    expect(res.status).toBe(200);
  });

  it('412 NO_RIGHT when the key only reads one of its attributes; nothing changes', async () => {
    const f = await fixture();
    const a = await call(base, 'DELETE', `/profile/${f.profiles.cellar.id}`, f.keys.limited);
    expect(a.status).toBe(412);
    expect(a.body).toEqual(
      rpdbError('NO_RIGHT', 'The token has no right on this attribute', 'The token has no write right on every attribute of this profile'),
    );
    expect((await call(base, 'GET', `/profile/${f.profiles.cellar.id}`, f.keys.limited)).body).toEqual(f.profiles.cellar);
  });

  it('404 for a hidden or unknown profile, 400 for an invalid id', async () => {
    const f = await fixture();
    expect((await call(base, 'DELETE', `/profile/${f.profiles.hidden.id}`, f.keys.limited)).status).toBe(404);
    expect((await call(base, 'DELETE', '/profile/2000000000', f.keys.full)).status).toBe(404);
    const bad = await call(base, 'DELETE', '/profile/abc', f.keys.full);
    expect(bad.status).toBe(400);
    expect((bad.body as { error: { id: string } }).error.id).toBe('INVALID_ID');
    expect((await call(base, 'GET', `/profile/${f.profiles.hidden.id}`, f.keys.full)).status).toBe(200);
  });

  it('a privileged key may delete a profile no right reaches', async () => {
    const f = await fixture();
    expect((await call(base, 'DELETE', `/profile/${f.profiles.empty.id}`, f.keys.full)).status).toBe(404);
    expect((await call(base, 'DELETE', `/profile/${f.profiles.empty.id}`, f.keys.privileged)).status).toBe(200);
  });
});

describe('PATCH /profile/sort', () => {
  it('sets sort_order for the listed profiles and answers the visible list in the new order', async () => {
    const f = await fixture();
    const { living, cellar } = f.profiles;
    const a = await call(base, 'PATCH', '/profile/sort', f.keys.full, [
      { id: living.id, sort_order: 0 },
      { id: cellar.id, sort_order: 5 },
    ]);
    expect(a.status).toBe(200);
    expect(a.body).toEqual([{ ...living, sort_order: 0 }, { ...f.profiles.hidden }, { ...f.profiles.alarm }, { ...cellar, sort_order: 5 }]);
  });

  it('412 NO_RIGHT when the key only reads an attribute of a listed profile; no sort_order changes', async () => {
    const f = await fixture();
    const before = (await call(base, 'GET', '/profile?ignore_rights=true', f.keys.privileged)).body;
    // `limited` sees both (read on lights, garage's default read) but may write neither.
    const a = await call(base, 'PATCH', '/profile/sort', f.keys.limited, [
      { id: f.profiles.living.id, sort_order: 0 },
      { id: f.profiles.cellar.id, sort_order: 5 },
    ]);
    expect(a.status).toBe(412);
    expect(a.body).toEqual(
      rpdbError('NO_RIGHT', 'The token has no right on this attribute', 'The token has no write right on every attribute of this profile'),
    );
    expect((await call(base, 'GET', '/profile?ignore_rights=true', f.keys.privileged)).body).toEqual(before);
    // A privileged key re-sorts any profile of the account, hidden ones included.
    const p = await call(base, 'PATCH', '/profile/sort', f.keys.privileged, [{ id: f.profiles.empty.id, sort_order: 3 }]);
    expect(p.status).toBe(200);
    expect((await call(base, 'GET', `/profile/${f.profiles.empty.id}?ignore_rights=true`, f.keys.privileged)).body).toEqual({
      ...f.profiles.empty,
      sort_order: 3,
    });
  });

  it('all or nothing: an unknown or hidden id is 404 and no sort_order changes', async () => {
    const f = await fixture();
    const before = (await call(base, 'GET', '/profile?ignore_rights=true', f.keys.privileged)).body;
    const unknown = await call(base, 'PATCH', '/profile/sort', f.keys.full, [
      { id: f.profiles.cellar.id, sort_order: 9 },
      { id: 2_000_000_000, sort_order: 1 },
    ]);
    expect(unknown.status).toBe(404);
    expect(unknown.body).toEqual(
      rpdbError('PROFILE_NOT_FOUND', 'The profile was not found', 'No profile with the ID 2000000000 is available to this token'),
    );
    const hidden = await call(base, 'PATCH', '/profile/sort', f.keys.limited, [
      { id: f.profiles.cellar.id, sort_order: 9 },
      { id: f.profiles.hidden.id, sort_order: 1 },
    ]);
    expect(hidden.status).toBe(404);
    expect((await call(base, 'GET', '/profile?ignore_rights=true', f.keys.privileged)).body).toEqual(before);
  });

  it('concurrent sorts over the same profiles all succeed (rows are locked in one order, no deadlock)', async () => {
    const f = await fixture();
    const ids = Object.values(f.profiles).map((p) => p.id);
    for (let i = 0; i < 25; i++) ids.push((await owner.caller.rpdb.profile.create({ accountId: f.accountId, name: `many-${i}` })).id);
    for (let round = 0; round < 3; round++) {
      const answers = await Promise.all(
        Array.from({ length: 16 }, (_, n) => {
          // Whole-list sorts (a sequential scan: heap order, which every sort's rewrite changes) race with
          // sorts of a few profiles (an index scan: id order); unordered locks then cross and deadlock.
          const subset = n % 2 === 0 ? ids : ids.filter((_, i) => (i + n) % 5 === 0);
          return call(
            base,
            'PATCH',
            '/profile/sort',
            f.keys.privileged,
            subset.map((id, i) => ({ id, sort_order: (i * (n + 3) + round) % 17 })),
          );
        }),
      );
      expect(answers.map((a) => a.status)).toEqual(Array(16).fill(200));
    }
  });

  it('400 INVALID_FIELD for properties other than id and sort_order, or a body that is not an array', async () => {
    const f = await fixture();
    const extra = await call(base, 'PATCH', '/profile/sort', f.keys.full, [{ id: f.profiles.cellar.id, sort_order: 1, name: 'x' }]);
    expect(extra.status).toBe(400);
    expect(extra.body).toEqual(rpdbError('INVALID_FIELD', INVALID_FIELD, '0: unknown field "name"'));
    const notArray = await call(base, 'PATCH', '/profile/sort', f.keys.full, { id: f.profiles.cellar.id, sort_order: 1 });
    expect(notArray.status).toBe(400);
    expect(notArray.body).toEqual(rpdbError('INVALID_FIELD', INVALID_FIELD, 'body: must be a JSON array'));
    const twice = await call(base, 'PATCH', '/profile/sort', f.keys.full, [
      { id: f.profiles.cellar.id, sort_order: 1 },
      { id: f.profiles.cellar.id, sort_order: 2 },
    ]);
    expect(twice.status).toBe(400);
    const noId = await call(base, 'PATCH', '/profile/sort', f.keys.full, [{ sort_order: 1 }, { id: '7', sort_order: 1 }]);
    expect(noId.body).toEqual(rpdbError('INVALID_FIELD', INVALID_FIELD, '0.id: must be a profile ID; 1.id: must be a profile ID'));
    expect((await call(base, 'GET', `/profile/${f.profiles.cellar.id}`, f.keys.full)).body).toEqual(f.profiles.cellar);
  });
});

describe('routing', () => {
  it('answers a non-JSON body with 400 or 415 and an oversized one with 413, in the RPdb envelope', async () => {
    const f = await fixture();
    const post = (type: string, body: string) =>
      fetch(`${base}/profile`, { method: 'POST', headers: { 'x-api-key': f.keys.full, 'content-type': type }, body });
    const text = await post('text/plain', 'name=x');
    expect(text.status).toBe(400);
    expect(await text.json()).toEqual(rpdbError('INVALID_FIELD', INVALID_FIELD, 'body: must be a JSON object'));
    const xml = await post('application/xml', '<profile name="x"/>');
    expect(xml.status).toBe(415);
    expect(await xml.json()).toEqual(rpdbError('UNSUPPORTED_MEDIA_TYPE', 'The request body must be JSON', 'Unsupported content type'));
    const bom = await post('application/json; charset=utf-8', '\uFEFF{"name":"with a byte order mark"}');
    expect(bom.status).toBe(201);
    expect(await bom.json()).toMatchObject({ name: 'with a byte order mark' });
    const big = await call(base, 'POST', '/profile', f.keys.full, { name: 'x'.repeat(2 * 1024 * 1024) });
    expect(big.status).toBe(413);
    expect((big.body as { error: { id: string } }).error.id).toBe('REQUEST_TOO_LARGE');
  });

  it('answers unknown methods and paths under /profile in the RPdb envelope', async () => {
    const f = await fixture();
    const method = await call(base, 'PATCH', `/profile/${f.profiles.living.id}`, f.keys.full, {});
    expect(method.status).toBe(405);
    expect(method.headers.get('allow')).toBe('GET, PUT, DELETE');
    expect((method.body as { error: { id: string } }).error.id).toBe('METHOD_NOT_ALLOWED');
    const path = await call(base, 'GET', '/api/v1/profile/1/entries', f.keys.full);
    expect(path.status).toBe(404);
    expect((path.body as { error: { id: string } }).error.id).toBe('ROUTE_NOT_FOUND');
  });
});

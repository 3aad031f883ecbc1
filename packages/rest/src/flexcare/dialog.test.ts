import type { DbHandle } from '@profilehub/db';
import { createTestDb } from '@profilehub/db/testing';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { defineSurface } from '../framework/surface';
import { flexcareSurface } from './surface';
import { type Answer, type Clock, call, flexError, login, lowerLevels, seedDirectory, startServer } from './testing';

let handle: DbHandle;
let app: FastifyInstance;
let base: string;
const clock: Clock = { now: new Date('2026-03-01T10:00:00Z') };
let dir: Awaited<ReturnType<typeof seedDirectory>>;
const tokens: Record<string, string> = {};

const PROFILES = '/flexcare/dialog/profile';
const LANGUAGES = '/flexcare/dialog/language';
const OBJECT_ID = /^[0-9a-f]{24}$/;
const MDM_KEY = /^[0-9a-f]{24}-[0-9a-f]{24}$/;
const GHOST = '0123456789abcdef01234567';

type Profile = { _id: string; name: string; customer: string; languages: string[]; ipList: string[]; mdmKey: string };

beforeAll(async () => {
  handle = await createTestDb();
  ({ app, base } = await startServer(handle, clock));
  dir = await seedDirectory(handle, clock);
  tokens.ADMIN = await login(base, dir.employees.admin.username);
  tokens.RA1 = await login(base, dir.employees.ra1.username);
  tokens.RA2 = await login(base, dir.employees.ra2.username);
  for (const level of lowerLevels) tokens[level] = await login(base, dir.lower[level]!.username);
});
afterAll(async () => {
  await app?.close();
  await handle?.close();
});

async function createLanguage(name: string, extra: Record<string, unknown> = {}) {
  const res = await call(base, 'POST', LANGUAGES, tokens.ADMIN!, { name, ...extra });
  expect(res.status).toBe(200);
  return res.body as { _id: string; name: string };
}

async function createProfile(token: string, body: Record<string, unknown>): Promise<Profile> {
  const res = await call(base, 'POST', PROFILES, token, body);
  expect(res.status, res.text).toBe(200);
  return res.body as Profile;
}

const get = (path: string, token = tokens.ADMIN!) => call(base, 'GET', path, token);

describe('the seed page example: POST /flexcare/dialog/profile/{id} (update)', () => {
  it('updates a profile and answers the documented shape', async () => {
    const da = await createLanguage('Danish');
    const en = await createLanguage('English');
    const created = await createProfile(tokens.ADMIN!, { name: 'Draft', customer: dir.customers.c1a.id });
    const res = await call(base, 'POST', `${PROFILES}/${created._id}`, tokens.ADMIN!, {
      name: 'My profile',
      customer: dir.customers.c1a.id,
      allLanguages: false,
      ipList: ['145.125.12.45/24'],
      languages: [da._id, en._id],
      largeKeyboardLayout: '',
      smallKeyboardLayout: '',
    });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^application\/json/);
    expect(res.body).toEqual({
      _id: created._id,
      name: 'My profile',
      customer: dir.customers.c1a.id,
      allLanguages: false,
      ipList: ['145.125.12.45/24'],
      languages: [da._id, en._id],
      mdmKey: created.mdmKey,
      largeKeyboardLayout: '',
      smallKeyboardLayout: '',
    });
    expect(Object.keys(res.body as object)).toEqual([
      '_id',
      'name',
      'customer',
      'allLanguages',
      'ipList',
      'languages',
      'mdmKey',
      'largeKeyboardLayout',
      'smallKeyboardLayout',
    ]);
    expect(created._id).toMatch(OBJECT_ID);
    expect(created.mdmKey).toMatch(MDM_KEY);
    expect((await get(`${PROFILES}/${created._id}`)).body).toEqual(res.body);
  });

  it('is partial: keys not sent stay unchanged; _id and mdmKey in the body are ignored', async () => {
    const lang = await createLanguage('German');
    const layout = JSON.stringify({ rows: [['q', 'w', 'e']] });
    const p = await createProfile(tokens.ADMIN!, {
      name: 'Partial',
      customer: dir.customers.c1b.id,
      ipList: ['10.0.0.0/8', '2001:db8::/32'],
      languages: [lang._id],
      largeKeyboardLayout: layout,
      smallKeyboardLayout: '{}',
    });
    const res = await call(base, 'POST', `${PROFILES}/${p._id}`, tokens.ADMIN!, { name: 'Renamed', _id: GHOST, mdmKey: 'mine' });
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ ...p, name: 'Renamed' });
    const ipOnly = await call(base, 'POST', `${PROFILES}/${p._id}`, tokens.ADMIN!, { ipList: ['127.0.0.1'] });
    expect(ipOnly.body).toEqual({ ...p, name: 'Renamed', ipList: ['127.0.0.1'] });
  });

  it('allLanguages: true answers languages: [] and later selections start from scratch', async () => {
    const lang = await createLanguage('Swedish');
    const p = await createProfile(tokens.ADMIN!, { name: 'All', customer: dir.customers.c1a.id, languages: [lang._id] });
    const all = await call(base, 'POST', `${PROFILES}/${p._id}`, tokens.ADMIN!, { allLanguages: true, languages: [lang._id] });
    expect(all.body).toMatchObject({ allLanguages: true, languages: [] });
    const back = await call(base, 'POST', `${PROFILES}/${p._id}`, tokens.ADMIN!, { allLanguages: false });
    expect(back.body).toMatchObject({ allLanguages: false, languages: [] });
    const created = await createProfile(tokens.ADMIN!, {
      name: 'All2',
      customer: dir.customers.c1a.id,
      allLanguages: true,
      languages: [lang._id],
    });
    expect(created).toMatchObject({ allLanguages: true, languages: [] });
  });

  it('a profile that does not exist, or a malformed id, answers 404 not_found "Profile not found"', async () => {
    for (const id of [GHOST, 'nope', '1234567890qwertyuiopqwer']) {
      for (const [method, body] of [
        ['GET', undefined],
        ['POST', { name: 'x' }],
        ['DELETE', undefined],
      ] as const) {
        const res = await call(base, method, `${PROFILES}/${id}`, tokens.ADMIN!, body);
        expect(res.status, `${method} ${id}`).toBe(404);
        expect(res.body).toEqual(flexError(404, 'not_found', 'Profile not found'));
      }
    }
  });
});

describe('invalid input is refused and changes nothing', () => {
  let profile: Profile;
  beforeAll(async () => {
    const lang = await createLanguage('Norwegian');
    profile = await createProfile(tokens.ADMIN!, {
      name: 'Guarded',
      customer: dir.customers.c1a.id,
      ipList: ['192.168.1.0/24'],
      languages: [lang._id],
    });
  });

  async function expectUnchanged() {
    expect((await get(`${PROFILES}/${profile._id}`)).body).toEqual(profile);
  }

  const cases: [string, Record<string, unknown>, number, ReturnType<typeof flexError>][] = [
    [
      'an invalid CIDR',
      { ipList: ['10.0.0.1', '10.0.0.0/33'] },
      422,
      flexError(422, 'ipList.1', 'ipList.1 must be an IPv4/IPv6 address or a CIDR range', { path: 'ipList.1', check: 'ip' }),
    ],
    [
      'a legacy short IPv4 form',
      { ipList: ['127.1'] },
      422,
      flexError(422, 'ipList.0', 'ipList.0 must be an IPv4/IPv6 address or a CIDR range', { path: 'ipList.0', check: 'ip' }),
    ],
    [
      'an invalid layout JSON',
      { largeKeyboardLayout: '{"rows": [' },
      422,
      flexError(422, 'largeKeyboardLayout', 'largeKeyboardLayout must be empty or valid JSON', {
        path: 'largeKeyboardLayout',
        check: 'json',
      }),
    ],
    ['an unknown language', { languages: [GHOST] }, 404, flexError(404, 'languages', 'Language not found', { path: 'languages' })],
    ['an unknown customer', { customer: GHOST }, 404, flexError(404, 'customer', 'Customer not found', { path: 'customer' })],
    [
      'a malformed customer id',
      { customer: 'abc' },
      422,
      flexError(422, 'customer', 'customer must be a 24 character hex ObjectId', { path: 'customer', check: 'format' }),
    ],
    ['a name of the wrong type', { name: 42 }, 422, flexError(422, 'name', 'name must be a string', { path: 'name', check: 'type' })],
    [
      'a string where an array belongs',
      { ipList: '10.0.0.1' },
      422,
      flexError(422, 'ipList', 'ipList must be an array of strings', { path: 'ipList', check: 'type' }),
    ],
  ];

  for (const [what, body, status, expected] of cases) {
    it(`update with ${what} → ${status} ${expected.error.code}`, async () => {
      const res = await call(base, 'POST', `${PROFILES}/${profile._id}`, tokens.ADMIN!, { name: 'Changed?', ...body });
      expect(res.status).toBe(status);
      expect(res.body).toEqual(expected);
      await expectUnchanged();
    });
  }

  it('create with an unknown customer, language, bad CIDR or bad layout creates nothing', async () => {
    const before = (await get(PROFILES)).body as { total: number };
    for (const [, body, status, expected] of cases) {
      const res = await call(base, 'POST', PROFILES, tokens.ADMIN!, { name: 'New', customer: dir.customers.c1a.id, ...body });
      expect(res.status).toBe(status);
      expect(res.body).toEqual(expected);
    }
    expect(((await get(PROFILES)).body as { total: number }).total).toBe(before.total);
  });

  it('reports the first failing field in the order the body lists them', async () => {
    const a = await call(base, 'POST', `${PROFILES}/${profile._id}`, tokens.ADMIN!, { smallKeyboardLayout: 'x', ipList: ['bad'] });
    expect(a.body).toMatchObject({ error: { code: 'smallKeyboardLayout', check: 'json' } });
    const b = await call(base, 'POST', `${PROFILES}/${profile._id}`, tokens.ADMIN!, { ipList: ['bad'], smallKeyboardLayout: 'x' });
    expect(b.body).toMatchObject({ error: { code: 'ipList.0', check: 'ip' } });
  });

  it('create without a name or customer → 422 required', async () => {
    const res = await call(base, 'POST', PROFILES, tokens.ADMIN!, { ipList: [] });
    expect(res.status).toBe(422);
    expect(res.body).toEqual(flexError(422, 'name', 'name is required', { path: 'name', check: 'required' }));
  });

  it('a body that is not a JSON object → 400 bad_request', async () => {
    for (const body of ['[1,2]', '"text"', '{"name":']) {
      const res = await call(base, 'POST', `${PROFILES}/${profile._id}`, tokens.ADMIN!, body);
      expect(res.status).toBe(400);
      expect((res.body as { error: { code: string } }).error.code).toBe('bad_request');
    }
    await expectUnchanged();
  });
});

describe('access levels against every endpoint', () => {
  let profile: Profile;
  let language: { _id: string };
  beforeAll(async () => {
    language = await createLanguage('Finnish');
    profile = await createProfile(tokens.ADMIN!, { name: 'Matrix', customer: dir.customers.c1a.id });
  });

  const endpoints = (): [string, string, unknown][] => [
    ['GET', PROFILES, undefined],
    ['POST', PROFILES, { name: 'x', customer: dir.customers.c1a.id }],
    ['GET', `${PROFILES}/license?profile=${profile._id}`, undefined],
    ['GET', `${PROFILES}/${profile._id}`, undefined],
    ['POST', `${PROFILES}/${profile._id}`, { name: 'hijacked' }],
    ['DELETE', `${PROFILES}/${profile._id}`, undefined],
    ['GET', LANGUAGES, undefined],
    ['POST', LANGUAGES, { name: 'Klingon' }],
    ['GET', `${LANGUAGES}/${language._id}`, undefined],
    ['POST', `${LANGUAGES}/${language._id}`, { name: 'hijacked' }],
    ['DELETE', `${LANGUAGES}/${language._id}`, undefined],
  ];

  for (const level of lowerLevels) {
    it(`${level} → 403 access_denied on every endpoint, nothing changes`, async () => {
      for (const [method, path, body] of endpoints()) {
        const res = await call(base, method, path, tokens[level]!, body);
        expect(res.status, `${method} ${path}`).toBe(403);
        expect(res.body).toEqual(flexError(403, 'access_denied', 'Insufficient access level'));
      }
      // Even an invalid body is answered 403 first.
      const invalid = await call(base, 'POST', PROFILES, tokens[level]!, { ipList: 'nope' });
      expect(invalid.status).toBe(403);
      expect((await get(`${PROFILES}/${profile._id}`)).body).toEqual(profile);
      expect((await get(`${LANGUAGES}/${language._id}`)).body).toMatchObject({ name: 'Finnish' });
    });
  }

  it('RESELLER_ADMIN reaches every endpoint for its own reseller’s customers', async () => {
    const answers: Answer[] = [];
    const own = await createProfile(tokens.RA1!, { name: 'RA1 own', customer: dir.customers.c1b.id });
    answers.push(await get(PROFILES, tokens.RA1));
    answers.push(await get(`${PROFILES}/license?profile=${own._id}`, tokens.RA1));
    answers.push(await get(`${PROFILES}/${own._id}`, tokens.RA1));
    answers.push(await call(base, 'POST', `${PROFILES}/${own._id}`, tokens.RA1!, { name: 'RA1 renamed' }));
    answers.push(await get(LANGUAGES, tokens.RA1));
    const lang = await call(base, 'POST', LANGUAGES, tokens.RA1!, { name: 'Icelandic' });
    answers.push(lang);
    const langId = (lang.body as { _id: string })._id;
    answers.push(await get(`${LANGUAGES}/${langId}`, tokens.RA1));
    answers.push(await call(base, 'POST', `${LANGUAGES}/${langId}`, tokens.RA1!, { nativeName: 'Íslenska' }));
    answers.push(await call(base, 'DELETE', `${LANGUAGES}/${langId}`, tokens.RA1!));
    answers.push(await call(base, 'DELETE', `${PROFILES}/${own._id}`, tokens.RA1!));
    for (const a of answers) expect(a.status, a.text).toBe(200);
  });

  it('RESELLER_ADMIN on another reseller’s profile → 404 as if it did not exist', async () => {
    const foreign = await createProfile(tokens.ADMIN!, { name: 'Foreign', customer: dir.customers.c2a.id });
    const notFound = flexError(404, 'not_found', 'Profile not found');
    for (const [method, body] of [
      ['GET', undefined],
      ['POST', { name: 'stolen' }],
      ['DELETE', undefined],
    ] as const) {
      const res = await call(base, method, `${PROFILES}/${foreign._id}`, tokens.RA1!, body);
      expect(res.status).toBe(404);
      expect(res.body).toEqual(notFound);
    }
    const licenses = await get(`${PROFILES}/license?profile=${foreign._id}`, tokens.RA1);
    expect(licenses.status).toBe(404);
    expect(licenses.body).toEqual(flexError(404, 'id', 'Dialog profile not found'));
    // Creating for, or moving a profile to, a foreign customer: the customer "does not exist".
    const create = await call(base, 'POST', PROFILES, tokens.RA1!, { name: 'x', customer: dir.customers.c2a.id });
    expect(create.body).toEqual(flexError(404, 'customer', 'Customer not found', { path: 'customer' }));
    const own = await createProfile(tokens.RA1!, { name: 'Mine', customer: dir.customers.c1a.id });
    const move = await call(base, 'POST', `${PROFILES}/${own._id}`, tokens.RA1!, { customer: dir.customers.direct.id });
    expect(move.body).toEqual(flexError(404, 'customer', 'Customer not found', { path: 'customer' }));
    // The list leaves it out; the owning reseller admin and ADMIN see it.
    const listed = (await get(`${PROFILES}?limit=500`, tokens.RA1)).body as { items: { _id: string }[] };
    expect(listed.items.map((i) => i._id)).not.toContain(foreign._id);
    expect((await get(`${PROFILES}/${foreign._id}`, tokens.RA2)).status).toBe(200);
    expect((await get(`${PROFILES}/${foreign._id}`)).body).toEqual(foreign);
  });
});

describe('lists', () => {
  let langA: { _id: string };
  let prof: Profile[];
  beforeAll(async () => {
    langA = await createLanguage('Zulu list', { nativeName: 'isiZulu', country: 'ZA', model: 'm1', translation: 'ollama' });
    prof = [];
    for (const name of ['Zeta list', 'Alpha list', 'Mu list'])
      prof.push(await createProfile(tokens.ADMIN!, { name, customer: dir.customers.c2a.id, languages: [langA._id] }));
    await dir.owner.flexcare.license.issue({ profile: prof[1]!._id, expire: new Date('2027-01-01T00:00:00Z'), authenticatedBy: 'MDMKEY' });
    await dir.owner.flexcare.license.issue({ profile: prof[1]!._id, expire: new Date('2027-02-01T00:00:00Z') });
  });

  it('profiles: filter on name, sorted by name, with totalLicenses and the documented item shape', async () => {
    const res = await get(`${PROFILES}?filter=LIST&offset=0&limit=2`);
    expect(res.status).toBe(200);
    expect(res.body).toEqual({
      offset: 0,
      limit: 2,
      total: 3,
      items: [
        { _id: prof[1]!._id, name: 'Alpha list', allLanguages: false, totalLicenses: 2, languages: [langA._id] },
        { _id: prof[2]!._id, name: 'Mu list', allLanguages: false, totalLicenses: 0, languages: [langA._id] },
      ],
    });
    const next = (await get(`${PROFILES}?filter=list&offset=2`)).body as { limit: number; items: { name: string }[] };
    expect(next.limit).toBe(100);
    expect(next.items.map((i) => i.name)).toEqual(['Zeta list']);
  });

  it('limit is clamped to 500; offset and limit must be numbers', async () => {
    expect((await get(`${PROFILES}?limit=10000`)).body).toMatchObject({ limit: 500 });
    const bad = await get(`${PROFILES}?offset=abc`);
    expect(bad.status).toBe(422);
    expect(bad.body).toEqual(flexError(422, 'offset', 'offset must be a number', { path: 'offset', check: 'type' }));
    const negative = await get(`${PROFILES}?offset=-1`);
    expect(negative.status).toBe(422);
  });

  it('languages: filter, item shape and totalProfiles counted for the caller’s reach', async () => {
    const res = await get(`${LANGUAGES}?filter=zulu`);
    expect(res.body).toEqual({
      offset: 0,
      limit: 100,
      total: 1,
      items: [
        { _id: langA._id, name: 'Zulu list', nativeName: 'isiZulu', country: 'ZA', model: 'm1', translation: 'ollama', totalProfiles: 3 },
      ],
    });
    // The profiles belong to reseller two's customer: reseller one's admin sees the language, not the count.
    expect((await get(`${LANGUAGES}?filter=zulu`, tokens.RA1)).body).toMatchObject({ items: [{ totalProfiles: 0 }] });
    expect((await get(`${LANGUAGES}/${langA._id}`, tokens.RA2)).body).toMatchObject({ totalProfiles: 3 });
  });

  it('licenses of a profile: {offset,limit,total,items} with optional fields left out', async () => {
    const res = await get(`${PROFILES}/license?profile=${prof[1]!._id}`);
    expect(res.status).toBe(200);
    expect(res.body).toEqual({
      offset: 0,
      limit: 100,
      total: 2,
      items: [
        {
          _id: expect.stringMatching(OBJECT_ID),
          expire: '2027-01-01T00:00:00.000Z',
          createdAt: expect.any(String),
          authenticatedBy: 'MDMKEY',
        },
        { _id: expect.stringMatching(OBJECT_ID), expire: '2027-02-01T00:00:00.000Z', createdAt: expect.any(String) },
      ],
    });
    const missing = await get(`${PROFILES}/license?profile=${GHOST}`);
    expect(missing.status).toBe(404);
    expect(missing.body).toEqual(flexError(404, 'id', 'Dialog profile not found'));
    expect((await get(`${PROFILES}/license`)).body).toEqual(flexError(404, 'id', 'Dialog profile not found'));
  });
});

describe('languages', () => {
  it('create, get, partial update, and delete → {"success":true}', async () => {
    const created = await call(base, 'POST', LANGUAGES, tokens.ADMIN!, {
      name: 'Danish',
      nativeName: 'Dansk',
      code: 'da',
      country: 'DK',
      keyboardCountry: 'DK',
      keyboardLang: 'da',
      model: 'nllb-200',
      speak: 'da-DK',
      translation: 'nllb',
      verify: true,
      voice: 'da-DK-Standard-A',
      keyboardConfigString: '{}',
    });
    expect(created.status).toBe(200);
    const id = (created.body as { _id: string })._id;
    const expected = {
      _id: id,
      name: 'Danish',
      nativeName: 'Dansk',
      code: 'da',
      country: 'DK',
      keyboardCountry: 'DK',
      keyboardLang: 'da',
      model: 'nllb-200',
      speak: 'da-DK',
      translation: 'nllb',
      verify: true,
      voice: 'da-DK-Standard-A',
      keyboardConfigString: '{}',
      disclaimer: '',
      totalProfiles: 0,
    };
    expect(created.body).toEqual(expected);
    expect((await get(`${LANGUAGES}/${id}`)).body).toEqual(expected);
    const updated = await call(base, 'POST', `${LANGUAGES}/${id}`, tokens.ADMIN!, { verify: false });
    expect(updated.body).toEqual({ ...expected, verify: false });
    const bad = await call(base, 'POST', `${LANGUAGES}/${id}`, tokens.ADMIN!, { translation: 'google' });
    expect(bad.status).toBe(422);
    expect(bad.body).toMatchObject({ error: { code: 'translation', status: 422, check: 'enum' } });
    const del = await call(base, 'DELETE', `${LANGUAGES}/${id}`, tokens.ADMIN!);
    expect(del.status).toBe(200);
    expect(del.body).toEqual({ success: true });
    const gone = await get(`${LANGUAGES}/${id}`);
    expect(gone.status).toBe(404);
    expect(gone.body).toEqual(flexError(404, 'not_found', 'Language not found'));
  });

  it('deleting a language a profile uses → 409 in_use, nothing deleted', async () => {
    const lang = await createLanguage('Used');
    await createProfile(tokens.ADMIN!, { name: 'User', customer: dir.customers.c1a.id, languages: [lang._id] });
    const res = await call(base, 'DELETE', `${LANGUAGES}/${lang._id}`, tokens.ADMIN!);
    expect(res.status).toBe(409);
    expect(res.body).toEqual(flexError(409, 'in_use', 'Language is used by one or more profiles'));
    expect((await get(`${LANGUAGES}/${lang._id}`)).status).toBe(200);
  });
});

describe('deleting profiles', () => {
  it('DELETE → {"success":true}; afterwards 404; a profile with licenses → 409 in_use', async () => {
    const p = await createProfile(tokens.ADMIN!, { name: 'Doomed', customer: dir.customers.c1a.id });
    const res = await call(base, 'DELETE', `${PROFILES}/${p._id}`, tokens.ADMIN!);
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ success: true });
    expect((await get(`${PROFILES}/${p._id}`)).status).toBe(404);

    const licensed = await createProfile(tokens.ADMIN!, { name: 'Licensed', customer: dir.customers.c1a.id });
    await dir.owner.flexcare.license.issue({ profile: licensed._id, expire: new Date('2027-01-01T00:00:00Z') });
    const refused = await call(base, 'DELETE', `${PROFILES}/${licensed._id}`, tokens.ADMIN!);
    expect(refused.status).toBe(409);
    expect(refused.body).toEqual(flexError(409, 'in_use', 'Profile has 1 license(s); revoke them first'));
    expect((await get(`${PROFILES}/${licensed._id}`)).status).toBe(200);
  });
});

describe('routing and the 500 envelope', () => {
  it('an unknown path under /flexcare → 404 in the envelope; a wrong method → 405 with Allow', async () => {
    const unknown = await get('/flexcare/dialog/nothing');
    expect(unknown.status).toBe(404);
    expect(unknown.body).toEqual(flexError(404, 'not_found', 'Not found'));
    const wrong = await call(base, 'PUT', `${PROFILES}/${GHOST}`, tokens.ADMIN!, {});
    expect(wrong.status).toBe(405);
    expect(wrong.headers.get('allow')).toBe('GET, POST, DELETE');
  });

  it('an unexpected failure answers 500 internal_error without details', async () => {
    const boom = defineSurface({
      ...flexcareSurface,
      routes: [
        ...flexcareSurface.routes,
        {
          method: 'GET',
          url: '/flexcare/dialog/boom',
          handler: async () => {
            throw new Error('secret stack detail');
          },
        },
      ],
    });
    const server = await startServer(handle, clock, boom);
    try {
      const res = await call(server.base, 'GET', '/flexcare/dialog/boom', tokens.ADMIN!);
      expect(res.status).toBe(500);
      expect(res.body).toEqual(flexError(500, 'internal_error', 'Internal server error'));
    } finally {
      await server.app.close();
    }
  });
});

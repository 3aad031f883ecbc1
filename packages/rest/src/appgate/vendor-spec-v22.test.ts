import { readFileSync } from 'node:fs';
import type { DbHandle } from '@profilehub/db';
import { createTestDb } from '@profilehub/db/testing';
import { Ajv2019 } from 'ajv/dist/2019.js';
import addFormats from 'ajv-formats';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { ADMIN_PASSWORD, type Answer, type Clock, call, controller, login, startServer, VIEWER_PASSWORD } from './testing';

// Our v22 answers checked against the vendor's own OpenAPI files (appgate/sdp-api-specification, branch
// version-22, copied to ../shared/spec/appgate-v22): the response schema the vendor documents for each
// route and status, with its $refs resolved. Answers' objects are closed (no field the vendor does not
// define), so a field we invent or misname fails as surely as a missing or mistyped one. Error bodies are
// checked open: the vendor's generic `Error {id, message}` is extended per case (422 `errors`, the 406
// version range), and the extension is checked where the vendor defines it.

type Schema = Record<string, unknown>;
const SPEC_DIR = new URL('../../../../../shared/spec/appgate-v22/', import.meta.url);
const files = new Map<string, Schema>();
const file = (name: string) => {
  if (!files.has(name)) files.set(name, parse(readFileSync(new URL(name, SPEC_DIR), 'utf8')) as Schema);
  return files.get(name)!;
};

/** `./common.yml#/definitions/Error` or `#/definitions/X` (relative to `from`) → the node it names. */
function lookup(ref: string, from: string): { node: Schema; file: string } {
  const [target, pointer = ''] = ref.split('#');
  const name = target ? target.replace(/^\.\//, '') : from;
  let node: unknown = file(name);
  for (const key of pointer.split('/').filter(Boolean)) {
    node = (node as Schema | undefined)?.[key.replace(/~1/g, '/').replace(/~0/g, '~')];
  }
  if (node === undefined) throw new Error(`unresolvable $ref ${ref} in ${from}`);
  return { node: node as Schema, file: name };
}

/**
 * A schema with every $ref inlined, OpenAPI's discriminator mapping as if/then on the `type` value, and
 * `unevaluatedProperties: false` on each object that is not a member of an allOf (whose siblings define
 * the rest of its fields).
 */
function resolve(node: unknown, from: string, closed = true, memberOfAllOf = false): unknown {
  if (Array.isArray(node)) return node.map((n) => resolve(n, from, closed));
  if (typeof node !== 'object' || node === null) return node;
  const obj = node as Schema;
  if (typeof obj.$ref === 'string') {
    const { node: target, file: where } = lookup(obj.$ref, from);
    return resolve(target, where, closed, memberOfAllOf);
  }
  const out: Schema = {};
  for (const [key, value] of Object.entries(obj)) {
    if (key === 'example' || key === 'discriminator') continue;
    if (key === 'properties')
      out.properties = Object.fromEntries(Object.entries(value as Schema).map(([k, v]) => [k, resolve(v, from, closed)]));
    else if (key === 'allOf') out.allOf = (value as unknown[]).map((m) => resolve(m, from, closed, true));
    else out[key] = resolve(value, from, closed);
  }
  const discriminator = obj.discriminator as { propertyName: string; mapping: Record<string, string> } | undefined;
  if (discriminator) {
    out.allOf = Object.entries(discriminator.mapping).map(([value, ref]) => ({
      if: { properties: { [discriminator.propertyName]: { const: value } }, required: [discriminator.propertyName] },
      // biome-ignore lint/suspicious/noThenProperty: JSON Schema's if/then keyword, not a promise
      then: resolve({ $ref: ref }, from, closed, true),
    }));
  }
  const isObject = out.type === 'object' || out.properties !== undefined || out.allOf !== undefined;
  if (closed && isObject && !memberOfAllOf) out.unevaluatedProperties = false;
  return out;
}

const ajv = new Ajv2019({ strict: false, allErrors: true });
addFormats.default(ajv);

/** Paths of the vendor's fragments (each file names its path items; the index that mounts them is not copied). */
const pathItems: Record<string, [file: string, item: string]> = {
  '/admin/client-profiles': ['client_profile.yml', 'client-profiles'],
  '/admin/client-profiles/{id}': ['client_profile.yml', 'client-profiles-id'],
  '/admin/client-profiles/{id}/url': ['client_profile.yml', 'client-profiles-url'],
  '/admin/client-profiles/{id}/barcode': ['client_profile.yml', 'client-profiles-barcode'],
};

type Documented = { file: string; operation: [item: string, method: string] };

/** Where the vendor documents a route's responses. */
function documentedResponse(path: keyof typeof pathItems, method: string): Documented {
  const [name, item] = pathItems[path]!;
  return { file: name, operation: [item, method.toLowerCase()] };
}

/** Checks one answer against what the vendor documents (by default: for its own route, method and status). */
function expectDocumented(path: keyof typeof pathItems, method: string, res: Answer<unknown>, as?: Documented) {
  const where = as ?? documentedResponse(path, method);
  const [item, verb] = where.operation;
  const documented = ((file(where.file)[item] as Schema)[verb] as { responses: Record<string, unknown> }).responses[String(res.status)];
  expect(documented, `${method} ${path}: status ${res.status} is not documented (${res.text})`).toBeDefined();
  const response = resolve(documented, where.file, res.status < 400) as { content?: Record<string, { schema: Schema }> };
  if (!response.content) {
    expect(res.text, `${method} ${path} ${res.status} has no body in the spec`).toBe('');
    return;
  }
  expect(res.headers.get('content-type')).toMatch(/^application\/json/);
  const validate = ajv.compile(response.content['application/json']!.schema);
  const valid = validate(res.body);
  expect(valid ? [] : validate.errors, `${method} ${path} ${res.status}: ${res.text}`).toEqual([]);
}

let handle: DbHandle;
let app: FastifyInstance;
let base: string;
const clock: Clock = { now: new Date('2026-05-01T08:00:00Z') };
let admin: string;
let viewer: string;

beforeAll(async () => {
  handle = await createTestDb();
  ({ app, base } = await startServer(handle, clock));
  const ws = await controller(handle, clock);
  admin = await login(base, ws.admin.username, ADMIN_PASSWORD);
  viewer = await login(base, ws.viewer.username, VIEWER_PASSWORD);
});
afterAll(async () => {
  await app?.close();
  await handle?.close();
});

describe("Appgate v22 answers validate against the vendor's v22 OpenAPI files", () => {
  it('resolves the vendor documents (every $ref the client-profile routes use)', () => {
    for (const [name, item] of Object.values(pathItems)) expect(() => resolve(file(name)[item], name)).not.toThrow();
  });

  it('create, get, list, update, url, barcode and delete of a Profile and a Group', async () => {
    const opts = (body?: unknown) => ({ token: admin, version: 22, body });
    const profile = await call(
      base,
      'POST',
      '/admin/client-profiles',
      opts({ name: 'Office', identityProviderName: 'local', tags: ['hq'] }),
    );
    expect(profile.status).toBe(200);
    expectDocumented('/admin/client-profiles', 'POST', profile);
    const id = profile.body.id as string;

    const get = await call(base, 'GET', `/admin/client-profiles/${id}`, opts());
    expect(get.status).toBe(200);
    expectDocumented('/admin/client-profiles/{id}', 'GET', get);

    const url = await call(base, 'GET', `/admin/client-profiles/${id}/url`, opts());
    expect(url.status).toBe(200);
    expectDocumented('/admin/client-profiles/{id}/url', 'GET', url);
    const barcode = await call(base, 'GET', `/admin/client-profiles/${id}/barcode`, opts());
    expect(barcode.status).toBe(200);
    expectDocumented('/admin/client-profiles/{id}/barcode', 'GET', barcode);

    // After an export the profile carries `exported`; a Group carries its member URLs.
    const group = await call(
      base,
      'POST',
      '/admin/client-profiles',
      opts({ name: 'Everyone', type: 'Group', profileUrls: [{ url: url.body.url, weight: 50 }] }),
    );
    expect(group.status).toBe(200);
    // The vendor's POST answer names ClientProfile (a Profile) only; its GET and PUT answers name the
    // Profile/Group discriminator, which is what a created Group is.
    expectDocumented('/admin/client-profiles', 'POST', group, documentedResponse('/admin/client-profiles/{id}', 'GET'));

    const list = await call(
      base,
      'GET',
      '/admin/client-profiles?range=0-10&orderBy=name&descending=true&query=e&filterBy[tags]=hq',
      opts(),
    );
    expect(list.status).toBe(200);
    expectDocumented('/admin/client-profiles', 'GET', list);
    const all = await call(base, 'GET', '/admin/client-profiles', opts());
    expect(all.body.data).toHaveLength(2);
    expectDocumented('/admin/client-profiles', 'GET', all);

    const updated = await call(
      base,
      'PUT',
      `/admin/client-profiles/${id}`,
      opts({ ...get.body, notes: 'changed', hostname: 'other.example.com' }),
    );
    expect(updated.status).toBe(200);
    expectDocumented('/admin/client-profiles/{id}', 'PUT', updated);
    const groupUpdated = await call(base, 'PUT', `/admin/client-profiles/${group.body.id}`, opts({ ...group.body, name: 'All staff' }));
    expect(groupUpdated.status).toBe(200);
    expectDocumented('/admin/client-profiles/{id}', 'PUT', groupUpdated);

    for (const target of [group.body.id, id]) {
      const deleted = await call(base, 'DELETE', `/admin/client-profiles/${target}`, opts());
      expect(deleted.status).toBe(204);
      expectDocumented('/admin/client-profiles/{id}', 'DELETE', deleted);
    }
  });

  it('the errors of those routes: 401, 403, 404, 406, 409, 422', async () => {
    const created = await call(base, 'POST', '/admin/client-profiles', {
      token: admin,
      body: { name: 'Taken', identityProviderName: 'local' },
    });
    const id = created.body.id as string;
    const answers: [keyof typeof pathItems, string, Answer<unknown>, number][] = [
      ['/admin/client-profiles', 'GET', await call(base, 'GET', '/admin/client-profiles', { token: null }), 401],
      ['/admin/client-profiles', 'GET', await call(base, 'GET', '/admin/client-profiles', { token: admin, version: 12 }), 406],
      // A View-only admin hears 403 before its (invalid: no identityProviderName) body is looked at.
      ['/admin/client-profiles', 'POST', await call(base, 'POST', '/admin/client-profiles', { token: viewer, body: { name: 'x' } }), 403],
      [
        '/admin/client-profiles',
        'POST',
        await call(base, 'POST', '/admin/client-profiles', { token: admin, body: { name: 'Taken', identityProviderName: 'local' } }),
        409,
      ],
      ['/admin/client-profiles', 'POST', await call(base, 'POST', '/admin/client-profiles', { token: admin, body: { notes: 1 } }), 422],
      ['/admin/client-profiles', 'POST', await call(base, 'POST', '/admin/client-profiles', { token: admin, body: '[1' }), 400],
      ['/admin/client-profiles/{id}', 'GET', await call(base, 'GET', '/admin/client-profiles/nope', { token: admin }), 404],
      [
        '/admin/client-profiles/{id}',
        'PUT',
        await call(base, 'PUT', `/admin/client-profiles/${id}`, { token: admin, body: { name: '' } }),
        422,
      ],
      ['/admin/client-profiles/{id}/url', 'GET', await call(base, 'GET', '/admin/client-profiles/nope/url', { token: admin }), 404],
      ['/admin/client-profiles/{id}', 'DELETE', await call(base, 'DELETE', `/admin/client-profiles/${id}`, { token: viewer }), 403],
    ];
    for (const [path, method, res, status] of answers) {
      expect(res.status, `${method} ${path}: ${res.text}`).toBe(status);
      expectDocumented(path, method, res);
    }
    // The 406 with the supported range, as the vendor defines it for login (sdpctl reads it there), closed.
    const refused = answers.find(([, , , status]) => status === 406)![2];
    const notAcceptable = resolve((file('login.yml').responses as Schema).NotAcceptableError, 'login.yml') as {
      content: Record<string, { schema: Schema }>;
    };
    const validate = ajv.compile(notAcceptable.content['application/json']!.schema);
    expect(validate(refused.body) ? [] : validate.errors).toEqual([]);
  });
});

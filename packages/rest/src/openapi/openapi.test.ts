import { readFileSync } from 'node:fs';
import { appRouter, vendors } from '@profilehub/api';
import { Validator } from '@seriousme/openapi-schema-validator';
import { describe, expect, it } from 'vitest';
import { surfaces, vendorSurfaces } from '../surfaces';
import { surfaceDocument } from './surface';
import { trpcDocument } from './trpc';

async function validate(doc: unknown) {
  const validator = new Validator();
  const result = await validator.validate(doc as Parameters<Validator['validate']>[0]);
  return { valid: result.valid, version: validator.version, errors: result.errors };
}

describe('OpenAPI documents', () => {
  it('the tRPC document is valid OpenAPI 3.1 and lists every procedure with its HTTP method', async () => {
    const doc = trpcDocument(appRouter, { version: 'test' });
    expect(await validate(doc)).toMatchObject({ valid: true, version: '3.1' });
    const procedures = Object.entries(appRouter._def.procedures as unknown as Record<string, { _def: { type: string } }>);
    expect(Object.keys(doc.paths)).toHaveLength(procedures.length);
    for (const [name, p] of procedures) {
      const item = doc.paths[`/trpc/${name}`] as Record<string, unknown>;
      expect(Object.keys(item), name).toEqual([p._def.type === 'mutation' ? 'post' : 'get']);
    }
    // Inputs come from the procedures' zod schemas, superjson-wrapped.
    const login = (
      doc.paths['/trpc/auth.login'] as {
        post: { requestBody: { content: { 'application/json': { schema: { properties: { json: { properties: object } } } } } } };
      }
    ).post;
    expect(Object.keys(login.requestBody.content['application/json'].schema.properties.json.properties)).toEqual(
      expect.arrayContaining(['workspace', 'username', 'password']),
    );
  });

  it('every REST route of every surface declares a schema, and every surface its docs', () => {
    const missing = surfaces.flatMap(({ surface }) => [
      ...(surface.docs ? [] : [`${surface.name}: no docs`]),
      ...surface.routes.filter((r) => !r.schema).map((r) => `${surface.name}: ${r.method} ${r.url}`),
    ]);
    expect(missing).toEqual([]);
    // One surface per vendor manifest, named as its key, each mounted once (the list derives from the manifests).
    expect(surfaces.map((s) => s.surface.name).sort()).toEqual(vendors.map((v) => v.key).sort());
    for (const [key, { surface }] of Object.entries(vendorSurfaces)) expect(surface.name).toBe(key);
  });

  for (const { surface, mounts } of surfaces) {
    it(`${surface.name}: valid OpenAPI 3.1, every route under every mount, auth and error envelope described`, async () => {
      const doc = surfaceDocument(surface, mounts);
      const result = await validate(doc);
      expect(result.errors).toBeUndefined();
      expect(result).toMatchObject({ valid: true, version: '3.1' });
      const operations = Object.values(doc.paths).flatMap((item) => Object.keys(item));
      expect(operations).toHaveLength(surface.routes.length * mounts.length);
      expect(Object.keys(doc.components.securitySchemes).length).toBeGreaterThan(0);
      for (const item of Object.values(doc.paths))
        for (const op of Object.values(item) as { responses: Record<string, unknown> }[]) {
          // Every operation documents at least one success and the vendor's error envelope.
          expect(Object.keys(op.responses).some((s) => s.startsWith('2'))).toBe(true);
          expect(Object.keys(op.responses).some((s) => s.startsWith('4'))).toBe(true);
        }
    });
  }

  it('RPdb: a path id, the fields[] filter and the create body come from the route schemas', () => {
    const rpdb = surfaces.find((s) => s.surface.name === 'rpdb')!;
    // biome-ignore lint/suspicious/noExplicitAny: walking a generated JSON document
    const doc = surfaceDocument(rpdb.surface, rpdb.mounts) as { paths: Record<string, Record<string, any>>; components: object };
    expect(Object.keys(doc.paths)).toEqual(
      expect.arrayContaining(['/profile', '/profile/{id}', '/api/v1/profile/{id}', '/api/v1/profile/sort']),
    );
    const get = doc.paths['/api/v1/profile/{id}']!.get;
    expect(get.parameters.map((p: { name: string; in: string }) => `${p.in}:${p.name}`)).toEqual([
      'path:id',
      'query:fields[]',
      'query:fields',
      'query:ignore_rights',
    ]);
    expect(get.responses['200'].content['application/json'].schema.required).toEqual(['id', 'name', 'sort_order', 'attributes']);
    expect(get.responses['404'].content['application/json'].schema.$ref).toBe('#/components/schemas/Error');
    const create = doc.paths['/profile']!.post;
    expect(create.requestBody.content['application/json'].schema).toMatchObject({
      type: 'object',
      required: ['name'],
      additionalProperties: false,
    });
    expect(doc.components).toMatchObject({ securitySchemes: { apiKey: { type: 'apiKey', in: 'header', name: 'X-Api-Key' } } });
  });

  it('SOAJS: query and body parameters come from the gateway input rules; key + access_token; the 172/173 envelope', () => {
    const soajs = surfaces.find((s) => s.surface.name === 'soajs')!;
    // biome-ignore lint/suspicious/noExplicitAny: walking a generated JSON document
    const doc = surfaceDocument(soajs.surface, soajs.mounts) as { paths: Record<string, Record<string, any>>; components: any };
    expect(Object.keys(doc.paths)).toEqual(
      expect.arrayContaining(['/urac/admin/getUser', '/urac/admin/listUsers', '/urac/admin/editUserConfig', '/urac/admin/group/delete']),
    );
    const list = doc.paths['/urac/admin/listUsers']!.get;
    expect(list.parameters.map((p: { name: string; in: string; required: boolean }) => `${p.in}:${p.name}:${p.required}`)).toEqual([
      'query:config:false',
      'query:start:false',
      'query:limit:false',
      'query:keywords:false',
    ]);
    expect(list.parameters[2].schema).toEqual({ type: 'integer', maximum: 2000, default: 1000 });
    const editUser = doc.paths['/urac/admin/editUser']!.post;
    expect(editUser.parameters).toEqual([{ name: 'uId', in: 'query', required: true, schema: { type: 'string' } }]);
    expect(Object.keys(editUser.requestBody.content)).toEqual(['application/json', 'application/x-www-form-urlencoded']);
    const body = editUser.requestBody.content['application/json'].schema;
    expect(body.required).toEqual(['username', 'firstName', 'lastName', 'email', 'status']);
    expect(body.properties.status).toEqual({ type: 'string', enum: ['active', 'inactive', 'pendingNew'] });
    // URAC refusals answer HTTP 200 as well, so the 200 answer is either envelope.
    expect(editUser.responses['200'].content['application/json'].schema.anyOf).toHaveLength(2);
    expect(editUser.responses['403'].content['application/json'].schema.$ref).toBe('#/components/schemas/Error');
    expect(doc.components.schemas.Error.properties.errors.required).toEqual(['codes', 'details']);
    expect(doc.components.securitySchemes).toMatchObject({
      key: { type: 'apiKey', in: 'header', name: 'key' },
      accessToken: { type: 'apiKey', in: 'query', name: 'access_token' },
    });
  });

  it('2N: the force parameter, JSON and multipart (blob-json) bodies, Basic and Digest, the success:false envelope', () => {
    const twon = surfaces.find((s) => s.surface.name === 'twoN')!;
    // biome-ignore lint/suspicious/noExplicitAny: walking a generated JSON document
    const doc = surfaceDocument(twon.surface, twon.mounts) as { paths: Record<string, Record<string, any>>; components: any };
    expect(Object.keys(doc.paths)).toEqual(
      expect.arrayContaining(['/api/system/info', '/api/dir/template', '/api/dir/create', '/api/dir/query']),
    );
    const create = doc.paths['/api/dir/create']!.put;
    expect(create.parameters.map((p: { name: string; in: string }) => `${p.in}:${p.name}`)).toEqual(['query:force']);
    expect(Object.keys(create.requestBody.content)).toEqual(['application/json', 'multipart/form-data']);
    const json = create.requestBody.content['application/json'].schema.anyOf[0];
    expect(json.properties.users).toMatchObject({ type: 'array', maxItems: 50_000 });
    expect(create.requestBody.content['multipart/form-data']).toMatchObject({
      schema: { properties: { 'blob-json': { anyOf: [json, { type: 'null' }] } } },
      encoding: { 'blob-json': { contentType: 'application/json' } },
    });
    // Request errors answer HTTP 200 as well, so the 200 answer is either envelope; 401 carries the challenge.
    expect(create.responses['200'].content['application/json'].schema.anyOf).toHaveLength(2);
    expect(create.responses['401'].content['application/json'].schema.$ref).toBe('#/components/schemas/Error');
    expect(doc.components.schemas.Error.properties.error.required).toEqual(['code', 'description']);
    expect(doc.paths['/api/dir/template']!.get.requestBody).toBeUndefined();
    expect(doc.components.securitySchemes).toMatchObject({
      basic: { type: 'http', scheme: 'basic' },
      digest: { type: 'http', scheme: 'digest' },
    });
  });

  it("2N: the seed page's documented update answer and a request error parse with the documented schemas", () => {
    const twon = surfaces.find((s) => s.surface.name === 'twoN')!.surface;
    const seed = readFileSync(new URL('../../../../../shared/seeds/003_be3aa0adb032bdf2.txt', import.meta.url), 'utf8');
    const documented = JSON.parse(seed.split('\n').find((line) => line.startsWith('{ "success": true'))!);
    const update = twon.routes.find((r) => r.url === '/api/dir/update')!.schema!.responses[200]!.body!;
    expect(update.parse(documented)).toEqual(documented);
    const refused = { success: false, error: { code: 12, param: 'force', description: 'invalid parameter value' } };
    expect(twon.docs!.error.schema.parse(refused)).toEqual(refused);
    expect(update.parse(refused)).toEqual(refused);
  });

  it('FlexCare: paging query, the partial update body without id, Bearer or ?token=, the 422 envelope', () => {
    const flexcare = surfaces.find((s) => s.surface.name === 'flexcare')!;
    // biome-ignore lint/suspicious/noExplicitAny: walking a generated JSON document
    const doc = surfaceDocument(flexcare.surface, flexcare.mounts) as { paths: Record<string, Record<string, any>>; components: any };
    const list = doc.paths['/flexcare/dialog/profile']!.get;
    expect(list.parameters.map((p: { name: string; in: string }) => `${p.in}:${p.name}`)).toEqual([
      'query:offset',
      'query:limit',
      'query:filter',
    ]);
    expect(list.responses['200'].content['application/json'].schema.properties.items.items.required).toEqual(
      expect.arrayContaining(['_id', 'name', 'totalLicenses']),
    );
    const update = doc.paths['/flexcare/dialog/profile/{id}']!.post;
    expect(update.parameters.map((p: { name: string; in: string }) => `${p.in}:${p.name}`)).toEqual(['path:id']);
    const body = update.requestBody.content['application/json'].schema;
    expect(Object.keys(body.properties)).not.toContain('id');
    expect(body.properties.ipList).toMatchObject({ type: 'array', maxItems: 1000 });
    expect(doc.paths['/auth/login']!.post.security).toEqual([]);
    expect(doc.paths['/flexcare/dialog/profile/{id}']!.delete.responses['409'].content['application/json'].schema.$ref).toBe(
      '#/components/schemas/Error',
    );
    expect(doc.components.schemas.Error.properties.error.required).toEqual(['code', 'message', 'status']);
    expect(doc.components.securitySchemes).toMatchObject({
      bearer: { type: 'http', scheme: 'bearer' },
      token: { type: 'apiKey', in: 'query', name: 'token' },
    });
  });

  it('Appgate: the versioned Accept header on every route, list parameters, profile bodies, the {id, message} envelope', () => {
    const appgate = surfaces.find((s) => s.surface.name === 'appgate')!;
    // biome-ignore lint/suspicious/noExplicitAny: walking a generated JSON document
    const doc = surfaceDocument(appgate.surface, appgate.mounts) as { paths: Record<string, Record<string, any>>; components: any };
    const list = doc.paths['/admin/client-profiles']!.get;
    expect(list.parameters.map((p: { name: string; in: string; required: boolean }) => `${p.in}:${p.name}:${p.required}`)).toEqual([
      'header:Accept:true',
      'query:query:false',
      'query:range:false',
      'query:orderBy:false',
      'query:descending:false',
      'query:filterBy:false',
    ]);
    expect(list.responses['406'].description).toMatch(/not acceptable/);
    const create = doc.paths['/admin/client-profiles']!.post.requestBody.content['application/json'].schema;
    expect(create.required).toEqual(['name']);
    expect(create.properties.type.anyOf[0]).toMatchObject({ enum: ['Profile', 'Group'] });
    expect(doc.paths['/admin/client-profiles/{id}']!.delete.responses['204']).toEqual({ description: 'Deleted' });
    expect(doc.paths['/admin/login']!.post.security).toEqual([]);
    expect(doc.components.schemas.Error.required).toEqual(['id', 'message']);
  });
});

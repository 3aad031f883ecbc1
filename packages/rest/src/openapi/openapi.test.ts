import { appRouter } from '@profilehub/api';
import { Validator } from '@seriousme/openapi-schema-validator';
import { describe, expect, it } from 'vitest';
import { surfaces } from '../surfaces';
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

  for (const { surface, mounts } of surfaces.filter((s) => s.surface.docs)) {
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
});

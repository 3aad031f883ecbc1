import type { AnyTRPCRouter } from '@trpc/server';
import type { ZodType } from 'zod';
import { type JsonSchema, toJsonSchema } from './json-schema';

type ProcedureDef = { type: 'query' | 'mutation' | 'subscription'; inputs: ZodType[]; output?: ZodType; meta?: { description?: string } };

const errorShape: JsonSchema = {
  type: 'object',
  required: ['error'],
  properties: {
    error: {
      type: 'object',
      required: ['json'],
      properties: {
        json: {
          type: 'object',
          required: ['message', 'code', 'data'],
          properties: {
            message: { type: 'string' },
            code: { type: 'integer', description: 'JSON-RPC error code' },
            data: {
              type: 'object',
              properties: {
                code: { type: 'string', description: 'tRPC error code, e.g. NOT_FOUND, CONFLICT, TOO_MANY_REQUESTS' },
                httpStatus: { type: 'integer' },
                path: { type: 'string' },
                domainCode: { type: ['string', 'null'], description: 'stable domain error code, e.g. PROFILE_NOT_FOUND' },
                issues: {
                  type: ['array', 'null'],
                  items: { type: 'object', properties: { path: { type: 'string' }, message: { type: 'string' } } },
                },
              },
            },
          },
        },
      },
    },
  },
};

/** superjson wraps every value as `{ json, meta? }` on the wire. */
function superjson(schema: JsonSchema): JsonSchema {
  return {
    type: 'object',
    required: ['json'],
    properties: { json: schema, meta: { type: 'object', description: 'superjson type annotations (dates, …)' } },
  };
}

/**
 * OpenAPI 3.1 for the tRPC procedures as they travel over HTTP (the fetch/Fastify adapter, superjson):
 * queries are GET /trpc/{path}?input=<superjson JSON>, mutations POST /trpc/{path} with a superjson body.
 * Generated from each procedure's `.input()`/`.output()`, so it cannot drift from the router.
 */
export function trpcDocument(router: AnyTRPCRouter, info: { version: string; serverUrl?: string }) {
  const procedures = router._def.procedures as Record<string, { _def: ProcedureDef }>;
  const paths: Record<string, unknown> = {};
  for (const [name, procedure] of Object.entries(procedures).sort(([a], [b]) => a.localeCompare(b))) {
    const def = procedure._def;
    if (def.type === 'subscription') {
      paths[`/trpc/${name}`] = {
        get: {
          operationId: name,
          tags: [name.split('.')[0]],
          summary: `${name} (subscription, server-sent events)`,
          responses: {
            '200': {
              description: 'text/event-stream of superjson-encoded events',
              content: { 'text/event-stream': { schema: { type: 'string' } } },
            },
          },
        },
      };
      continue;
    }
    const input = def.inputs[0] ? toJsonSchema(def.inputs[0], 'input') : undefined;
    const output = def.output ? toJsonSchema(def.output, 'output') : {};
    const operation: Record<string, unknown> = {
      operationId: name,
      tags: [name.split('.')[0]],
      summary: def.meta?.description ?? name,
      responses: {
        '200': {
          description: 'The procedure result',
          content: {
            'application/json': {
              schema: {
                type: 'object',
                required: ['result'],
                properties: { result: { type: 'object', properties: { data: superjson(output) } } },
              },
            },
          },
        },
        default: {
          description: 'A tRPC error (status from its code: 400, 401, 403, 404, 409, 412, 413, 429, 503…)',
          content: { 'application/json': { schema: { $ref: '#/components/schemas/TRPCError' } } },
        },
      },
    };
    if (def.type === 'query') {
      if (input)
        operation.parameters = [
          {
            name: 'input',
            in: 'query',
            required: false,
            description: 'superjson-encoded input, URL-encoded JSON',
            content: { 'application/json': { schema: superjson(input) } },
          },
        ];
      paths[`/trpc/${name}`] = { get: operation };
    } else {
      if (input) operation.requestBody = { required: true, content: { 'application/json': { schema: superjson(input) } } };
      paths[`/trpc/${name}`] = { post: operation };
    }
  }
  return {
    openapi: '3.1.0',
    info: {
      title: 'Profilehub tRPC API',
      version: info.version,
      description:
        'The typed internal API. Use `@profilehub/client` (typed by the router) rather than raw HTTP where you can. ' +
        'Authenticate with an API token (`Authorization: Bearer ph_…`) or the admin session cookie. Batching (`?batch=1`) is supported except for credential checks.',
    },
    ...(info.serverUrl ? { servers: [{ url: info.serverUrl }] } : {}),
    security: [{ apiToken: [] }, { session: [] }],
    paths,
    components: {
      securitySchemes: {
        apiToken: { type: 'http', scheme: 'bearer', description: 'An API token (`ph_…`) from the admin UI or `profilehub token create`' },
        session: { type: 'apiKey', in: 'cookie', name: 'ph_session', description: 'Admin session cookie set by auth.login' },
      },
      schemas: { TRPCError: errorShape },
    },
  };
}

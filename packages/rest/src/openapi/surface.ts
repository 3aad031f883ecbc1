import type { ZodType } from 'zod';
import type { Surface } from '../framework/surface';
import { type JsonSchema, toJsonSchema } from './json-schema';

/** What a surface's OpenAPI document says beyond its routes: auth, version negotiation, error envelope. */
export type SurfaceDocs = {
  title: string;
  /** The vendor API version emulated. */
  version: string;
  description: string;
  securitySchemes: Record<string, JsonSchema>;
  /** Applied to every route that is not public. */
  security: Record<string, string[]>[];
  /** The vendor's error envelope and the statuses that carry it on every route. */
  error: { schema: ZodType; statuses: Record<number, string> };
  /** Headers every route takes (e.g. Appgate's versioned Accept). */
  headers?: { name: string; required: boolean; description: string; schema: JsonSchema }[];
};

/** `/profile/:id` → `/profile/{id}` */
function openapiPath(url: string) {
  return url.replace(/:([A-Za-z0-9_]+)/g, '{$1}');
}

function parameters(where: 'path' | 'query', part: ZodType | undefined) {
  if (!part) return [];
  const json = toJsonSchema(part, 'input');
  const props = (json.properties ?? {}) as Record<string, JsonSchema>;
  const required = new Set((json.required as string[] | undefined) ?? []);
  return Object.entries(props).map(([name, s]) => ({
    name,
    in: where,
    required: where === 'path' || required.has(name),
    ...(typeof s.description === 'string' ? { description: s.description } : {}),
    schema: s,
    ...(s.type === 'array' ? { style: 'form', explode: true } : {}),
  }));
}

/**
 * OpenAPI 3.1 for one vendor surface, generated from its route schemas, so the document cannot drift from
 * what the framework validates. `mounts` are the prefixes the surface is served under (RPdb: '' and /api/v1).
 */
export function surfaceDocument(surface: Surface, mounts: string[], options: { serverUrl?: string } = {}) {
  const docs = surface.docs;
  if (!docs) throw new Error(`surface ${surface.name} has no docs`);
  const paths: Record<string, Record<string, unknown>> = {};
  const errorResponses = Object.fromEntries(
    Object.entries(docs.error.statuses).map(([status, description]) => [
      status,
      { description, content: { 'application/json': { schema: { $ref: '#/components/schemas/Error' } } } },
    ]),
  );
  const headerParams = (docs.headers ?? []).map((h) => ({
    name: h.name,
    in: 'header',
    required: h.required,
    description: h.description,
    schema: h.schema,
  }));
  for (const mount of mounts) {
    for (const route of surface.routes) {
      const schema = route.schema;
      if (!schema) throw new Error(`${surface.name}: ${route.method} ${route.url} has no schema`);
      const responses: Record<string, unknown> = {};
      for (const [status, r] of Object.entries(schema.responses)) {
        responses[status] =
          r.body === undefined || r.body === null
            ? { description: r.description }
            : {
                description: r.description,
                content: { [r.contentType ?? 'application/json']: { schema: toJsonSchema(r.body, 'output') } },
              };
      }
      for (const [status, r] of Object.entries(errorResponses)) if (!(status in responses)) responses[status] = r;
      const methods = (Array.isArray(route.method) ? route.method : [route.method]).map((m) => String(m).toLowerCase());
      for (const method of methods) {
        const path = openapiPath(mount + route.url);
        paths[path] ??= {};
        paths[path][method] = {
          operationId: `${method}${(mount + route.url).replace(/[^A-Za-z0-9]+(.)?/g, (_m, c: string | undefined) => (c ? c.toUpperCase() : ''))}`,
          summary: schema.summary,
          ...(schema.description ? { description: schema.description } : {}),
          ...(mounts.length > 1 ? { tags: [mount || '/'] } : {}),
          parameters: [...headerParams, ...parameters('path', schema.params), ...parameters('query', schema.query)],
          ...(schema.body
            ? { requestBody: { required: true, content: { 'application/json': { schema: toJsonSchema(schema.body, 'input') } } } }
            : {}),
          responses,
          ...(route.public ? { security: [] } : {}),
        };
      }
    }
  }
  return {
    openapi: '3.1.0',
    info: { title: docs.title, version: docs.version, description: docs.description },
    ...(options.serverUrl ? { servers: [{ url: options.serverUrl }] } : {}),
    security: docs.security,
    paths,
    components: { securitySchemes: docs.securitySchemes, schemas: { Error: toJsonSchema(docs.error.schema, 'output') } },
  };
}

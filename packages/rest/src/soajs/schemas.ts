// Route schemas built from each URAC API's input rules (apis.ts), so the framework validates a request with
// exactly the rules the gateway applies and the OpenAPI document describes them. A part that fails is worded
// by re-running the gateway's mapping over the whole request (`invalidRequest`): URAC answers the missing
// and invalid fields of query and body together in one 172/173 response.

import type { SoajsJsonSchema } from '@profilehub/api';
import { validateSoajsSchema } from '@profilehub/api';
import type { FastifyRequest } from 'fastify';
import { type ZodType, z } from 'zod';
import { RestErrorThrown, restError } from '../framework/errors';
import type { RequestPart } from '../framework/route-schema';
import type { JsonSchema } from '../openapi/json-schema';
import { type ApiSpec, castInput, mapFormatAndValidate, type ParamSpec, type SoajsSources } from './imfv';

type Part = 'query' | 'body';

/** Form bodies (the vendor's curl example posts one): their values arrive as strings and are cast, as the gateway does. */
export const formBodies = new WeakSet<object>();

/** The request as URAC's input mapping sees it (the gateway's access_token is not a service input). */
export function sources(req: FastifyRequest): SoajsSources {
  const { access_token: _token, ...query } = (req.query ?? {}) as Record<string, unknown>;
  const type = String(req.headers['content-type'] ?? '');
  return { query, body: req.body ?? {}, json: type.includes('application/json') };
}

/** URAC's schema dialect (draft-3 `required: true`, RegExp patterns, its own formats) as JSON Schema 2020-12. */
export function openapiSchema(s: SoajsJsonSchema): JsonSchema {
  const out: JsonSchema = {};
  if (s.type)
    out.type = Array.isArray(s.type) ? s.type.map((t) => (t === 'pattern' ? 'string' : t)) : s.type === 'pattern' ? 'string' : s.type;
  if (s.enum) out.enum = [...s.enum];
  if (s.pattern) out.pattern = s.pattern.source;
  if (s.format === 'email') out.format = 'email';
  if (s.format === 'alphanumeric') out.pattern = '^[a-zA-Z0-9]+$';
  for (const key of ['minItems', 'maxLength', 'minimum', 'maximum'] as const) if (s[key] !== undefined) out[key] = s[key];
  if (s.items) out.items = openapiSchema(s.items);
  if (s.oneOf) out.oneOf = s.oneOf.map(openapiSchema);
  if (s.properties) {
    out.properties = Object.fromEntries(Object.entries(s.properties).map(([k, v]) => [k, openapiSchema(v)]));
    const required = Object.entries(s.properties)
      .filter(([, v]) => v.required)
      .map(([k]) => k);
    if (required.length > 0) out.required = required;
  }
  if (s.patternProperties)
    out.patternProperties = Object.fromEntries(Object.entries(s.patternProperties).map(([k, v]) => [k, openapiSchema(v)]));
  if (s.additionalProperties !== undefined)
    out.additionalProperties = typeof s.additionalProperties === 'boolean' ? s.additionalProperties : openapiSchema(s.additionalProperties);
  return out;
}

/** Marks the issues of a SOAJS part schema with the API they belong to, for `invalidRequest`. */
type ImfvIssueParams = { soajsApi: ApiSpec };

/** One parameter read from `key` of one part: cast like the gateway would, then checked with URAC's rule. */
function field(api: ApiSpec, param: string, def: ParamSpec, part: Part, key: string): ZodType {
  const params: ImfvIssueParams = { soajsApi: api };
  // A parameter some other part may hold is optional in each; a required or defaulted one must have one part.
  const onlyHere = def.source.every((s) => s.startsWith(`${part}.`));
  if (!onlyHere && (def.required || Object.hasOwn(def, 'default')))
    throw new Error(`SOAJS parameter ${param} (${key}): a required or defaulted parameter must come from one part`);
  const schema = z.unknown().superRefine((value, ctx) => {
    if (value === undefined) {
      if (def.required && onlyHere) ctx.addIssue({ code: 'custom', message: `Missing required field: ${param}`, params });
      return;
    }
    for (const e of validateSoajsSchema(value, def.validation))
      ctx.addIssue({ code: 'custom', message: `${param}: ${e.path} ${e.message}`, params });
  });
  const doc = openapiSchema(def.validation);
  if (Object.hasOwn(def, 'default')) return schema.default(def.default as never).meta({ ...doc, default: def.default });
  return def.required && onlyHere ? schema.meta(doc) : schema.optional().meta(doc);
}

/** Sources such as `query.uId` are top-level keys; the gateway's mapping would need nested ones spelled out. */
function keyIn(source: string, part: Part): string | undefined {
  if (!source.startsWith(`${part}.`)) return undefined;
  const key = source.slice(part.length + 1);
  if (key.includes('.')) throw new Error(`SOAJS source ${source}: nested sources are not mapped`);
  return key;
}

/**
 * The schema of one request part: its parameters (with their defaults), cast and validated as the gateway
 * does. Query values are always cast; body values only when the body was not JSON.
 */
function partSchema(api: ApiSpec, part: Part): ZodType<Record<string, unknown>> | undefined {
  const entries: [string, string, ParamSpec][] = [];
  for (const [param, def] of Object.entries(api)) {
    for (const source of def.source) {
      const key = keyIn(source, part);
      if (key !== undefined) entries.push([param, key, def]);
    }
  }
  if (entries.length === 0) return undefined;
  const shape = Object.fromEntries(entries.map(([param, key, def]) => [key, field(api, param, def, part, key)]));
  const object = z.object(shape);
  const doc = z.toJSONSchema(object, { io: 'input', target: 'draft-2020-12', unrepresentable: 'any' }) as JsonSchema;
  delete doc.$schema;
  return z
    .unknown()
    .transform((raw) => {
      const values = typeof raw === 'object' && raw !== null && !Array.isArray(raw) ? (raw as Record<string, unknown>) : {};
      const cast = part === 'query' || raw === undefined || formBodies.has(values);
      const out: Record<string, unknown> = {};
      for (const [, key, def] of entries) {
        const v = values[key];
        // The gateway takes null as absent, and casts once it has looked at a query source (as IMFV does).
        if (v === undefined || v === null) continue;
        const forced = def.source.slice(0, def.source.indexOf(`${part}.${key}`)).some((s) => s.startsWith('query.'));
        out[key] = cast || forced ? castInput(v, def.validation) : v;
      }
      return out;
    })
    .pipe(object)
    .meta(doc) as ZodType<Record<string, unknown>>;
}

/** Query and body schemas of one URAC API, and how to assemble the procedure's input from their outputs. */
export function urac(api: ApiSpec) {
  return {
    query: partSchema(api, 'query'),
    body: partSchema(api, 'body'),
    /** Each parameter from its first source that held it (or its default), as the gateway maps them. */
    input(parts: { query: unknown; body: unknown }): Record<string, unknown> {
      const data: Record<string, unknown> = {};
      for (const [param, def] of Object.entries(api)) {
        for (const source of def.source) {
          const part = source.startsWith('query.') ? 'query' : 'body';
          const value = (parts[part] as Record<string, unknown> | undefined)?.[source.slice(part.length + 1)];
          if (value !== undefined) {
            data[param] = value;
            break;
          }
        }
      }
      return data;
    },
  };
}

/** URAC's wording for a request that failed its API's rules: 172 and/or 173 over query and body together. */
export function invalidRequest(part: RequestPart, error: z.ZodError, req: FastifyRequest) {
  const api = (error.issues.find((i) => i.code === 'custom')?.params as ImfvIssueParams | undefined)?.soajsApi;
  if (api) {
    try {
      mapFormatAndValidate(api, sources(req));
    } catch (e) {
      if (e instanceof RestErrorThrown) return e.restError;
      throw e;
    }
  }
  // Unreachable while the schemas apply the gateway's own rules; kept so a drift still answers in URAC's words.
  return restError('validation', `Validation failed for field: ${part} -> ${error.issues[0]?.message ?? 'invalid'}`);
}

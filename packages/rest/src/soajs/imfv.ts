// SOAJS "IMFV" input mapping (soajs core mw/inputmask): every URAC API declares its parameters with
// their sources (query string, body), defaults and a JSON schema. The gateway maps the request onto them,
// casts what did not arrive as JSON, and answers 172 "Missing required field: a, b" and/or 173 "Validation
// failed for field: p -> The parameter 'p' failed due to: <error stack>", both in one response, before the
// service runs. The schema dialect and its wording are URAC's (validateSoajsSchema in @profilehub/api).

import { type SoajsJsonSchema as JsonSchema, validateSoajsSchema as validateSchema } from '@profilehub/api';
import { RestErrorThrown, restError } from '../framework/errors';

export type ParamSpec = {
  source: readonly string[];
  required?: boolean;
  default?: unknown;
  validation: JsonSchema;
};

export type ApiSpec = Record<string, ParamSpec>;

/** One request as the gateway hands it to the service: query string, parsed body, whether the body is JSON. */
export type SoajsSources = { query: Record<string, unknown>; body: unknown; json: boolean };

export type SoajsErrorEntry = { code: number; message: string };

/** The request failed the API's input rules: `entries` are the 172/173 errors as the gateway words them. */
export class ImfvError extends Error {
  readonly entries: SoajsErrorEntry[];
  constructor(entries: SoajsErrorEntry[]) {
    super(entries.map((e) => e.message).join('; '));
    this.name = 'ImfvError';
    this.entries = entries;
  }
}

type SchemaError = { path: string; message: string };

function isPlainObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

// Inputs that did not arrive as JSON (query strings, form bodies) are cast to the schema's types first,
// as the gateway does: "5" → 5 for integers, "true" → true for booleans.
function cast(value: unknown, schema: JsonSchema): unknown {
  const type = Array.isArray(schema.type) ? undefined : schema.type;
  switch (type) {
    case 'string':
    case 'pattern':
      return value === null || value === undefined ? value : String(value);
    case 'integer':
      return typeof value === 'number' ? value : Number.parseInt(String(value), 10);
    case 'number':
      return typeof value === 'number' ? value : Number.parseFloat(String(value));
    case 'boolean':
      return typeof value === 'boolean' ? value : String(value) === 'true';
    case 'array':
      if (Array.isArray(value) && schema.items) return value.map((v) => cast(v, schema.items!));
      return value;
    case 'object':
      if (!isPlainObject(value)) return value;
      return Object.fromEntries(
        Object.entries(value).map(([k, v]) => {
          const sub = schema.properties?.[k] ?? (typeof schema.additionalProperties === 'object' ? schema.additionalProperties : undefined);
          return [k, sub ? cast(v, sub) : v];
        }),
      );
    default:
      return value;
  }
}

function lookup(sources: SoajsSources, source: string): unknown {
  const [root, ...rest] = source.split('.');
  let current: unknown = root === 'query' ? sources.query : root === 'body' ? sources.body : undefined;
  for (const key of rest) {
    if (!isPlainObject(current) || !Object.hasOwn(current, key)) return undefined;
    current = current[key];
  }
  return current;
}

/**
 * Maps a request's sources onto the API's parameters, casting and validating each one. Returns the data
 * or stops the request with an ImfvError holding the 172/173 entries exactly as the gateway words them.
 */
export function mapFormatAndValidate(spec: ApiSpec, sources: SoajsSources): Record<string, unknown> {
  const data: Record<string, unknown> = {};
  const missing: string[] = [];
  const invalid: { param: string; errors: SchemaError[] }[] = [];
  for (const [param, def] of Object.entries(spec)) {
    let fetched: unknown;
    let force = false;
    for (const source of def.source) {
      if (source.startsWith('query.')) force = true;
      const v = lookup(sources, source);
      if (v !== undefined && v !== null) {
        fetched = v;
        break;
      }
    }
    if (fetched === undefined) {
      if (Object.hasOwn(def, 'default')) data[param] = def.default;
      else if (def.required) missing.push(param);
      continue;
    }
    const value = force || !sources.json ? cast(fetched, def.validation) : fetched;
    data[param] = value;
    const errors = validateSchema(value, def.validation);
    if (errors.length > 0) invalid.push({ param, errors });
  }
  if (missing.length === 0 && invalid.length === 0) return data;

  const entries: SoajsErrorEntry[] = [];
  if (missing.length > 0) entries.push({ code: 172, message: `Missing required field: ${missing.join(', ')}` });
  if (invalid.length > 0) {
    // The gateway details only the first failing parameter and appends the names of the others.
    const [first, ...others] = invalid;
    let message = `Validation failed for field: ${first!.param}`;
    for (const e of first!.errors) message += ` -> The parameter '${first!.param}' failed due to: ${e.path} ${e.message}`;
    for (const o of others) message += `, ${o.param}`;
    entries.push({ code: 173, message });
  }
  throw new RestErrorThrown(restError('validation', entries[0]!.message, { cause: new ImfvError(entries) }));
}

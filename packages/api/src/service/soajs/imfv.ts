// SOAJS "IMFV" input validation (soajs core mw/inputmask + the jsonschema library it uses): every API
// declares its parameters with their sources, defaults and a JSON schema (draft-3 style `required: true`).
// A failure answers 172 "Missing required field: a, b" and/or 173 "Validation failed for field: p -> The
// parameter 'p' failed due to: <error stack>", both in one response, before the handler runs. The field
// issues are also returned one by one so the admin UI can show them next to the field.

import type { FieldIssue } from '../../errors';
import { ValidationError } from '../../errors';

export type JsonSchema = {
  type?: SchemaType | SchemaType[];
  required?: boolean;
  properties?: Record<string, JsonSchema>;
  patternProperties?: Record<string, JsonSchema>;
  additionalProperties?: boolean | JsonSchema;
  items?: JsonSchema;
  enum?: readonly string[];
  pattern?: RegExp;
  format?: 'email' | 'alphanumeric';
  minItems?: number;
  maxLength?: number;
  minimum?: number;
  maximum?: number;
  oneOf?: JsonSchema[];
};

type SchemaType = 'string' | 'integer' | 'number' | 'boolean' | 'object' | 'array' | 'pattern';

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

/** 172/173 input errors: `soajsErrors` holds the vendor's messages, `issues` one entry per failing field. */
export class SoajsInputError extends ValidationError {
  readonly soajsErrors: SoajsErrorEntry[];
  constructor(issues: FieldIssue[], soajsErrors: SoajsErrorEntry[]) {
    super(issues, 'SOAJS_INPUT');
    this.soajsErrors = soajsErrors;
    this.details.soajsErrors = soajsErrors;
  }
}

// The jsonschema library's format patterns (the ones URAC schemas use).
const EMAIL =
  /^(?:[\w!#$%&'*+\-/=?^`{|}~]+\.)*[\w!#$%&'*+\-/=?^`{|}~]+@(?:(?:(?:[a-zA-Z0-9](?:[a-zA-Z0-9-](?!\.)){0,61}[a-zA-Z0-9]?\.)+[a-zA-Z0-9](?:[a-zA-Z0-9-](?!$)){0,61}[a-zA-Z0-9]?)|(?:\[(?:(?:[01]?\d{1,2}|2[0-4]\d|25[0-5])\.){3}(?:[01]?\d{1,2}|2[0-4]\d|25[0-5])\]))$/;
const FORMATS: Record<NonNullable<JsonSchema['format']>, RegExp> = { email: EMAIL, alphanumeric: /^[a-zA-Z0-9]+$/ };

type SchemaError = { path: string; message: string };

function isPlainObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function testType(value: unknown, type: SchemaType): boolean {
  switch (type) {
    case 'string':
    case 'pattern':
      return typeof value === 'string';
    case 'integer':
      return typeof value === 'number' && Number.isFinite(value) && value % 1 === 0;
    case 'number':
      return typeof value === 'number' && Number.isFinite(value);
    case 'boolean':
      return typeof value === 'boolean';
    case 'object':
      return isPlainObject(value);
    case 'array':
      return Array.isArray(value);
  }
}

// Property paths the way the jsonschema library prints them (helpers.makeSuffix): a key with no dot,
// blank or bracket that does not start with a digit reads `.key` (an api route reads `./admin/getUser`), an all-digit
// key or index `[0]`, anything else `["a.b"]`.
function child(path: string, key: string | number): string {
  const k = String(key);
  if (!/[.\s[\]]/.test(k) && !/^\d/.test(k)) return `${path}.${k}`;
  if (/^\d+$/.test(k)) return `${path}[${k}]`;
  return `${path}[${JSON.stringify(k)}]`;
}

/** Validates `value` against `schema`; errors come out in the library's order (schema keyword order). */
export function validateSchema(value: unknown, schema: JsonSchema, path = 'instance'): SchemaError[] {
  if (value === undefined) return schema.required ? [{ path, message: 'is required' }] : [];
  const errors: SchemaError[] = [];
  for (const keyword of Object.keys(schema) as (keyof JsonSchema)[]) {
    switch (keyword) {
      case 'type': {
        const types = Array.isArray(schema.type) ? schema.type : [schema.type!];
        if (!types.some((t) => testType(value, t))) errors.push({ path, message: `is not of a type(s) ${types.join(',')}` });
        break;
      }
      case 'properties':
        if (isPlainObject(value)) {
          for (const [key, sub] of Object.entries(schema.properties!)) errors.push(...validateSchema(value[key], sub, child(path, key)));
        }
        break;
      case 'patternProperties':
        if (isPlainObject(value)) {
          for (const [key, v] of Object.entries(value)) {
            let matched = false;
            for (const [pattern, sub] of Object.entries(schema.patternProperties!)) {
              if (!new RegExp(pattern).test(key)) continue;
              matched = true;
              errors.push(...validateSchema(v, sub, child(path, key)));
            }
            if (!matched && schema.additionalProperties !== undefined && !schema.properties?.[key])
              errors.push(...additional(key, v, schema.additionalProperties, path));
          }
        }
        break;
      case 'additionalProperties':
        if (isPlainObject(value) && !schema.patternProperties) {
          for (const [key, v] of Object.entries(value)) {
            if (schema.properties && schema.properties[key] !== undefined) continue;
            errors.push(...additional(key, v, schema.additionalProperties!, path));
          }
        }
        break;
      case 'items':
        if (Array.isArray(value))
          for (const [i, item] of value.entries()) errors.push(...validateSchema(item, schema.items!, child(path, i)));
        break;
      case 'enum':
        if (!schema.enum!.includes(value as string)) errors.push({ path, message: `is not one of enum values: ${schema.enum!.join(',')}` });
        break;
      case 'pattern':
        if (typeof value === 'string' && !schema.pattern!.test(value))
          errors.push({ path, message: `does not match pattern ${JSON.stringify(schema.pattern!.toString())}` });
        break;
      case 'format':
        if (typeof value === 'string' && !FORMATS[schema.format!].test(value))
          errors.push({ path, message: `does not conform to the ${JSON.stringify(schema.format)} format` });
        break;
      case 'minItems':
        if (Array.isArray(value) && value.length < schema.minItems!)
          errors.push({ path, message: `does not meet minimum length of ${schema.minItems}` });
        break;
      case 'maxLength':
        if (typeof value === 'string' && [...value].length > schema.maxLength!)
          errors.push({ path, message: `does not meet maximum length of ${schema.maxLength}` });
        break;
      case 'minimum':
        if (typeof value === 'number' && value < schema.minimum!)
          errors.push({ path, message: `must have a minimum value of ${schema.minimum}` });
        break;
      case 'maximum':
        if (typeof value === 'number' && value > schema.maximum!)
          errors.push({ path, message: `must have a maximum value of ${schema.maximum}` });
        break;
      case 'oneOf': {
        const matches = schema.oneOf!.filter((sub) => validateSchema(value, sub, path).length === 0).length;
        if (matches !== 1)
          errors.push({ path, message: `is not exactly one from ${schema.oneOf!.map((_, i) => `[subschema ${i}]`).join(',')}` });
        break;
      }
      default:
        break;
    }
  }
  return errors;
}

function additional(key: string, value: unknown, rule: boolean | JsonSchema, path: string): SchemaError[] {
  if (rule === false) return [{ path, message: `additionalProperty ${JSON.stringify(key)} exists in instance when not allowed` }];
  if (rule === true) return [];
  return validateSchema(value, rule, child(path, key));
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
 * or throws SoajsInputError with the 172/173 entries exactly as the gateway words them.
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

  const issues: FieldIssue[] = [
    ...missing.map((param) => ({ path: param, message: 'Missing required field', check: '172' })),
    ...invalid.flatMap(({ param, errors }) =>
      errors.map((e) => ({ path: param + e.path.slice('instance'.length), message: e.message, check: '173' })),
    ),
  ];
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
  throw new SoajsInputError(issues, entries);
}

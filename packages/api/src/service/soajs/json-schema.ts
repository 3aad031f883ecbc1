// The JSON schema dialect URAC declares its inputs in (the jsonschema library the SOAJS gateway uses,
// draft-3 style `required: true`), with the library's error wording and paths. The services check a user
// config with it; the REST adapter's input mapping (IMFV) checks every API parameter with it.

import { SOAJS_ALPHANUMERIC, SOAJS_EMAIL } from '../../contract/soajs';

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

// The jsonschema library's format patterns (the ones URAC schemas use).
const FORMATS: Record<NonNullable<JsonSchema['format']>, RegExp> = { email: SOAJS_EMAIL, alphanumeric: SOAJS_ALPHANUMERIC };

export type SchemaError = { path: string; message: string };

export function isPlainObject(v: unknown): v is Record<string, unknown> {
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

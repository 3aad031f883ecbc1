import { appgateContract, type FieldIssue } from '@profilehub/api';
import type { z } from 'zod';
import { findZodError } from '../framework/errors';

// The controller's 422 `errors[]` wording: Java bean validation ("may not be null", "size must be between
// 1 and 255"), written from the failed check's typed code (zod's issue code, the contract's `AppgateRule`
// for refinements and services' field issues), never from the contract's own messages.

const { AppgateRule } = appgateContract;

/** zod paths `profileUrls.0.url` → the controller's `profileUrls[0].url`; the replace procedure nests the body under `profile`. */
export function fieldName(path: string): string {
  return path.replace(/^profile\./, '').replace(/\.(\d+)(?=\.|$)/g, '[$1]');
}

/** The field with its list positions left out (`profileUrls[].url`), as the tables below name it. */
const fieldKind = (field: string) => field.replace(/\[\d+\]/g, '[]');

// Vendor facts the checks' codes do not carry: the lower bound of each @Size (the upper one is the check's),
// what a field's format is, and which lists hold strings.
const sizeMin: Record<string, number> = { name: 1, providerName: 1, hostname: 1, 'tags[]': 1, 'profileUrls[].url': 1 };
const formats: Record<string, string> = {
  hostname: 'must be a valid hostname',
  range: 'must be in the format <start>-<end>',
  'profileUrls[].url': 'must be a valid appgate:// profile URL',
};
const isUuidField = (kind: string) => /(^|\.)(id|deviceId)$/.test(kind);
const listOfStrings = new Set(['tags']);

const ruleWording: Record<string, (value: unknown) => string> = {
  [AppgateRule.noNul]: () => 'must not contain NUL characters',
  [AppgateRule.noLoneSurrogate]: () => 'must not contain unpaired surrogates',
  [AppgateRule.identityProviderRequired]: () => 'may not be null',
  [AppgateRule.identityProviderExists]: (value) => `Identity Provider '${String(value)}' does not exist.`,
  [AppgateRule.unique]: () => 'must be unique',
  [AppgateRule.rangeOrder]: () => 'start must not be greater than end',
};

type Check = {
  code: string;
  field: string;
  /** What the client sent there (undefined when absent). */
  value: unknown;
  expected?: string;
  origin?: string;
  minimum?: number | bigint;
  maximum?: number | bigint;
  values?: readonly unknown[];
  /** The message to fall back on: the contract's or the service's, for a check the controller has no wording for. */
  message: string;
};

function beanMessage(c: Check): string {
  const kind = fieldKind(c.field);
  const rule = ruleWording[c.code];
  if (rule) return rule(c.value);
  switch (c.code) {
    case 'invalid_type':
      if (c.value == null) return 'may not be null';
      if (isUuidField(kind)) return 'must be a valid UUID';
      if (c.expected === 'string') return 'must be a string';
      if (c.expected === 'number' || c.expected === 'int') return 'must be an integer';
      if (c.expected === 'object') return 'must be an object';
      if (c.expected === 'array') return listOfStrings.has(kind) ? 'must be an array of strings' : 'must be an array';
      return c.message;
    case 'invalid_format':
      if (isUuidField(kind)) return 'must be a valid UUID';
      return formats[kind] ?? c.message;
    case 'invalid_value':
      return c.values ? `must be one of [${c.values.join(', ')}]` : c.message;
    case 'too_small':
      if (c.origin === 'number') return `must be greater than or equal to ${c.minimum}`;
      return c.minimum === 1 ? 'may not be empty' : c.message;
    case 'too_big':
      if (c.origin === 'number') return `must be less than or equal to ${c.maximum}`;
      return `size must be between ${sizeMin[kind] ?? 0} and ${c.maximum}`;
    default:
      return c.message;
  }
}

/** The value at a path of what the client sent (the replace procedure's `profile.` prefix is the body itself). */
function sentAt(body: unknown, path: readonly PropertyKey[]): unknown {
  const keys = path[0] === 'profile' && !(body && typeof body === 'object' && 'profile' in body) ? path.slice(1) : path;
  let current = body;
  for (const key of keys) {
    if (current === null || typeof current !== 'object') return undefined;
    current = (current as Record<PropertyKey, unknown>)[key as string];
  }
  return current;
}

const zodCheck = (i: z.core.$ZodIssue, body: unknown): Check => ({
  code: i.code === 'custom' ? String(i.params?.code ?? 'custom') : i.code,
  field: fieldName(i.path.map(String).join('.')),
  value: sentAt(body, i.path),
  expected: 'expected' in i ? String(i.expected) : undefined,
  origin: 'origin' in i ? String(i.origin) : undefined,
  minimum: 'minimum' in i ? (i.minimum as number | bigint) : undefined,
  maximum: 'maximum' in i ? (i.maximum as number | bigint) : undefined,
  values: 'values' in i ? (i.values as readonly unknown[]) : undefined,
  message: i.message,
});

// A service's `invalid_type` is a required value left out (or empty): null, whatever was sent.
const serviceCheck = (i: FieldIssue, body: unknown): Check => ({
  code: i.check ?? 'custom',
  field: fieldName(i.path),
  value: i.check === 'invalid_type' ? null : sentAt(body, i.path.split('.')),
  message: i.message,
});

/** Each failed field as `{field, message}` in the controller's words, from a schema's issues or a service's. */
export function fieldErrors(err: { cause?: unknown; issues: FieldIssue[] }, body: unknown): { field: string; message: string }[] {
  const zod = findZodError(err.cause);
  const checks = zod ? zod.issues.map((i) => zodCheck(i, body)) : err.issues.map((i) => serviceCheck(i, body));
  return checks.map((c) => ({ field: c.field, message: beanMessage(c) }));
}

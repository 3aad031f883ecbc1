// Checks and merges of 2N entries written by create/update (spec 4.2/4.3): uuids, per-field values, the
// model's fields, partial updates merging nested objects and arrays position by position, rules across fields.
import { type EdirCode, storableText, type TwonModel } from '../../contract/twon';
import { bodyTemplate, isObject, type Json, type JsonObject, META_KEYS, parseFieldPath, type Segment, unionBody } from './template';

export type EdirError = { code: EdirCode; field?: string };

// UUIDs: XXXXXXXX-XXXX-XXXX-XXXX-XXXXXXXXXXXX in hex; the all-zero uuid is reserved for "empty" [DOC template].

const UUID_RE = /^[0-9A-Fa-f]{8}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{12}$/;
const ZERO_UUID = '00000000-0000-0000-0000-000000000000';

/** The stored (upper-case) form of a uuid, or null when it is not a usable uuid. */
export function canonicalUuid(value: unknown): string | null {
  if (typeof value !== 'string' || !UUID_RE.test(value) || value === ZERO_UUID) return null;
  return value.toUpperCase();
}

// ---------------------------------------------------------------------------------------------------------
// Field values. Rules keyed by the path without array indices.

const DIGITS_2_15 = /^(\d{2,15})?$/;
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
const MAX_TEXT = 255;

type StringRule = (value: unknown) => string | undefined;

const text =
  (max = MAX_TEXT): StringRule =>
  (v) =>
    typeof v === 'string' && v.length <= max ? v : undefined;

// Validity bounds are Unix seconds; the template shows them as strings, clients send numbers too [OBS].
const unixSeconds: StringRule = (v) => {
  if (typeof v === 'number' && Number.isInteger(v) && v >= 0 && v <= 0xffffffff) return String(v);
  if (typeof v === 'string' && /^\d{1,10}$/.test(v) && Number(v) <= 0xffffffff) return String(Number(v));
  return undefined;
};

const stringRules: Record<string, StringRule> = {
  'access.pin': (v) => (typeof v === 'string' && DIGITS_2_15.test(v) ? v : undefined),
  'access.code': (v) => (typeof v === 'string' && DIGITS_2_15.test(v) ? v : undefined),
  'access.validFrom': unixSeconds,
  'access.validTo': unixSeconds,
  email: (v) => (typeof v === 'string' && v.length <= MAX_TEXT && (v === '' || EMAIL.test(v)) ? v : undefined),
  treepath: (v) => (typeof v === 'string' && v.length <= MAX_TEXT && v.startsWith('/') ? v : undefined),
  photo: text(256 * 1024),
};

const INVALID: unique symbol = Symbol('invalid');
type Patch = Json | undefined | Patch[] | { [key: string]: Patch };

function rulePath(path: string): string {
  return path.replace(/\[\d+\]/g, '');
}

class Checker {
  readonly errors: EdirError[] = [];
  fail(code: EdirCode, field: string): typeof INVALID {
    this.errors.push({ code, field });
    return INVALID;
  }

  value(node: Json, union: Json, value: unknown, path: string): Patch | typeof INVALID {
    if (Array.isArray(node)) {
      if (!Array.isArray(value) || value.length > node.length) return this.fail('EDIR_FIELD_VALUE_ERROR', path);
      const out: Patch[] = [];
      let bad = false;
      value.forEach((el, i) => {
        const r = this.value(node[i] ?? node[0]!, (union as Json[])[0]!, el, `${path}[${i}]`);
        if (r === INVALID) bad = true;
        else out[i] = r;
      });
      return bad ? INVALID : out;
    }
    if (isObject(node)) {
      if (!isObject(value)) return this.fail('EDIR_FIELD_VALUE_ERROR', path);
      return this.object(node as JsonObject, union as JsonObject, value, path);
    }
    if (typeof node === 'boolean') return typeof value === 'boolean' ? value : this.fail('EDIR_FIELD_VALUE_ERROR', path);
    if (typeof node === 'number') {
      return typeof value === 'number' && Number.isInteger(value) && value >= 0 && value <= 255
        ? value
        : this.fail('EDIR_FIELD_VALUE_ERROR', path);
    }
    if (typeof value === 'string' && !storableText(value)) return this.fail('EDIR_FIELD_VALUE_ERROR', path);
    const rule = stringRules[rulePath(path)] ?? text();
    const ok = rule(value);
    return ok === undefined ? this.fail('EDIR_FIELD_VALUE_ERROR', path) : ok;
  }

  object(node: JsonObject, union: JsonObject, value: Record<string, unknown>, path: string): Patch | typeof INVALID {
    const out: { [key: string]: Patch } = {};
    let bad = false;
    for (const [key, v] of Object.entries(value)) {
      const field = path ? `${path}.${key}` : key;
      // Own keys only: `toString`, `constructor` or `__proto__` are inherited by every object, not fields.
      if (!Object.hasOwn(union, key)) bad = this.fail('EDIR_FIELD_NAME_UNKNOWN', field) === INVALID || bad;
      else if (!Object.hasOwn(node, key)) bad = this.fail('EDIR_FIELD_NOT_AVAILABLE', field) === INVALID || bad;
      else {
        const r = this.value(node[key]!, union[key]!, v, field);
        if (r === INVALID) bad = true;
        else out[key] = r;
      }
    }
    return bad ? INVALID : out;
  }
}

function nest(segs: Segment[], value: unknown): Record<string, unknown> {
  let acc: unknown = value;
  for (let i = segs.length - 1; i >= 0; i--) {
    const seg = segs[i]!;
    if (typeof seg === 'number') {
      const arr: unknown[] = [];
      arr[seg] = acc;
      acc = arr;
    } else acc = { [seg]: acc };
  }
  return acc as Record<string, unknown>;
}

export type PatchResult = { errors: EdirError[]; patch: JsonObject };

/**
 * Checks an entry object from a create/update body against the model and returns the normalised patch.
 * `uuid`, `deleted` and `timestamp` are not part of the patch (update ignores `deleted` [DOC]). A flat
 * dotted key such as `access.pin` addresses the nested field (the seed's fifth example).
 */
export function checkPatch(model: TwonModel, entry: Record<string, unknown>): PatchResult {
  const checker = new Checker();
  const node = bodyTemplate(model);
  let patch: JsonObject = {};
  for (const [key, value] of Object.entries(entry)) {
    if (META_KEYS.has(key)) continue;
    if (key.includes('.') || key.includes('[')) {
      const segs = parseFieldPath(key);
      const r = segs ? checkDotted(checker, node, segs, key, value) : checker.fail('EDIR_FIELD_NAME_UNKNOWN', key);
      if (r !== INVALID) patch = mergeInto(patch, r as JsonObject) as JsonObject;
      continue;
    }
    const r = checker.object(node, unionBody, { [key]: value }, '');
    if (r !== INVALID) patch = mergeInto(patch, r as JsonObject) as JsonObject;
  }
  return { errors: checker.errors, patch };
}

function checkDotted(checker: Checker, model: JsonObject, segs: Segment[], key: string, value: unknown) {
  let node: Json = model;
  let union: Json = unionBody;
  for (const seg of segs) {
    if (typeof seg === 'number') {
      if (!Array.isArray(node) || !Array.isArray(union) || seg >= union.length) return checker.fail('EDIR_FIELD_NAME_UNKNOWN', key);
      if (seg >= node.length) return checker.fail('EDIR_FIELD_NOT_AVAILABLE', key);
      node = node[seg]!;
      union = union[0]!;
    } else {
      if (!isObject(union) || !Object.hasOwn(union, seg)) return checker.fail('EDIR_FIELD_NAME_UNKNOWN', key);
      if (!isObject(node) || !Object.hasOwn(node, seg)) return checker.fail('EDIR_FIELD_NOT_AVAILABLE', key);
      node = (node as JsonObject)[seg]!;
      union = (union as JsonObject)[seg]!;
    }
  }
  const r = checker.value(node, union, value, key);
  return r === INVALID ? INVALID : nest(segs, r);
}

/** Applies a patch: objects merge key by key, arrays position by position, scalars replace. */
export function mergeInto(base: Json | undefined, patch: Patch | unknown): Json {
  if (patch === undefined) return base as Json;
  if (Array.isArray(patch)) {
    const out: Json[] = Array.isArray(base) ? [...base] : [];
    patch.forEach((p, i) => {
      if (p !== undefined) out[i] = mergeInto(out[i], p);
    });
    return out;
  }
  if (isObject(patch)) {
    const out: JsonObject = isObject(base) ? { ...(base as JsonObject) } : {};
    for (const [k, v] of Object.entries(patch)) out[k] = mergeInto(out[k], v);
    return out;
  }
  return patch as Json;
}

/** Rules across fields, checked on the merged entry. */
export function checkEntry(body: JsonObject): EdirError[] {
  const access = body.access;
  if (!isObject(access)) return [];
  const from = Number((access as JsonObject).validFrom ?? 0);
  const to = Number((access as JsonObject).validTo ?? 0);
  if (from > 0 && to > 0 && to < from) return [{ code: 'EDIR_FIELD_VALUE_ERROR', field: 'access.validTo' }];
  return [];
}

// The 2N directory entry model (spec 4.3): per-model templates decide which fields exist, values are checked
// per field, partial updates merge nested objects and arrays position by position, and output follows the
// template's key order (jsonb does not keep it).
import templatesJson from './templates.json';

export type Json = string | number | boolean | null | Json[] | { [key: string]: Json };
export type JsonObject = { [key: string]: Json };

export const twonModels = ['verso', 'style', 'vario', 'base', 'uni', 'accessunit', 'ipone', 'videokit', 'audiokit'] as const;
export type TwonModel = (typeof twonModels)[number];

export const edirCodes = [
  'EDIR_UUID_DOES_NOT_EXIST',
  'EDIR_UUID_INVALID_FORMAT',
  'EDIR_UUID_IS_MISSING',
  'EDIR_UUID_ALREADY_EXISTS',
  'EDIR_FIELD_NAME_UNKNOWN',
  'EDIR_FIELD_NOT_AVAILABLE',
  'EDIR_FIELD_VALUE_ERROR',
] as const;
export type EdirCode = (typeof edirCodes)[number];
export type EdirError = { code: EdirCode; field?: string };

const rawTemplates = (templatesJson as unknown as { templates: Record<TwonModel, JsonObject[]> }).templates;

/** The template answer of `api/dir/template` for a model, key order included. */
export function modelTemplate(model: TwonModel): JsonObject {
  return rawTemplates[model][0]!;
}

// Keys the device keeps outside the entry body: uuid is the key, deleted/timestamp are bookkeeping.
const META_KEYS = new Set(['uuid', 'deleted', 'timestamp']);

function withoutMeta(t: JsonObject): JsonObject {
  return Object.fromEntries(Object.entries(t).filter(([k]) => !META_KEYS.has(k)));
}

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

// The union of every model's template: a key in it but not in the model's is "not available" on this model,
// a key in none is "unknown".
function unionOf(a: Json, b: Json): Json {
  if (Array.isArray(a) && Array.isArray(b)) {
    const el = a.length > 0 && b.length > 0 ? unionOf(a[0]!, b[0]!) : (a[0] ?? b[0]!);
    return Array.from({ length: Math.max(a.length, b.length) }, () => el);
  }
  if (isObject(a) && isObject(b)) {
    const out: JsonObject = { ...(a as JsonObject) };
    for (const [k, v] of Object.entries(b as JsonObject)) out[k] = Object.hasOwn(out, k) ? unionOf(out[k]!, v) : v;
    return out;
  }
  return a;
}

const bodyTemplates = Object.fromEntries(twonModels.map((m) => [m, withoutMeta(modelTemplate(m))])) as Record<TwonModel, JsonObject>;
const unionBody = twonModels.map((m) => bodyTemplates[m]).reduce((acc, t) => unionOf(acc, t) as JsonObject);

/** A fresh entry body with every field at the model's default. */
export function defaultBody(model: TwonModel): JsonObject {
  return structuredClone(bodyTemplates[model]);
}

export function bodyTemplate(model: TwonModel): JsonObject {
  return bodyTemplates[model];
}

// ---------------------------------------------------------------------------------------------------------
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

// PostgreSQL text and jsonb hold neither NUL nor a lone UTF-16 surrogate (JSON allows `"\ud800"`; jsonb
// refuses it), so such a value is refused here instead of failing the whole batch's write.
const LONE_SURROGATE = /\p{Cs}/u;

export function storableText(value: string): boolean {
  return !value.includes('\u0000') && !LONE_SURROGATE.test(value);
}

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

type Segment = string | number;

/** `callPos[1].grouped` → ['callPos', 1, 'grouped']; null when it is not a path at all. */
export function parseFieldPath(key: string): Segment[] | null {
  const segs: Segment[] = [];
  for (const part of key.split('.')) {
    const m = /^([A-Za-z][A-Za-z0-9]*)((?:\[\d+\])*)$/.exec(part);
    if (!m) return null;
    segs.push(m[1]!);
    for (const idx of m[2]!.matchAll(/\[(\d+)\]/g)) segs.push(Number(idx[1]));
  }
  return segs;
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
  const node = bodyTemplates[model];
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

// ---------------------------------------------------------------------------------------------------------
// Output: template order, and the `fields` selection of get/query [DOC get/query]: omitted → only fields that
// differ from the default, [] → all, names (`access`, `callPos.peer`, `callPos[1].grouped`) → those.

type Selection = true | Map<Segment | '*', Selection>;

function insertSelection(tree: Map<Segment | '*', Selection>, segs: (Segment | '*')[]) {
  let node = tree;
  for (let i = 0; i < segs.length; i++) {
    const seg = segs[i]!;
    if (i === segs.length - 1) {
      node.set(seg, true);
      return;
    }
    const next = node.get(seg);
    if (next === true) return;
    const child = next ?? new Map();
    node.set(seg, child);
    node = child;
  }
}

/** Resolves `fields` names against the model; names the model does not have are ignored [DOC get]. */
export function parseFields(model: TwonModel, fields: string[]): Map<Segment | '*', Selection> {
  const tree = new Map<Segment | '*', Selection>();
  for (const name of fields) {
    const segs = parseFieldPath(name);
    if (!segs) continue;
    const resolved: (Segment | '*')[] = [];
    let node: Json = bodyTemplates[model];
    let ok = true;
    for (const seg of segs) {
      if (Array.isArray(node)) {
        const el: Json = node[0]!;
        if (!isObject(el)) break; // an index into a scalar array selects the whole array
        if (typeof seg === 'number') {
          if (seg >= node.length) ok = false;
          resolved.push(seg);
          node = el;
          continue;
        }
        resolved.push('*');
        node = el;
      }
      if (typeof seg === 'number' || !isObject(node) || !Object.hasOwn(node, seg)) {
        ok = false;
        break;
      }
      resolved.push(seg);
      node = (node as JsonObject)[seg]!;
    }
    if (ok && resolved.length > 0) insertSelection(tree, resolved);
  }
  return tree;
}

function mergeSelection(a: Selection | undefined, b: Selection | undefined): Selection | undefined {
  if (a === undefined) return b;
  if (b === undefined) return a;
  if (a === true || b === true) return true;
  const out = new Map(a);
  for (const [k, v] of b) out.set(k, mergeSelection(out.get(k), v)!);
  return out;
}

/** A stored value in template key order, all the way down (jsonb sorts object keys its own way). */
function ordered(tmpl: Json, value: Json | undefined): Json {
  if (value === undefined) return tmpl;
  if (Array.isArray(tmpl) && Array.isArray(value)) return value.map((el, i) => ordered(tmpl[i] ?? tmpl[0]!, el));
  if (isObject(tmpl) && isObject(value)) {
    const out: JsonObject = {};
    for (const key of Object.keys(tmpl)) out[key] = ordered((tmpl as JsonObject)[key]!, (value as JsonObject)[key]);
    return out;
  }
  return value;
}

function project(tmpl: Json, value: Json | undefined, sel: Selection): Json {
  const v = value ?? tmpl;
  if (sel === true) return ordered(tmpl, v);
  if (Array.isArray(tmpl)) {
    const arr = Array.isArray(v) ? v : tmpl;
    return arr.map((el, i) => {
      const s = mergeSelection(sel.get(i), sel.get('*'));
      return s === undefined ? {} : project(tmpl[0]!, el, s);
    });
  }
  const out: JsonObject = {};
  if (isObject(tmpl)) {
    for (const key of Object.keys(tmpl)) {
      const s = sel.get(key);
      if (s !== undefined) out[key] = project((tmpl as JsonObject)[key]!, isObject(v) ? (v as JsonObject)[key] : undefined, s);
    }
  }
  return out;
}

function sameJson(a: Json | undefined, b: Json | undefined): boolean {
  if (a === b) return true;
  if (Array.isArray(a) && Array.isArray(b)) return a.length === b.length && a.every((x, i) => sameJson(x, b[i]));
  if (isObject(a) && isObject(b)) {
    const ka = Object.keys(a);
    return ka.length === Object.keys(b).length && ka.every((k) => sameJson((a as JsonObject)[k], (b as JsonObject)[k]));
  }
  return false;
}

function nonDefault(tmpl: Json, value: Json | undefined): Json | undefined {
  if (value === undefined) return undefined;
  if (isObject(tmpl) && isObject(value)) {
    const out: JsonObject = {};
    for (const key of Object.keys(tmpl)) {
      const p = nonDefault((tmpl as JsonObject)[key]!, (value as JsonObject)[key]);
      if (p !== undefined) out[key] = p;
    }
    return Object.keys(out).length > 0 ? out : undefined;
  }
  return sameJson(tmpl, value) ? undefined : ordered(tmpl, value);
}

export type StoredEntry = { uuid: string; deleted: boolean; ts: number; owner: string; data: JsonObject };
export type FieldSelection = { kind: 'nonDefault' } | { kind: 'all' } | { kind: 'some'; tree: Map<Segment | '*', Selection> };

export function fieldSelection(model: TwonModel, fields: string[] | undefined): FieldSelection {
  if (fields === undefined) return { kind: 'nonDefault' };
  if (fields.length === 0) return { kind: 'all' };
  return { kind: 'some', tree: parseFields(model, fields) };
}

/**
 * An entry as get/query answer it, in template order. Tombstones carry only uuid, owner and timestamp
 * (decision 7.4).
 */
export function renderEntry(model: TwonModel, entry: StoredEntry, selection: FieldSelection): JsonObject {
  if (entry.deleted) return { uuid: entry.uuid, deleted: true, owner: entry.owner, timestamp: entry.ts };
  const out: JsonObject = {};
  const template = modelTemplate(model);
  for (const key of Object.keys(template)) {
    if (key === 'uuid') {
      out.uuid = entry.uuid;
      continue;
    }
    if (key === 'timestamp') {
      out.timestamp = entry.ts;
      continue;
    }
    const tmpl = template[key]!;
    const value = key === 'deleted' ? false : (entry.data[key] ?? tmpl);
    if (selection.kind === 'all') out[key] = ordered(tmpl, value);
    else if (selection.kind === 'nonDefault') {
      const p = nonDefault(tmpl, value);
      if (p !== undefined) out[key] = p;
    } else {
      const s = selection.tree.get(key);
      if (s !== undefined) out[key] = project(tmpl, value, s);
    }
  }
  return out;
}

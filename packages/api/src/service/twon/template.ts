// The 2N entry templates (spec 4.3): per model, which fields exist, their defaults and their key order, and
// the field paths (`callPos[1].grouped`) that address them. Validation and output both read these.
import { type TwonModel, twonModels } from '../../contract/twon';
import templatesJson from './templates.json';

export type Json = string | number | boolean | null | Json[] | { [key: string]: Json };
export type JsonObject = { [key: string]: Json };

const rawTemplates = (templatesJson as unknown as { templates: Record<TwonModel, JsonObject[]> }).templates;

/** The template answer of `api/dir/template` for a model, key order included. */
export function modelTemplate(model: TwonModel): JsonObject {
  return rawTemplates[model][0]!;
}

// Keys the device keeps outside the entry body: uuid is the key, deleted/timestamp are bookkeeping.
export const META_KEYS = new Set(['uuid', 'deleted', 'timestamp']);

function withoutMeta(t: JsonObject): JsonObject {
  return Object.fromEntries(Object.entries(t).filter(([k]) => !META_KEYS.has(k)));
}

export function isObject(v: unknown): v is Record<string, unknown> {
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

/** Every model's entry body merged: the fields any 2N model knows. */
export const unionBody = twonModels.map((m) => bodyTemplates[m]).reduce((acc, t) => unionOf(acc, t) as JsonObject);

/** A fresh entry body with every field at the model's default. */
export function defaultBody(model: TwonModel): JsonObject {
  return structuredClone(bodyTemplates[model]);
}

/** The model's entry body template (no uuid/deleted/timestamp); shared, never modify it. */
export function bodyTemplate(model: TwonModel): JsonObject {
  return bodyTemplates[model];
}

export type Segment = string | number;

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

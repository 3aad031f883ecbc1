// 2N entries as get/query answer them (spec 4.4): template key order (jsonb does not keep it) and the
// `fields` selection.
import type { TwonModel } from '../../contract/twon';
import { bodyTemplate, isObject, type Json, type JsonObject, modelTemplate, parseFieldPath, type Segment } from './template';

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
    let node: Json = bodyTemplate(model);
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

import { z } from 'zod';
import { RestErrorThrown, restError } from '../framework/errors';
import type { Caller } from '../framework/surface';

type RpdbProfile = Awaited<ReturnType<Caller['rpdb']['profile']['get']>>;
type RpdbVisibleAttribute = Awaited<ReturnType<Caller['rpdb']['attribute']['getVisible']>>;

// Translation between RPdb's wire shapes (snake_case, query conventions) and the API contract.

export const PROFILE_FIELDS = ['id', 'name', 'sort_order', 'attributes'] as const;
type ProfileField = (typeof PROFILE_FIELDS)[number];
export type WireProfile = Partial<{ id: number; name: string; sort_order: number; attributes: number[] }>;

function invalid(code: 'INVALID_FIELD' | 'INVALID_ID', path: string, message: string): RestErrorThrown {
  return new RestErrorThrown(restError('validation', message, { code, issues: [{ path, message }] }));
}

/** Keys in the documented order, restricted to `fields[]` when given. */
export function toWire(p: RpdbProfile, fields?: ProfileField[]): WireProfile {
  const full: Required<WireProfile> = { id: p.id, name: p.name, sort_order: p.sortOrder, attributes: p.attributes };
  if (!fields) return full;
  const out: WireProfile = {};
  for (const f of PROFILE_FIELDS) if (fields.includes(f)) (out as Record<string, unknown>)[f] = full[f];
  return out;
}

const MAX_ID = 2_147_483_647;

// Enough of a rejected value to recognise it; the error body should not mirror whatever a client sent.
const ECHO_LENGTH = 32;

/** Path ids are positive integers; anything else → 400 INVALID_ID. */
export function parseId(raw: string, entity: 'profile' | 'attribute' = 'profile'): number {
  const id = /^[0-9]{1,10}$/.test(raw) ? Number(raw) : Number.NaN;
  if (!Number.isInteger(id) || id < 1 || id > MAX_ID) {
    const shown = raw.length > ECHO_LENGTH ? `${raw.slice(0, ECHO_LENGTH)}…` : raw;
    throw invalid('INVALID_ID', 'id', `"${shown}" is not a valid ${entity} ID`);
  }
  return id;
}

/**
 * An attribute as the official Go client decodes it (go/models/attribute.go). Execution options, parameters
 * and attribute sort orders are not modelled here: they are answered with their neutral values.
 */
export function attributeToWire(a: RpdbVisibleAttribute) {
  return {
    id: a.id,
    name: a.name,
    execute_always: false,
    no_db: false,
    execution_response: { enabled: false, allow_delayed_execution: false, default_timeout: 0 },
    rights: a.right,
    default_right: a.defaultRight,
    parameters: [],
    sort_order: 0,
  };
}

/** `?name=` (the last one when repeated); absent → no filter. */
export function parseNameFilter(query: Query): string | undefined {
  const raw = query.name;
  if (raw === undefined) return undefined;
  return Array.isArray(raw) ? raw[raw.length - 1] : raw;
}

type Query = Record<string, string | string[] | undefined>;

function values(v: string | string[] | undefined): string[] {
  if (v === undefined) return [];
  return (Array.isArray(v) ? v : [v]).flatMap((s) => s.split(','));
}

/** `fields[]=name&fields[]=id` (also `fields=`); an unknown field name → 400 INVALID_FIELD. */
export function parseFields(query: Query): ProfileField[] | undefined {
  if (query['fields[]'] === undefined && query.fields === undefined) return undefined;
  const requested = [...values(query['fields[]']), ...values(query.fields)].map((f) => f.trim());
  for (const f of requested) {
    if (!(PROFILE_FIELDS as readonly string[]).includes(f)) throw invalid('INVALID_FIELD', 'fields', `Unknown field "${f}"`);
  }
  return requested as ProfileField[];
}

export function parseIgnoreRights(query: Query): boolean {
  const raw = query.ignore_rights;
  if (raw === undefined) return false;
  const v = (Array.isArray(raw) ? raw[raw.length - 1]! : raw).trim().toLowerCase();
  if (v === 'true' || v === '1') return true;
  if (v === 'false' || v === '0') return false;
  throw invalid('INVALID_FIELD', 'ignore_rights', `"${v}" is not a boolean`);
}

const Int32 = z
  .number({ error: 'must be an integer' })
  .int({ error: 'must be an integer' })
  .min(-2_147_483_648, { error: 'is out of range' })
  .max(MAX_ID, { error: 'is out of range' });
const Name = z
  .string({ error: 'must be a string' })
  .trim()
  .min(1, { error: 'must not be empty' })
  .max(255, { error: 'is too long (max 255)' });
const idOf = (what: string) => {
  const error = `must be ${what} ID`;
  return z.number({ error }).int({ error }).min(1, { error }).max(MAX_ID, { error });
};
const AttributeIds = z
  .array(idOf('an attribute'), {
    error: 'must be an array of attribute IDs',
  })
  .max(1000, { error: 'at most 1000 attributes' })
  .refine((ids) => new Set(ids).size === ids.length, { error: 'lists an attribute twice' });

// Clients send whole profile objects back, so a body `id` is tolerated and ignored (the path names the profile).
const bodyShape = { id: z.unknown().optional(), name: Name, sort_order: Int32.optional(), attributes: AttributeIds.optional() };
const ProfileCreateBody = z.strictObject(bodyShape, { error: 'must be a JSON object' });
const ProfileUpdateBody = z.strictObject({ ...bodyShape, name: Name.optional() }, { error: 'must be a JSON object' });
const SortBody = z
  .array(z.strictObject({ id: idOf('a profile'), sort_order: Int32 }, { error: 'must be an object {id, sort_order}' }), {
    error: 'must be a JSON array',
  })
  .max(1000, { error: 'at most 1000 entries' })
  .refine((items) => new Set(items.map((i) => i.id)).size === items.length, { error: 'lists a profile twice' });

function parse<T>(schema: z.ZodType<T>, body: unknown): T {
  const result = schema.safeParse(body);
  if (result.success) return result.data;
  const issues = result.error.issues.map((i) => {
    const path = i.path.join('.') || 'body';
    if (i.code === 'unrecognized_keys') return { path, message: `unknown field ${i.keys.map((k) => `"${k}"`).join(', ')}` };
    return { path, message: i.message };
  });
  throw new RestErrorThrown(restError('validation', issues[0]!.message, { code: 'INVALID_FIELD', issues }));
}

export function parseCreateBody(body: unknown) {
  const b = parse(ProfileCreateBody, body);
  return { name: b.name, sortOrder: b.sort_order ?? 0, attributes: b.attributes ?? [] };
}

export function parseUpdateBody(body: unknown) {
  const b = parse(ProfileUpdateBody, body);
  return { name: b.name, sortOrder: b.sort_order, attributes: b.attributes };
}

export function parseSortBody(body: unknown) {
  return parse(SortBody, body).map((i) => ({ id: i.id, sortOrder: i.sort_order }));
}

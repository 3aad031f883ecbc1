import { z } from 'zod';
import { restError } from '../framework/errors';
import type { Caller } from '../framework/surface';

type RpdbProfile = Awaited<ReturnType<Caller['rpdb']['profile']['get']>>;
type RpdbVisibleAttribute = Awaited<ReturnType<Caller['rpdb']['attribute']['getVisible']>>;

// Translation between RPdb's wire shapes (snake_case, query conventions) and the API contract.

export const PROFILE_FIELDS = ['id', 'name', 'sort_order', 'attributes'] as const;
type ProfileField = (typeof PROFILE_FIELDS)[number];
export type WireProfile = Partial<{ id: number; name: string; sort_order: number; attributes: number[] }>;

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

/** Path ids are positive integers; anything else → 400 INVALID_ID (see `invalidRequest`). */
export const ProfileIdParams = z.object({
  id: z
    .string()
    .regex(/^[0-9]{1,10}$/)
    .transform(Number)
    .pipe(z.number().int().min(1).max(MAX_ID))
    .describe('The profile ID (a positive integer)'),
});

/** Attribute path ids: the same rule as profile ids. */
export const AttributeIdParams = z.object({ id: ProfileIdParams.shape.id.describe('The attribute ID (a positive integer)') });

/** `?name=` (the last one when repeated): exact, case-sensitive attribute name; absent → no filter. */
export const AttributeQuery = z
  .looseObject({
    name: z
      .union([z.string(), z.array(z.string())])
      .optional()
      .describe('Only the attribute with exactly this name (the answer is then always an array)'),
  })
  .transform((q) => ({ name: Array.isArray(q.name) ? q.name[q.name.length - 1] : q.name }));

/** An attribute as the official Go client decodes it (go/models/attribute.go). */
export const WireAttributeSchema = z.object({
  id: z.number().int(),
  name: z.string(),
  execute_always: z.boolean().describe('Not modelled: always false'),
  no_db: z.boolean().describe('Not modelled: always false'),
  execution_response: z
    .object({ enabled: z.boolean(), allow_delayed_execution: z.boolean(), default_timeout: z.number().int() })
    .describe('Not modelled: all off'),
  rights: z.enum(['all', 'write', 'read']).describe("The key's effective right: its own, else default_right"),
  default_right: z.enum(['all', 'write', 'read', 'none']),
  parameters: z.array(z.unknown()).describe('Not modelled: always empty'),
  sort_order: z.number().int().describe('Not modelled: always 0 (attributes come in id order)'),
});

/**
 * Execution options, parameters and attribute sort orders are not modelled here: they are answered with
 * their neutral values.
 */
export function attributeToWire(a: RpdbVisibleAttribute): z.infer<typeof WireAttributeSchema> {
  return {
    id: a.id,
    name: a.name,
    execute_always: false,
    no_db: false,
    execution_response: { enabled: false, allow_delayed_execution: false, default_timeout: 0 },
    rights: a.right as 'all' | 'write' | 'read',
    default_right: a.defaultRight,
    parameters: [],
    sort_order: 0,
  };
}

/** A query value given once or repeated (`a=1&a=2`), each possibly a comma-separated list. */
const listOf = z
  .union([z.string(), z.array(z.string())])
  .transform((v) => (Array.isArray(v) ? v : [v]).flatMap((s) => s.split(',')).map((s) => s.trim()));

const FieldNames = listOf.pipe(
  z.array(
    z.string().refine((f) => (PROFILE_FIELDS as readonly string[]).includes(f), {
      error: (iss) => `Unknown field "${String(iss.input)}"`,
    }),
  ),
);

const IgnoreRights = z
  .union([z.string(), z.array(z.string())])
  .transform((v) => (Array.isArray(v) ? v[v.length - 1]! : v).trim().toLowerCase())
  .pipe(z.enum(['true', '1', 'false', '0'], { error: (iss) => `"${String(iss.input)}" is not a boolean` }))
  .transform((v) => v === 'true' || v === '1');

/** `fields[]=name&fields[]=id` (also `fields=`, comma lists) and `ignore_rights` (privileged keys only). */
export const ProfileQuery = z
  .looseObject({
    'fields[]': FieldNames.optional().describe(`Restrict each profile to these fields: ${PROFILE_FIELDS.join(', ')}`),
    fields: FieldNames.optional().describe('Same as fields[]'),
    ignore_rights: IgnoreRights.optional().describe("true: show profiles whatever the key's rights (privileged keys only, else 412)"),
  })
  .transform((q) => ({
    fields: q['fields[]'] || q.fields ? ([...(q['fields[]'] ?? []), ...(q.fields ?? [])] as ProfileField[]) : undefined,
    ignoreRights: q.ignore_rights ?? false,
  }));

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
export const ProfileCreateBody = z
  .strictObject(bodyShape, { error: 'must be a JSON object' })
  .transform((b) => ({ name: b.name, sortOrder: b.sort_order ?? 0, attributes: b.attributes ?? [] }));
export const ProfileUpdateBody = z
  .strictObject({ ...bodyShape, name: Name.optional() }, { error: 'must be a JSON object' })
  .transform((b) => ({ name: b.name, sortOrder: b.sort_order, attributes: b.attributes }));
export const ProfileSortBody = z
  .array(z.strictObject({ id: idOf('a profile'), sort_order: Int32 }, { error: 'must be an object {id, sort_order}' }), {
    error: 'must be a JSON array',
  })
  .max(1000, { error: 'at most 1000 entries' })
  .refine((items) => new Set(items.map((i) => i.id)).size === items.length, { error: 'lists a profile twice' })
  .transform((items) => items.map((i) => ({ id: i.id, sortOrder: i.sort_order })));

/** A profile as RPdb sends it (keys in the documented order; fewer with `fields[]`). */
export const WireProfileSchema = z.object({
  id: z.number().int(),
  name: z.string(),
  sort_order: z.number().int(),
  attributes: z.array(z.number().int()).describe('Attribute IDs; hidden from keys without a right on each'),
});

/** RPdb's wording for a request part that failed its schema: INVALID_ID for a path id, else INVALID_FIELD. */
export function invalidRequest(part: 'params' | 'query' | 'body', error: z.ZodError, req: { params: unknown; url?: string }) {
  if (part === 'params') {
    const raw = String((req.params as { id?: string }).id ?? '');
    const shown = raw.length > ECHO_LENGTH ? `${raw.slice(0, ECHO_LENGTH)}…` : raw;
    const entity = /\/attribute\//.test(req.url ?? '') ? 'attribute' : 'profile';
    const message = `"${shown}" is not a valid ${entity} ID`;
    return restError('validation', message, { code: 'INVALID_ID', issues: [{ path: 'id', message }] });
  }
  const issues = error.issues.map((i) => {
    if (part === 'query') return { path: String(i.path[0] ?? 'query').replace(/\[\]$/, ''), message: i.message };
    const path = i.path.join('.') || 'body';
    if (i.code === 'unrecognized_keys') return { path, message: `unknown field ${i.keys.map((k) => `"${k}"`).join(', ')}` };
    return { path, message: i.message };
  });
  return restError('validation', issues[0]!.message, { code: 'INVALID_FIELD', issues });
}

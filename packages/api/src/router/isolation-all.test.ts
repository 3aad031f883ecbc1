import { randomUUID } from 'node:crypto';
import * as db from '@profilehub/db';
import { createTestDb } from '@profilehub/db/testing';
import { type AnyColumn, eq, getTableColumns, getTableName, isTable, type Table } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { z } from 'zod';
import { appRouter } from '../root';
import { createTestWorkspace } from '../testing';
import { vendors } from '../vendors';

// Workspace isolation over EVERY procedure of the root router, found by enumerating it (a procedure added
// tomorrow is covered without editing this file). Workspace A gets every vendor's demo data; then every
// procedure whose input takes an id (in a field, a list of ids, or an object or list of objects with an id
// field) is called by B's owner with each of A's ids that its input accepts. B
// must never see A's data (no id of A in an answer, except the one B sent) and A's rows must be untouched.

type AnySchema = z.ZodType & { _zod: { def: Record<string, unknown> & { type: string } } };
type Procedure = { _def: { inputs: AnySchema[]; type: 'query' | 'mutation' | 'subscription' } };

let handle: db.DbHandle;
let a: Awaited<ReturnType<typeof createTestWorkspace>>;
let b: Awaited<ReturnType<typeof createTestWorkspace>>;

const tenantTables = (Object.values(db) as unknown[]).filter(
  (value): value is Table => isTable(value) && 'workspaceId' in getTableColumns(value as Table),
);

/** Every row of workspace A, table by table: the snapshot B's calls must leave as it was. */
async function snapshotOfA(): Promise<Record<string, unknown[]>> {
  const out: Record<string, unknown[]> = {};
  for (const table of tenantTables) {
    const columns = getTableColumns(table) as Record<string, AnyColumn>;
    const rows = await handle.db
      .select()
      .from(table as never)
      .where(eq(columns.workspaceId!, a.actor.workspaceId));
    out[getTableName(table)] = (rows as Record<string, unknown>[]).map((r) => JSON.stringify(r)).sort();
  }
  return out;
}

/** One id of A per table (its `id`, and the vendor `uuid` where a table has one, e.g. 2N entries). */
async function idsOfA(): Promise<Map<string | number, string>> {
  const ids = new Map<string | number, string>();
  for (const [table, rows] of Object.entries(await snapshotOfA())) {
    const first = rows[0] === undefined ? {} : (JSON.parse(rows[0] as string) as Record<string, unknown>);
    for (const key of ['id', 'uuid']) {
      const value = first[key];
      if (typeof value === 'string' || (typeof value === 'number' && Number.isInteger(value))) ids.set(value, table);
    }
  }
  return ids;
}

const def = (s: AnySchema) => s._zod.def;

/** A value the schema accepts, built from its definition; undefined when it could not find one. */
function sample(schema: AnySchema, depth = 0): unknown {
  if (depth > 6) return undefined;
  const d = def(schema);
  const inner = (key: string) => d[key] as AnySchema;
  switch (d.type) {
    case 'optional':
    case 'default':
    case 'prefault':
    case 'catch':
      return undefined;
    case 'nullable':
    case 'readonly':
    case 'nonoptional':
      return sample(inner('innerType'), depth + 1);
    case 'pipe':
      return sample(inner('in'), depth + 1);
    case 'lazy':
      return sample((d.getter as () => AnySchema)(), depth + 1);
    case 'object': {
      const out: Record<string, unknown> = {};
      for (const [key, field] of Object.entries(d.shape as Record<string, AnySchema>)) {
        const v = sample(field, depth + 1);
        if (v !== undefined) out[key] = v;
      }
      return out;
    }
    case 'array': {
      const element = sample(inner('element'), depth + 1);
      return schema.safeParse([]).success ? [] : [element];
    }
    case 'union':
      return sample((d.options as AnySchema[])[0]!, depth + 1);
    case 'enum':
      return Object.values(d.entries as Record<string, unknown>)[0];
    case 'literal':
      return (d.values as unknown[])[0];
    case 'boolean':
      return false;
    case 'date':
      return new Date();
    case 'record':
    case 'unknown':
    case 'any':
      return {};
    default: {
      const candidates = [
        1,
        0,
        10,
        'x',
        'sample',
        randomUUID(),
        '0123456789abcdef01234567',
        'a@example.com',
        '127.0.0.1',
        'https://x.test',
      ];
      return candidates.find((c) => schema.safeParse(c).success);
    }
  }
}

// Inputs the generator cannot build (cross-field rules); merged over its sample. The test fails for a new
// procedure whose input it cannot build, so this list grows only when needed.
const baseInputs: Record<string, Record<string, unknown>> = {
  'appgate.clientProfile.create': { name: 'x', identityProviderName: 'local' },
  'twoN.dir.delete': { owner: 'x' },
  // A custom JSON-object check the generator cannot read.
  'soajs.user.editConfig': { config: {} },
};

const procedures = Object.entries(appRouter._def.procedures as unknown as Record<string, Procedure>).filter(
  ([, p]) => p._def.type !== 'subscription',
);

const unwrap = (s: AnySchema): AnySchema =>
  ['optional', 'nullable', 'default', 'prefault', 'readonly', 'nonoptional'].includes(def(s).type)
    ? unwrap(def(s).innerType as AnySchema)
    : s;

/**
 * The values of one input field that carry an id of A: the id itself where the field takes one (named as one,
 * `id`/`…Id`/`uuid`, or shaped as one: an id of A parses there, a non-id string does not, as FlexCare's
 * `customer`); else a list holding it (`uId: [id]`), or an object (alone or as a list's one element) whose
 * own field takes it (`items: [{ id }]`, `profile: { id }`).
 */
function idValues(key: string, field: AnySchema, ids: (string | number)[], depth = 0): unknown[] {
  if (depth > 4) return [];
  const named = key === 'id' || key.endsWith('Id') || key === 'uuid';
  const idShaped = named || !(field.safeParse('not-an-id').success || field.safeParse(-1).success);
  const direct = idShaped ? ids.filter((id) => field.safeParse(id).success) : [];
  if (direct.length > 0) return direct;
  const inner = unwrap(field);
  const d = def(inner);
  if (d.type === 'array') {
    return idValues(key, d.element as AnySchema, ids, depth + 1)
      .map((v) => [v])
      .filter((v) => field.safeParse(v).success);
  }
  if (d.type === 'object') {
    const base = (sample(inner) as Record<string, unknown> | undefined) ?? {};
    return Object.entries(d.shape as Record<string, AnySchema>).flatMap(([k, f]) =>
      idValues(k, f, ids, depth + 1).map((v) => ({ ...base, [k]: v })),
    );
  }
  return [];
}

/** The input fields of a procedure that take an id, each with the values carrying one (see `idValues`). */
function idFields(input: AnySchema, ids: (string | number)[]) {
  if (def(input).type !== 'object') return [];
  return Object.entries(def(input).shape as Record<string, AnySchema>).flatMap(([key, field]) => {
    const values = idValues(key, field, ids);
    return values.length > 0 ? [{ key, values }] : [];
  });
}

/** The id of A a value carries (the value itself, or the one found inside it). */
function carried(value: unknown, ids: (string | number)[]): string | number | undefined {
  if (typeof value === 'string' || typeof value === 'number') return ids.includes(value) ? value : undefined;
  if (Array.isArray(value)) return carried(value[0], ids);
  if (value && typeof value === 'object') {
    for (const v of Object.values(value)) {
      const id = carried(v, ids);
      if (id !== undefined) return id;
    }
  }
  return undefined;
}

beforeAll(async () => {
  handle = await createTestDb();
  a = await createTestWorkspace(handle.db, 'iso-a');
  b = await createTestWorkspace(handle.db, 'iso-b');
  const env = { apiUrl: 'http://api.test', adminUrl: 'http://admin.test' };
  for (const vendor of vendors) await vendor.seeder.seed(a.ctx, env);
  // Seeding hashes a dozen passwords (scrypt, 32 MiB each): slow on a busy machine.
}, 300_000);
afterAll(async () => {
  await handle?.close();
});

describe('workspace isolation over every router', () => {
  it('no procedure taking an id reads or changes another workspace', async () => {
    const before = await snapshotOfA();
    const idTables = await idsOfA();
    const ids = [...idTables.keys()];
    // A procedure is tried with the ids of its own area's tables (`twoN.…` → `twon_*`, identity → the rest).
    const vendorPrefixes = vendors.map((v) => `${v.key.toLowerCase()}_`);
    const idsFor = (path: string) => {
      const prefix = `${path.split('.')[0]!.toLowerCase()}_`;
      const own = vendorPrefixes.includes(prefix)
        ? (table: string) => table.startsWith(prefix)
        : (table: string) => !vendorPrefixes.some((p) => table.startsWith(p));
      return ids.filter((id) => own(idTables.get(id)!));
    };
    const reached = new Set<string>();
    const idTaking = new Set<string>();
    for (const [path, procedure] of procedures) {
      const input = procedure._def.inputs[0];
      if (!input) continue;
      const base = { ...(sample(input) as Record<string, unknown> | undefined), ...baseInputs[path] };
      for (const field of idFields(input, idsFor(path))) {
        idTaking.add(path);
        for (const value of field.values) {
          const id = carried(value, ids);
          const args = { ...base, [field.key]: value };
          if (!input.safeParse(args).success) continue;
          const call = path.split('.').reduce<unknown>((node, part) => (node as Record<string, unknown>)[part], b.caller) as (
            input: unknown,
          ) => Promise<unknown>;
          const answer = await call(args).then(
            (value) => ({ ok: true as const, value }),
            (error: { code?: string }) => ({ ok: false as const, code: error.code }),
          );
          if (answer.ok || answer.code !== 'BAD_REQUEST') reached.add(path);
          if (!answer.ok) {
            // A refusal of any kind is fine (B's own conflicts included); a crash is not.
            expect(`${path}: ${answer.code}`).not.toBe(`${path}: INTERNAL_SERVER_ERROR`);
            continue;
          }
          const text = JSON.stringify(answer.value ?? null);
          const leaked = ids.filter((other) => other !== id && typeof other === 'string' && other.length >= 24 && text.includes(other));
          expect({ path, input: args, leaked }).toEqual({ path, input: args, leaked: [] });
        }
      }
    }
    // The enumeration has teeth: many procedures take ids, and each one's input was built well enough for the
    // call to get past validation at least once (else it was tested with nothing).
    if (process.env.ISOLATION_LIST) console.log([...idTaking].sort().join('\n'));
    expect(idTaking.size).toBeGreaterThan(30);
    expect([...idTaking].filter((p) => !reached.has(p))).toEqual([]);
    expect(await snapshotOfA()).toEqual(before);
  }, 300_000);
});

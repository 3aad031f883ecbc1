import { z } from 'zod';

// One paging shape for the admin's server-driven tables: offset paging (a page can be jumped to) with the
// total, a sort column chosen from the resource's own list and a free-text filter.

export const PageOffset = z.number().int().min(0).max(10_000_000);
export const PageLimit = z.number().int().min(1).max(500);

/** The common part of every `page` input; a resource adds its `sort` enum and scope fields. */
export const PageInputFields = {
  offset: PageOffset.default(0),
  limit: PageLimit.default(25),
  desc: z.boolean().default(false),
  q: z.string().trim().max(200).default(''),
};

/** `{ items, total }`: total counts every row the filters match, not only this page. */
export function PageOutput<T extends z.ZodType>(item: T) {
  return z.object({ items: z.array(item), total: z.number().int() });
}

/** `%text%` for ILIKE with the text's own wildcards escaped. */
export function containsPattern(text: string): string {
  return `%${text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}

/** A resource's `page` input: its own fields, the common paging fields and a sort from `sorts` (first = default). */
export function PageInput<const S extends readonly [string, ...string[]], E extends z.ZodRawShape = Record<never, never>>(
  sorts: S,
  fields: E = {} as E,
) {
  return z.strictObject({ ...fields, ...PageInputFields, sort: z.enum(sorts).default(sorts[0] as never) });
}

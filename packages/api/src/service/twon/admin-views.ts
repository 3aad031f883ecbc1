// Admin views of a 2N directory's entries: a searchable page, and the change feed.
import { twonEntries } from '@profilehub/db';
import { and, asc, desc, eq, gt, ilike, lte, or, type SQL, sql } from 'drizzle-orm';
import type { AuthedContext } from '../../context';
import type { TwonEntryListInput, TwonSinceInput } from '../../contract/twon';
import { highestTimestamp, loadDirectory } from './directory';

const summaryColumns = {
  uuid: twonEntries.uuid,
  name: twonEntries.name,
  owner: twonEntries.owner,
  email: sql<string>`coalesce(${twonEntries.data}->>'email', '')`,
  deleted: twonEntries.deleted,
  timestamp: twonEntries.ts,
  updatedAt: twonEntries.updatedAt,
};

// Each ends with the uuid, so no entry sits on two pages. Timestamps are unique within a directory.
const entryOrder = {
  name: [twonEntries.name, twonEntries.uuid],
  timestamp: [twonEntries.ts],
  updated: [twonEntries.updatedAt, twonEntries.uuid],
};

export async function listEntries({ ctx, input }: { ctx: AuthedContext; input: Required<TwonEntryListInput> }) {
  const dir = await loadDirectory(ctx.db, ctx, input.directoryId);
  const filters: SQL[] = [eq(twonEntries.workspaceId, dir.workspaceId), eq(twonEntries.directoryId, dir.id)];
  if (!input.includeDeleted) filters.push(eq(twonEntries.deleted, false));
  if (input.search) {
    const pattern = `%${input.search.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
    filters.push(
      or(
        ilike(twonEntries.name, pattern),
        ilike(twonEntries.uuid, pattern),
        ilike(twonEntries.owner, pattern),
        sql`${twonEntries.data}->>'email' ilike ${pattern}`,
      )!,
    );
  }
  const where = and(...filters);
  const [items, [count]] = await Promise.all([
    ctx.db
      .select(summaryColumns)
      .from(twonEntries)
      .where(where)
      .orderBy(...entryOrder[input.sort].map((column) => (input.desc ? desc(column) : asc(column))))
      .limit(input.pageSize)
      .offset((input.page - 1) * input.pageSize),
    ctx.db.select({ n: sql<number>`count(*)::int` }).from(twonEntries).where(where),
  ]);
  return { items, total: count?.n ?? 0 };
}

/** The change feed: entries (tombstones included) changed after `timestamp`, oldest change first. */
export async function changesSince({ ctx, input }: { ctx: AuthedContext; input: Required<TwonSinceInput> }) {
  const dir = await loadDirectory(ctx.db, ctx, input.directoryId);
  const highest = await highestTimestamp(ctx.db, dir);
  const rows = await ctx.db
    .select(summaryColumns)
    .from(twonEntries)
    .where(
      and(
        eq(twonEntries.workspaceId, dir.workspaceId),
        eq(twonEntries.directoryId, dir.id),
        gt(twonEntries.ts, input.timestamp),
        lte(twonEntries.ts, highest),
      ),
    )
    .orderBy(asc(twonEntries.ts))
    .limit(input.limit + 1);
  return { series: dir.series, timestamp: highest, changes: rows.slice(0, input.limit), hasMore: rows.length > input.limit };
}

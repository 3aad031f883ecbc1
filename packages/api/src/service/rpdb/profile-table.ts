import { rpdbProfiles } from '@profilehub/db';
import { and, asc, desc, eq, ilike, inArray, type SQL, sql } from 'drizzle-orm';
import type { AuthedContext } from '../../context';
import { containsPattern } from '../../contract/page';
import type {
  RpdbProfile,
  RpdbProfileDeleteManyInput,
  RpdbProfileMoveInput,
  RpdbProfilePageInput,
  RpdbProfileRow,
} from '../../contract/rpdb';
import { audit, nextChange } from '../audit';
import { perShape } from '../page';
import { inTransaction, together } from '../tx';
import { resolvePrincipal } from './principal';
import { inAccount, notFound, profileColumns, writeSortOrders } from './profile';

// The admin's view of an account's profiles: a page at a time (an account may hold any number), each row with
// its place in the list order every RPdb answer uses (sort_order, then id), and moving one profile to a place.

/**
 * 1-based place in the list order, for one row (a move's answer); index-backed by rpdb_profiles_order_idx.
 * A page does not use it: counted per row, it walked the account's index up to each row (50 walks a page).
 */
const position = sql<number>`(select count(*)::int + 1 from rpdb_profiles o
  where o.workspace_id = rpdb_profiles.workspace_id and o.account_id = rpdb_profiles.account_id
    and (o.sort_order, o.id) < (rpdb_profiles.sort_order, rpdb_profiles.id))`;

// The admin's page, built once per shape: name filter or not, sort column, direction.
type PageShape = `${boolean}:${Required<RpdbProfilePageInput>['sort']}:${boolean}`;

const profilePage = perShape((db, shape: PageShape) => {
  const [byName, sort, descending] = shape.split(':');
  const inAccountOf = and(
    eq(rpdbProfiles.workspaceId, sql.placeholder('workspaceId')),
    eq(rpdbProfiles.accountId, sql.placeholder('accountId')),
  );
  const where = and(inAccountOf, byName === 'true' ? ilike(rpdbProfiles.name, sql.placeholder('pattern')) : undefined);
  const dir = descending === 'true' ? desc : asc;
  const order: SQL[] =
    sort === 'name'
      ? [dir(rpdbProfiles.name), dir(rpdbProfiles.id)]
      : sort === 'id'
        ? [dir(rpdbProfiles.id)]
        : [dir(rpdbProfiles.sortOrder), dir(rpdbProfiles.id)];
  const name = `rpdb_profile_page_${shape.replaceAll(':', '_')}`;
  const total = db.select({ n: sql<number>`count(*)::int` }).from(rpdbProfiles).where(where).prepare(`${name}_total`);
  // The whole list in list order, unfiltered: the page is that order itself, so a row's place is where it
  // falls on the page (from either end), and no query counts it.
  if (byName === 'false' && sort === 'position') {
    const items = db
      .select(profileColumns)
      .from(rpdbProfiles)
      .where(where)
      .orderBy(...order)
      .limit(sql.placeholder('limit'));
    return { total, items: items.offset(sql.placeholder('offset')).prepare(name), inListOrder: descending === 'true' ? 'desc' : 'asc' };
  }
  // Any other order or a filter: every place numbered in one pass over the account's rows.
  const ranked = db
    .select({
      id: rpdbProfiles.id,
      position: sql<number>`row_number() over (order by ${rpdbProfiles.sortOrder}, ${rpdbProfiles.id})::int`.as('position'),
    })
    .from(rpdbProfiles)
    .where(inAccountOf)
    .as('ranked');
  const items = db
    .select({ ...profileColumns, position: ranked.position })
    .from(rpdbProfiles)
    .innerJoin(ranked, eq(ranked.id, rpdbProfiles.id))
    .where(where)
    .orderBy(...order)
    .limit(sql.placeholder('limit'))
    .offset(sql.placeholder('offset'))
    .prepare(name);
  return { total, items, inListOrder: null };
});

export async function pageRpdbProfiles({ ctx, input }: { ctx: AuthedContext; input: Required<RpdbProfilePageInput> }) {
  const p = await resolvePrincipal(ctx, ctx.db, input.accountId);
  const queries = profilePage(ctx.db, `${!!input.q}:${input.sort}:${input.desc}`);
  const values = {
    workspaceId: p.workspaceId,
    accountId: p.accountId,
    pattern: input.q ? containsPattern(input.q) : undefined,
    limit: input.limit,
    offset: input.offset,
  };
  const [rows, [count]] = await Promise.all([queries.items.execute(values), queries.total.execute(values)]);
  const total = count?.n ?? 0;
  const items: RpdbProfileRow[] =
    queries.inListOrder === null
      ? (rows as RpdbProfileRow[])
      : rows.map((row, i) => ({
          ...row,
          position: queries.inListOrder === 'asc' ? input.offset + i + 1 : total - input.offset - i,
        }));
  return { items, total };
}

/**
 * Moves one profile to `position` and renumbers the account's sort_order 0..n-1 in one statement (only rows
 * whose value changes are written). A position past the end means last.
 */
export async function moveRpdbProfile({ ctx, input }: { ctx: AuthedContext; input: RpdbProfileMoveInput }) {
  return inTransaction(ctx, async (tx) => {
    const p = await resolvePrincipal(ctx, tx.tx, input.accountId);
    const rows = await tx.tx
      .select({ id: rpdbProfiles.id, name: rpdbProfiles.name, sortOrder: rpdbProfiles.sortOrder })
      .from(rpdbProfiles)
      .where(inAccount(p))
      // Id order, as the batch sort locks: two writers never lock the same rows in different orders.
      .orderBy(asc(rpdbProfiles.id))
      .for('update');
    const ordered = [...rows].sort((a, b) => a.sortOrder - b.sortOrder || a.id - b.id);
    const from = ordered.findIndex((r) => r.id === input.id);
    if (from < 0) throw notFound(input.id);
    const to = Math.min(input.position, ordered.length) - 1;
    const [moved] = ordered.splice(from, 1);
    ordered.splice(to, 0, moved!);
    const changed = ordered.map((r, i) => ({ id: r.id, sortOrder: i, was: r.sortOrder })).filter((r) => r.sortOrder !== r.was);
    if (changed.length > 0) {
      await writeSortOrders(tx, p, changed);
      await audit(tx, {
        action: 'rpdb.profile.move',
        entityType: 'rpdb_profile',
        entityId: input.id,
        before: { name: moved!.name, position: from + 1, sortOrder: moved!.sortOrder },
        after: { name: moved!.name, position: to + 1, sortOrder: to },
      });
    }
    const [row] = await tx.tx
      .select({ ...profileColumns, position })
      .from(rpdbProfiles)
      .where(and(inAccount(p), eq(rpdbProfiles.id, input.id)));
    return row as RpdbProfileRow;
  });
}

/** All or nothing: an id that names no profile of the account is a 404 and nothing is deleted. */
export async function deleteRpdbProfiles({
  ctx,
  input,
}: {
  ctx: AuthedContext;
  input: RpdbProfileDeleteManyInput;
}): Promise<RpdbProfile[]> {
  return inTransaction(ctx, async (tx) => {
    const p = await resolvePrincipal(ctx, tx.tx, input.accountId);
    const rows = await tx.tx
      .select(profileColumns)
      .from(rpdbProfiles)
      .where(and(inAccount(p), inArray(rpdbProfiles.id, input.ids)))
      .orderBy(asc(rpdbProfiles.id))
      .for('update', { of: rpdbProfiles });
    const found = new Set(rows.map((r) => r.id));
    const missing = input.ids.find((id) => !found.has(id));
    if (missing !== undefined) throw notFound(missing);
    await tx.tx.delete(rpdbProfiles).where(and(inAccount(p), inArray(rpdbProfiles.id, input.ids)));
    // One row per profile: each record's History shows its own deletion.
    await together(
      audit(tx, ...rows.map((before) => ({ action: 'rpdb.profile.delete', entityType: 'rpdb_profile', entityId: before.id, before }))),
      nextChange(tx.tx, p.workspaceId, `rpdb:${p.accountId}`),
    );
    return rows;
  });
}

import { flexcareLanguages, flexcareProfileLanguages } from '@profilehub/db';
import { and, asc, count, eq, ilike, sql } from 'drizzle-orm';
import type { z } from 'zod';
import type { AuthedContext } from '../../context';
import type {
  DialogLanguageCreateInput,
  DialogLanguagePageInput,
  DialogLanguageUpdateInput,
  FlexcareIdInput,
  FlexcareListInput,
} from '../../contract/flexcare';
import { ConflictError, NotFoundError } from '../../errors';
import { audit } from '../audit';
import { orderFor, pageOf, textFilter } from '../page';
import { inTransaction } from '../tx';
import { containsPattern, customerReachRaw, type FlexcareAccess, type FlexcareContext } from './access';
import { newObjectId, parseObjectId } from './ids';

// Dialog languages (seed 000 `api:flexcare:dialog:languages:*`). Languages are shared by the whole
// workspace; `totalProfiles` counts only the profiles the caller can see, so it never reveals another
// reseller's customers.

const l = flexcareLanguages;

const languageNotFound = (id?: string) => new NotFoundError('Language', id, 'LANGUAGE_NOT_FOUND');

// Correlated subqueries name the outer table literally: drizzle leaves columns unqualified in a
// single-table select, which would be ambiguous inside the subquery.
function totalProfiles(access: FlexcareAccess) {
  return sql<number>`(select count(*)::int from flexcare_profile_languages pl
    join flexcare_profiles p on p.workspace_id = pl.workspace_id and p.id = pl.profile_id
    join flexcare_customers c on c.workspace_id = p.workspace_id and c.id = p.customer_id
    where pl.workspace_id = flexcare_languages.workspace_id and pl.language_id = flexcare_languages.id${customerReachRaw(access)})`;
}

function languageColumns(access: FlexcareAccess) {
  return {
    id: l.id,
    name: l.name,
    nativeName: l.nativeName,
    code: l.code,
    country: l.country,
    keyboardCountry: l.keyboardCountry,
    keyboardLang: l.keyboardLang,
    model: l.model,
    speak: l.speak,
    translation: l.translation,
    verify: l.verify,
    voice: l.voice,
    keyboardConfigString: l.keyboardConfigString,
    disclaimer: l.disclaimer,
    totalProfiles: totalProfiles(access),
  };
}

const listItemColumns = (access: FlexcareAccess) => ({
  id: l.id,
  name: l.name,
  nativeName: l.nativeName,
  country: l.country,
  model: l.model,
  translation: l.translation,
  totalProfiles: totalProfiles(access),
});

export async function listLanguages({ ctx, input }: { ctx: FlexcareContext; input: z.infer<typeof FlexcareListInput> }) {
  const { offset, limit, filter } = input;
  const where = and(eq(l.workspaceId, ctx.actor.workspaceId), filter ? ilike(l.name, containsPattern(filter)) : undefined);
  const [totalRow] = await ctx.db.select({ n: count() }).from(l).where(where);
  const items = await ctx.db
    .select(listItemColumns(ctx.flexcare))
    .from(l)
    .where(where)
    .orderBy(asc(l.name), asc(l.id))
    .limit(limit)
    .offset(offset);
  return { offset, limit, total: totalRow?.n ?? 0, items };
}

/** The admin's table: the same rows, by name either way, filtered by name. */
export async function pageLanguages({ ctx, input }: { ctx: FlexcareContext; input: DialogLanguagePageInput }) {
  const where = and(eq(l.workspaceId, ctx.actor.workspaceId), textFilter(input.q, [l.name]));
  return pageOf(
    ctx.db
      .select(listItemColumns(ctx.flexcare))
      .from(l)
      .where(where)
      .orderBy(...orderFor(input, { name: [l.name] }, l.id))
      .limit(input.limit)
      .offset(input.offset),
    ctx.db.select({ n: count() }).from(l).where(where),
  );
}

async function selectLanguage(ctx: AuthedContext, db: AuthedContext['db'], access: FlexcareAccess, id: string) {
  const [row] = await db
    .select(languageColumns(access))
    .from(l)
    .where(and(eq(l.workspaceId, ctx.actor.workspaceId), eq(l.id, id)));
  return row;
}

export async function getLanguage({ ctx, input }: { ctx: FlexcareContext; input: FlexcareIdInput }) {
  const access = ctx.flexcare;
  const id = parseObjectId(input.id);
  const row = id ? await selectLanguage(ctx, ctx.db, access, id) : undefined;
  if (!row) throw languageNotFound(input.id);
  return row;
}

export async function createLanguage({ ctx, input }: { ctx: FlexcareContext; input: z.infer<typeof DialogLanguageCreateInput> }) {
  const access = ctx.flexcare;
  return inTransaction(ctx, async (tx) => {
    const id = newObjectId(ctx.now());
    await tx.tx.insert(l).values({ workspaceId: ctx.actor.workspaceId, id, ...input });
    const created = (await selectLanguage(tx, tx.tx, access, id))!;
    await audit(tx, { action: 'flexcare.language.create', entityType: 'flexcare_language', entityId: id, after: created });
    return created;
  });
}

export async function updateLanguage({ ctx, input }: { ctx: FlexcareContext; input: z.infer<typeof DialogLanguageUpdateInput> }) {
  const access = ctx.flexcare;
  const id = parseObjectId(input.id);
  if (!id) throw languageNotFound(input.id);
  const { id: _id, ...changes } = input;
  return inTransaction(ctx, async (tx) => {
    const [locked] = await tx.tx
      .select({ id: l.id })
      .from(l)
      .where(and(eq(l.workspaceId, ctx.actor.workspaceId), eq(l.id, id)))
      .for('update');
    if (!locked) throw languageNotFound(input.id);
    const before = await selectLanguage(tx, tx.tx, access, id);
    await tx.tx
      .update(l)
      .set({ ...changes, updatedAt: ctx.now() })
      .where(and(eq(l.workspaceId, ctx.actor.workspaceId), eq(l.id, id)));
    const after = (await selectLanguage(tx, tx.tx, access, id))!;
    await audit(tx, { action: 'flexcare.language.update', entityType: 'flexcare_language', entityId: id, before, after });
    return after;
  });
}

/** A language selected by any profile (visible or not) is refused with 409 `in_use` (decision 7.1). */
export async function deleteLanguage({ ctx, input }: { ctx: FlexcareContext; input: FlexcareIdInput }) {
  const access = ctx.flexcare;
  const id = parseObjectId(input.id);
  if (!id) throw languageNotFound(input.id);
  return inTransaction(ctx, async (tx) => {
    const [locked] = await tx.tx
      .select({ id: l.id })
      .from(l)
      .where(and(eq(l.workspaceId, ctx.actor.workspaceId), eq(l.id, id)))
      .for('update');
    if (!locked) throw languageNotFound(input.id);
    const [used] = await tx.tx
      .select({ n: count() })
      .from(flexcareProfileLanguages)
      .where(and(eq(flexcareProfileLanguages.workspaceId, ctx.actor.workspaceId), eq(flexcareProfileLanguages.languageId, id)));
    if ((used?.n ?? 0) > 0) throw new ConflictError('IN_USE', 'Language is used by one or more profiles', { profiles: used!.n });
    const before = await selectLanguage(tx, tx.tx, access, id);
    await tx.tx.delete(l).where(and(eq(l.workspaceId, ctx.actor.workspaceId), eq(l.id, id)));
    await audit(tx, { action: 'flexcare.language.delete', entityType: 'flexcare_language', entityId: id, before });
    return { success: true as const };
  });
}

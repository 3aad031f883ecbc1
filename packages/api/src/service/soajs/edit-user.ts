// URAC editUser and editUserConfig: each split into its checks, the merge into the stored record, and
// the save (pins included), so each rule reads on its own.
import { soajsGroups, soajsUsers } from '@profilehub/db';
import { and, eq, inArray, ne, sql } from 'drizzle-orm';
import { hashPassword } from '../../auth/password';
import type { AuthedContext } from '../../context';
import type { JsonObject, SoajsConfig, SoajsEditUserConfigInput, SoajsEditUserInput } from '../../contract/soajs';
import { audit } from '../audit';
import { inTransaction, type TxContext } from '../tx';
import { parseObjectId, resolveCaller, rethrowSaveFailure } from './common';
import { assertConfig, mergeConfig } from './config';
import { soajsError } from './errors';
import { reissueTenantPin, syncConfigPins } from './pins';
import { isObject, toUserRecord, type UserRow, userColumns } from './records';
import { assertUnlocked, inWorkspace, loadForUpdate, newPassword } from './users';

// ── editUser ────────────────────────────────────────────────────────────────────────────────────────────

type UserEdit = Omit<SoajsEditUserInput, 'config'> & { id: string; config?: SoajsConfig; passwordHash?: string };

/** The checks that need no stored record: the config's schema, the password pair (408), the id (411). */
async function validateEdit(input: SoajsEditUserInput): Promise<UserEdit> {
  const { config, ...rest } = input;
  if (config) assertConfig(config);
  const password = newPassword(input);
  const id = parseObjectId(input.uId);
  if (!id) throw soajsError('SOAJS_INVALID_USER_ID');
  return { ...rest, id, config, ...(password && { passwordHash: await hashPassword(password) }) };
}

/** Group codes belong to the user's tenant (each tenant has its own), whoever is editing (415). */
async function assertGroupsExist(tx: TxContext, user: UserRow, groups: string[]) {
  if (groups.length === 0) return;
  const wanted = [...new Set(groups)];
  const found = await tx.tx
    .select({ code: soajsGroups.code })
    .from(soajsGroups)
    .where(
      and(eq(soajsGroups.workspaceId, tx.actor.workspaceId), eq(soajsGroups.tenantId, user.tenantId), inArray(soajsGroups.code, wanted)),
    );
  if (found.length !== wanted.length) throw soajsError('SOAJS_GROUP_NOT_FOUND');
}

/** Usernames are unique in the workspace, case-insensitively (410). */
async function assertUsernameFree(tx: TxContext, userId: string, username: string) {
  const [taken] = await tx.tx
    .select({ id: soajsUsers.id })
    .from(soajsUsers)
    .where(and(inWorkspace(tx), ne(soajsUsers.id, userId), sql`lower(${soajsUsers.username}) = lower(${username})`))
    .limit(1);
  if (taken) throw soajsError('SOAJS_USERNAME_TAKEN');
}

/**
 * The record editUser writes. It replaces the whole record, so groups left out are cleared, as URAC does;
 * locked (root) users keep their status, groups and config whoever edits them.
 */
function mergeEdit(workspaceId: string, before: UserRow, edit: UserEdit) {
  return {
    username: edit.username,
    firstName: edit.firstName,
    lastName: edit.lastName,
    email: edit.email,
    ...(edit.profile && { profile: edit.profile }),
    ...(edit.passwordHash && { passwordHash: edit.passwordHash }),
    ...(!before.locked && { status: edit.status, groups: edit.groups ?? [] }),
    ...(!before.locked && edit.config && { config: mergeConfig(workspaceId, before.config, edit.config) }),
  };
}
type UserChanges = ReturnType<typeof mergeEdit>;

/** The tenant pin after the edit: `code: true` draws a new one (freeing the old), `allowed` is set as given. */
async function nextTenantPin(tx: TxContext, before: UserRow, pin: NonNullable<SoajsEditUserInput['pin']>): Promise<JsonObject> {
  const tenantPin: JsonObject = isObject(before.tenantPin) ? { ...before.tenantPin } : {};
  if (pin.code) tenantPin.code = await reissueTenantPin(tx, before);
  if (pin.allowed !== undefined) tenantPin.allowed = pin.allowed;
  return tenantPin;
}

/** Saves the edit; a value the store refuses (a pin or email another user has, NUL) answers 407. */
async function saveEdit(tx: TxContext, before: UserRow, changes: UserChanges, pin: SoajsEditUserInput['pin']): Promise<UserRow> {
  try {
    const tenantPin = pin && (await nextTenantPin(tx, before, pin));
    const [after] = await tx.tx
      .update(soajsUsers)
      .set({ ...changes, ...(tenantPin && { tenantPin }), updatedAt: tx.now() })
      .where(and(inWorkspace(tx), eq(soajsUsers.id, before.id)))
      .returning(userColumns);
    // A new tenant pin frees the old one, which a config entry of the same tenant may still hold.
    if (changes.config || pin?.code) await syncConfigPins(tx, after!, after!.config);
    return after!;
  } catch (err) {
    rethrowSaveFailure(err, 'SOAJS_SAVE_REFUSED');
  }
}

export async function editUser({ ctx, input }: { ctx: AuthedContext; input: SoajsEditUserInput }): Promise<true> {
  const edit = await validateEdit(input);
  const caller = await resolveCaller(ctx, input.tenantId);
  return inTransaction(ctx, async (tx) => {
    const before = await loadForUpdate(tx, edit.id);
    if (!before) throw soajsError('SOAJS_USER_NOT_FOUND');
    assertUnlocked(caller, before);
    await assertGroupsExist(tx, before, edit.groups ?? []);
    await assertUsernameFree(tx, before.id, edit.username);
    const after = await saveEdit(tx, before, mergeEdit(ctx.actor.workspaceId, before, edit), edit.pin);
    // The record as stored (text the store normalised, e.g. a lone surrogate, included), not the input.
    await audit(tx, {
      action: 'soajs.user.update',
      entityType: 'soajs_user',
      entityId: before.id,
      before: toUserRecord(before, true),
      after: { ...toUserRecord(after, true), ...(edit.passwordHash && { password: 'changed' }) },
    });
    return true as const;
  });
}

// ── editUserConfig ──────────────────────────────────────────────────────────────────────────────────────

export async function editUserConfig({ ctx, input }: { ctx: AuthedContext; input: SoajsEditUserConfigInput }): Promise<true> {
  const incoming = input.config;
  assertConfig(incoming);
  const id = parseObjectId(input.uId);
  if (!id) throw soajsError('SOAJS_INVALID_USER_ID');
  const caller = await resolveCaller(ctx, input.tenantId);
  return inTransaction(ctx, async (tx) => {
    const before = await loadForUpdate(tx, id);
    if (!before) throw soajsError('SOAJS_USER_NOT_FOUND');
    assertUnlocked(caller, before);
    const config = mergeConfig(ctx.actor.workspaceId, before.config, incoming);
    try {
      await tx.tx
        .update(soajsUsers)
        .set({ config, updatedAt: ctx.now() })
        .where(and(inWorkspace(ctx), eq(soajsUsers.id, id)));
      await syncConfigPins(tx, before, config);
    } catch (err) {
      rethrowSaveFailure(err, 'SOAJS_SAVE_REFUSED');
    }
    await audit(tx, { action: 'soajs.user.config', entityType: 'soajs_user', entityId: id, before: before.config, after: config });
    return true as const;
  });
}

// Elements of a request's `users` list: which entry each addresses, and the per-entry failure it answers
// when it addresses none (spec 4.2). Shared by the batch verbs and get.
import type { TwonBatchItem } from '../../contract/twon';
import { canonicalUuid, type EdirError } from './validate';

// The uuid of a failed entry is echoed as given; a scalar of another type as its text, an object or array not
// at all (serialising an arbitrarily deep value is what a hostile body would want).
export function failure(raw: unknown, errors: EdirError[]): TwonBatchItem {
  if (typeof raw === 'string') return { uuid: raw, errors };
  if (typeof raw === 'number' || typeof raw === 'boolean' || raw === null) return { uuid: String(raw), errors };
  return { errors };
}

// An element of `users` that is not an object at all (`null`, a number, an array) fails on its own.
export const NOT_AN_ENTRY: EdirError[] = [{ code: 'EDIR_FIELD_VALUE_ERROR' }];

export type EntryObject = Record<string, unknown>;

export function asEntry(raw: unknown): EntryObject | null {
  return typeof raw === 'object' && raw !== null && !Array.isArray(raw) ? (raw as EntryObject) : null;
}

/**
 * An element of an update/delete/get list: the entry object (if it is one), its canonical uuid (identity is
 * case-insensitive) and the uuid as this request spelled it (what the reply echoes).
 */
export type Addressed = { entry: EntryObject | null; uuid: string | null; spelled: string | null };

export function addressed(users: unknown[]): Addressed[] {
  return users.map((raw) => {
    const entry = asEntry(raw);
    const uuid = entry ? canonicalUuid(entry.uuid) : null;
    return { entry, uuid, spelled: uuid ? (entry!.uuid as string) : null };
  });
}

export function uuidsOf(items: { uuid: string | null }[]): string[] {
  return items.flatMap((i) => (i.uuid ? [i.uuid] : []));
}

/** Why an element does not address an existing entry; undefined when it does. */
export function addressError(item: Addressed, exists: (uuid: string) => boolean): TwonBatchItem | undefined {
  if (!item.entry) return failure(undefined, NOT_AN_ENTRY);
  if (!Object.hasOwn(item.entry, 'uuid')) return failure(undefined, [{ code: 'EDIR_UUID_IS_MISSING' }]);
  if (!item.uuid) return failure(item.entry.uuid, [{ code: 'EDIR_UUID_INVALID_FORMAT' }]);
  if (!exists(item.uuid)) return failure(item.entry.uuid, [{ code: 'EDIR_UUID_DOES_NOT_EXIST' }]);
  return undefined;
}

import { sql } from 'drizzle-orm';
import { bigint, boolean, index, integer, jsonb, pgTable, primaryKey, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { timestamps, workspaceRef } from './columns';

// 2N IP intercom directories (spec 4): one directory per emulated device. `series` identifies the device's
// timestamp sequence (a new one on reset); the timestamps themselves come from change_sequences, scope
// `twon:<directory id>`.
export const twonDirectories = pgTable(
  'twon_directories',
  {
    workspaceId: workspaceRef(),
    id: uuid().primaryKey().defaultRandom(),
    name: text().notNull(),
    /** Key of the per-model template (verso, style, base, …): decides which entry fields exist. */
    model: text().notNull(),
    /** Decimal string of an unsigned 64-bit number, as the device reports it. */
    series: text().notNull(),
    /** Live entries allowed; tombstones beyond it are purged oldest first. */
    capacity: integer().notNull().default(10_000),
    /**
     * Live entries and tombstones now, kept by every batch under the directory's row lock: a batch reads them
     * with the lock instead of counting the directory's rows (a count grows with the directory).
     */
    liveEntries: integer().notNull().default(0),
    tombstones: integer().notNull().default(0),
    /** `any` = Basic or Digest; `digest` = Digest only (Basic answers error 8, as a device set to Digest does). */
    authMode: text({ enum: ['any', 'digest'] })
      .notNull()
      .default('any'),
    ...timestamps,
  },
  (t) => [uniqueIndex('twon_directories_workspace_name_uq').on(t.workspaceId, t.name)],
);

// Device accounts. HTTP Basic/Digest carry no workspace, so the user name alone picks the account and with
// it the directory: user names are unique across the installation.
export const twonAccounts = pgTable(
  'twon_accounts',
  {
    workspaceId: workspaceRef(),
    id: uuid().primaryKey().defaultRandom(),
    directoryId: uuid()
      .notNull()
      .references(() => twonDirectories.id, { onDelete: 'cascade' }),
    username: text().notNull(),
    access: text({ enum: ['read', 'readwrite'] })
      .notNull()
      .default('read'),
    /** scrypt, for Basic. */
    passwordHash: text().notNull(),
    /**
     * MD5(username:realm:password): what Digest needs to verify a response without the password. It is
     * password-equivalent for this realm (anyone holding it can answer Digest challenges; inherent to
     * Digest), so a Basic-only account stores none: null.
     */
    digestHa1: text(),
    disabledAt: timestamp({ withTimezone: true }),
    ...timestamps,
  },
  (t) => [
    uniqueIndex('twon_accounts_username_uq').on(t.username),
    index('twon_accounts_workspace_directory_idx').on(t.workspaceId, t.directoryId),
  ],
);

// Directory entries. `data` holds the whole entry in its model's template shape minus uuid/deleted/timestamp
// (jsonb does not keep key order; the template gives it back on output). Deleted entries stay as tombstones.
export const twonEntries = pgTable(
  'twon_entries',
  {
    workspaceId: uuid().notNull(),
    directoryId: uuid()
      .notNull()
      .references(() => twonDirectories.id, { onDelete: 'cascade' }),
    /** Upper-case canonical form: the entry's identity (clients may spell a uuid in either case). */
    uuid: text().notNull(),
    /** The uuid as the create that made the entry spelled it; replies that name no uuid themselves use it. */
    spelling: text(),
    name: text().notNull().default(''),
    owner: text().notNull().default(''),
    data: jsonb().notNull(),
    deleted: boolean().notNull().default(false),
    ts: bigint({ mode: 'number' }).notNull(),
    ...timestamps,
  },
  (t) => [
    primaryKey({ columns: [t.workspaceId, t.directoryId, t.uuid] }),
    index('twon_entries_workspace_directory_ts_idx').on(t.workspaceId, t.directoryId, t.ts),
    index('twon_entries_workspace_directory_owner_idx').on(t.workspaceId, t.directoryId, t.owner).where(sql`not ${t.deleted}`),
  ],
);

export type TwonDirectory = typeof twonDirectories.$inferSelect;
export type TwonAccount = typeof twonAccounts.$inferSelect;
export type TwonEntryRow = typeof twonEntries.$inferSelect;

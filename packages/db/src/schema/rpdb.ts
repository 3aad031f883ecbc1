import { sql } from 'drizzle-orm';
import { foreignKey, index, integer, pgTable, primaryKey, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { rpdbRights } from '../enums';
import { timestamps, workspaceRef } from './columns';

// RPdb (rpjosh.de) emulation. Ids are integers on the wire, so every table has an identity column; the
// primary keys still lead with workspace_id so each workspace's rows stay together (Citus distribution key).

/** Rights an API key holds on an attribute, strongest first. [DOC rpdb.rpjosh.de/docs/api/api-key] */
export type RpdbRight = (typeof rpdbRights)[number];

/** An RPdb user account: owns attributes, profiles and API keys. Its password re-authorises keys. */
export const rpdbAccounts = pgTable(
  'rpdb_accounts',
  {
    workspaceId: workspaceRef(),
    id: integer().generatedAlwaysAsIdentity(),
    name: text().notNull(),
    passwordHash: text().notNull(),
    ...timestamps,
  },
  (t) => [primaryKey({ columns: [t.workspaceId, t.id] }), uniqueIndex('rpdb_accounts_name_uq').on(t.workspaceId, sql`lower(${t.name})`)],
);

export const rpdbAttributes = pgTable(
  'rpdb_attributes',
  {
    workspaceId: uuid().notNull(),
    id: integer().generatedAlwaysAsIdentity(),
    accountId: integer().notNull(),
    name: text().notNull(),
    // Applies to every key that has no explicit right on this attribute. [DOC attribute page: default all]
    defaultRight: text({ enum: rpdbRights }).notNull().default('all'),
    ...timestamps,
  },
  (t) => [
    primaryKey({ columns: [t.workspaceId, t.id] }),
    foreignKey({ columns: [t.workspaceId, t.accountId], foreignColumns: [rpdbAccounts.workspaceId, rpdbAccounts.id] }).onDelete('cascade'),
    uniqueIndex('rpdb_attributes_name_uq').on(t.workspaceId, t.accountId, t.name),
    index('rpdb_attributes_created_idx').on(t.workspaceId, t.accountId, t.createdAt, t.id),
  ],
);

// The 64-character key is shown once; we keep a display prefix and its SHA-256 (256 bits of entropy make a
// fast hash the right tool). A key is privileged for 30 minutes after `lastAuthorizedAt`.
export const rpdbApiKeys = pgTable(
  'rpdb_api_keys',
  {
    workspaceId: uuid().notNull(),
    id: integer().generatedAlwaysAsIdentity(),
    accountId: integer().notNull(),
    name: text().notNull(),
    prefix: text().notNull(),
    keyHash: text().notNull(),
    lastAuthorizedAt: timestamp({ withTimezone: true }),
    lastUsedAt: timestamp({ withTimezone: true }),
    revokedAt: timestamp({ withTimezone: true }),
    ...timestamps,
  },
  (t) => [
    primaryKey({ columns: [t.workspaceId, t.id] }),
    foreignKey({ columns: [t.workspaceId, t.accountId], foreignColumns: [rpdbAccounts.workspaceId, rpdbAccounts.id] }).onDelete('cascade'),
    // The key itself names the workspace, so this lookup is the one that cannot lead with workspace_id.
    uniqueIndex('rpdb_api_keys_hash_uq').on(t.keyHash),
    index('rpdb_api_keys_account_idx').on(t.workspaceId, t.accountId),
    // The admin's key table sorts by these.
    index('rpdb_api_keys_name_idx').on(t.workspaceId, t.accountId, t.name, t.id),
    index('rpdb_api_keys_created_idx').on(t.workspaceId, t.accountId, t.createdAt, t.id),
  ],
);

/** Explicit rights; where a key has no row for an attribute, the attribute's default_right applies. */
export const rpdbApiKeyRights = pgTable(
  'rpdb_api_key_rights',
  {
    workspaceId: uuid().notNull(),
    apiKeyId: integer().notNull(),
    attributeId: integer().notNull(),
    right: text({ enum: rpdbRights }).notNull(),
    ...timestamps,
  },
  (t) => [
    primaryKey({ columns: [t.workspaceId, t.apiKeyId, t.attributeId] }),
    foreignKey({ columns: [t.workspaceId, t.apiKeyId], foreignColumns: [rpdbApiKeys.workspaceId, rpdbApiKeys.id] }).onDelete('cascade'),
    foreignKey({ columns: [t.workspaceId, t.attributeId], foreignColumns: [rpdbAttributes.workspaceId, rpdbAttributes.id] }).onDelete(
      'cascade',
    ),
    index('rpdb_api_key_rights_attribute_idx').on(t.workspaceId, t.attributeId),
  ],
);

export const rpdbProfiles = pgTable(
  'rpdb_profiles',
  {
    workspaceId: uuid().notNull(),
    id: integer().generatedAlwaysAsIdentity(),
    accountId: integer().notNull(),
    name: text().notNull(),
    sortOrder: integer().notNull().default(0),
    ...timestamps,
  },
  (t) => [
    primaryKey({ columns: [t.workspaceId, t.id] }),
    foreignKey({ columns: [t.workspaceId, t.accountId], foreignColumns: [rpdbAccounts.workspaceId, rpdbAccounts.id] }).onDelete('cascade'),
    // "Unique name of a profile within a user account" [DOC]; the index also settles concurrent creates.
    uniqueIndex('rpdb_profiles_name_uq').on(t.workspaceId, t.accountId, t.name),
    index('rpdb_profiles_order_idx').on(t.workspaceId, t.accountId, t.sortOrder, t.id),
  ],
);

// `position` keeps the attribute ids in the order they were given (the doc example answers [5, 1]).
export const rpdbProfileAttributes = pgTable(
  'rpdb_profile_attributes',
  {
    workspaceId: uuid().notNull(),
    profileId: integer().notNull(),
    attributeId: integer().notNull(),
    position: integer().notNull(),
    ...timestamps,
  },
  (t) => [
    primaryKey({ columns: [t.workspaceId, t.profileId, t.attributeId] }),
    foreignKey({ columns: [t.workspaceId, t.profileId], foreignColumns: [rpdbProfiles.workspaceId, rpdbProfiles.id] }).onDelete('cascade'),
    foreignKey({ columns: [t.workspaceId, t.attributeId], foreignColumns: [rpdbAttributes.workspaceId, rpdbAttributes.id] }).onDelete(
      'cascade',
    ),
    index('rpdb_profile_attributes_attribute_idx').on(t.workspaceId, t.attributeId),
  ],
);

export type RpdbAccount = typeof rpdbAccounts.$inferSelect;
export type RpdbAttribute = typeof rpdbAttributes.$inferSelect;
export type RpdbApiKey = typeof rpdbApiKeys.$inferSelect;
export type RpdbProfile = typeof rpdbProfiles.$inferSelect;

export { rpdbRights };

import { sql } from 'drizzle-orm';
import { index, pgTable, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { accountRoles } from '../enums';
import { timestamps, workspaceRef } from './columns';

export type AccountRole = (typeof accountRoles)[number];

export const accounts = pgTable(
  'accounts',
  {
    workspaceId: workspaceRef(),
    id: uuid().primaryKey().defaultRandom(),
    username: text().notNull(),
    displayName: text().notNull().default(''),
    // scrypt (memory-hard) in PHC-like form: scrypt$N$r$p$salt$hash
    passwordHash: text().notNull(),
    role: text({ enum: accountRoles }).notNull().default('viewer'),
    disabledAt: timestamp({ withTimezone: true }),
    ...timestamps,
  },
  (t) => [
    uniqueIndex('accounts_workspace_username_uq').on(t.workspaceId, sql`lower(${t.username})`),
    // The admin's Accounts table sorts by these (then id, so no row sits on two pages).
    index('accounts_workspace_display_name_idx').on(t.workspaceId, t.displayName, t.id),
    index('accounts_workspace_created_idx').on(t.workspaceId, t.createdAt, t.id),
  ],
);

// Admin UI sessions. Only the SHA-256 of the cookie value is stored.
export const adminSessions = pgTable(
  'admin_sessions',
  {
    workspaceId: workspaceRef(),
    id: uuid().primaryKey().defaultRandom(),
    tokenHash: text().notNull().unique(),
    accountId: uuid()
      .notNull()
      .references(() => accounts.id, { onDelete: 'cascade' }),
    expiresAt: timestamp({ withTimezone: true }).notNull(),
    lastSeenAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    ...timestamps,
  },
  (t) => [index('admin_sessions_workspace_account_idx').on(t.workspaceId, t.accountId)],
);

// API tokens: the plaintext is shown once; we keep a display prefix and the SHA-256 of the whole token
// (tokens carry 256 bits of entropy, so a fast hash is the right tool, unlike passwords).
export const apiTokens = pgTable(
  'api_tokens',
  {
    workspaceId: workspaceRef(),
    id: uuid().primaryKey().defaultRandom(),
    accountId: uuid()
      .notNull()
      .references(() => accounts.id, { onDelete: 'cascade' }),
    name: text().notNull(),
    prefix: text().notNull(),
    tokenHash: text().notNull().unique(),
    scopes: text().array().notNull(),
    expiresAt: timestamp({ withTimezone: true }),
    lastUsedAt: timestamp({ withTimezone: true }),
    revokedAt: timestamp({ withTimezone: true }),
    ...timestamps,
  },
  (t) => [
    index('api_tokens_workspace_created_idx').on(t.workspaceId, t.createdAt),
    index('api_tokens_workspace_name_idx').on(t.workspaceId, t.name, t.id),
  ],
);

export type Account = typeof accounts.$inferSelect;
export type AdminSession = typeof adminSessions.$inferSelect;
export type ApiToken = typeof apiTokens.$inferSelect;

export { accountRoles };

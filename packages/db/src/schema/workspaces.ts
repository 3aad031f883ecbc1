import { pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';

// The isolation boundary: every tenant-owned row carries workspace_id and its keys lead with it.
export const workspaces = pgTable('workspaces', {
  id: uuid().primaryKey().defaultRandom(),
  slug: text().notNull().unique(),
  name: text().notNull(),
  createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  updatedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
});

export type Workspace = typeof workspaces.$inferSelect;

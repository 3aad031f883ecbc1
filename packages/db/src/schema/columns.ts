import { timestamp, uuid } from 'drizzle-orm/pg-core';
import { workspaces } from './workspaces';

/** The owning workspace: every tenant table leads its keys with it (the Citus distribution column). */
export const workspaceRef = () =>
  uuid()
    .notNull()
    .references(() => workspaces.id, { onDelete: 'cascade' });

/** `created_at` / `updated_at`, on every table. */
export const timestamps = {
  createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  updatedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
};

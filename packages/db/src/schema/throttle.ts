import { integer, pgTable, text, timestamp } from 'drizzle-orm/pg-core';
import { timestamps } from './columns';

// Failed credential checks, counted per key (an address, or an account name from an address) in a fixed
// window. Installation-wide, not per workspace: vendor credentials name no workspace until they are checked.
// In the database so every server instance on one PostgreSQL shares the counts.
export const authThrottle = pgTable('auth_throttle', {
  key: text().primaryKey(),
  failures: integer().notNull(),
  windowStartedAt: timestamp({ withTimezone: true }).notNull(),
  ...timestamps,
});

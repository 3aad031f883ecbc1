import { sql } from 'drizzle-orm';
import { check, pgTable, smallint, text } from 'drizzle-orm/pg-core';
import { timestamps } from './columns';

// One row: a check value derived from the server secret (PROFILEHUB_SECRET) the data was written with. A
// start with another secret is refused before it writes anything (it could not read the encrypted columns,
// and its pin digests would not match the stored ones).
export const serverSecret = pgTable(
  'server_secret',
  {
    id: smallint().primaryKey().default(1),
    check: text().notNull(),
    ...timestamps,
  },
  (t) => [check('server_secret_one_row', sql`${t.id} = 1`)],
);

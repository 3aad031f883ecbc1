import { type PGlite, protocol, type QueryOptions, type Results, type Transaction } from '@electric-sql/pglite';
import { shouldName } from './statements';

// Named statements on PGlite. PGlite's `query` runs every statement unnamed: it sends Parse, Describe, Bind,
// Describe, Execute and Sync as six calls into the WebAssembly PostgreSQL, which parses and plans the text
// every time, and then copies PGlite's whole table of type parsers (~300 entries) for drizzle's handful of
// overrides. An RPdb GET-by-id's query took ~450 µs that way; bound to a named statement and sent as one call
// (Bind, Execute, Sync), ~45 µs.
//
// drizzle's PGlite driver calls only `query` and `transaction` on its client; `namedStatements` gives it a
// client whose queries run as named statements (by the same rule as on PostgreSQL: statements.ts), each
// parsed and described once, and otherwise answers exactly as PGlite's own `query` does: same rows, same
// parsers and serializers, the same error (with the query attached), the same locking (a query outside a
// transaction waits for any transaction in progress) and the same sync to the file system after a query
// outside a transaction.

/** Most named statements kept; the least recently used is closed to make room. */
export const MAX_PGLITE_STATEMENTS = 500;

type Statement = {
  name: string;
  paramTypes: number[];
  fields: { name: string; dataTypeID: number }[];
};

type Queries = Pick<PGlite, 'query' | 'transaction'>;
type Runner = Pick<Transaction, 'query'>;

type Message = { name: string } & Record<string, unknown>;

// Where PostgreSQL refuses a named statement that no longer fits its tables (the routines postgres.js retries).
const STALE = new Set(['RevalidateCachedQuery', 'FetchPreparedStatement']);

const { serialize } = protocol;

/** What PGlite attaches to an error a query raised (its `query`, `params` and options), as its own `query` does. */
function withQuery(err: unknown, query: string, params: unknown[] | undefined, options: QueryOptions | undefined): unknown {
  if (err && typeof err === 'object' && 'code' in err) Object.assign(err, { query, params, queryOptions: options });
  return err;
}

export function namedStatements(client: PGlite, enabled = true): Queries {
  const statements = new Map<string, Statement>();
  let counter = 0;

  const exec = async (parts: Uint8Array[]) =>
    (await client.execProtocolStream(Buffer.concat(parts), { syncToFs: false })) as unknown as Message[];

  /** The named statement for `text`, parsed and described on first use. */
  async function statementFor(text: string): Promise<Statement> {
    const known = statements.get(text);
    if (known) {
      // Most recently used last, so the first is the one to close.
      statements.delete(text);
      statements.set(text, known);
      return known;
    }
    if (statements.size >= MAX_PGLITE_STATEMENTS) await forget(statements.keys().next().value!);
    const name = `ph_${++counter}`;
    // In a failed transaction Parse is refused with the error the statement would get unnamed (25P02).
    const messages = await exec([serialize.parse({ name, text }), serialize.describe({ type: 'S', name }), serialize.sync()]);
    const params = messages.find((m) => m.name === 'parameterDescription') as { dataTypeIDs: number[] } | undefined;
    const rows = messages.find((m) => m.name === 'rowDescription') as { fields: Statement['fields'] } | undefined;
    const statement: Statement = {
      name,
      paramTypes: params?.dataTypeIDs ?? [],
      fields: rows?.fields.map((f) => ({ name: f.name, dataTypeID: f.dataTypeID })) ?? [],
    };
    statements.set(text, statement);
    return statement;
  }

  async function forget(text: string) {
    const statement = statements.get(text);
    if (!statement) return;
    statements.delete(text);
    // Closing is only housekeeping: if it fails, the statement stays in PostgreSQL and nothing else changes.
    await exec([serialize.close({ type: 'S', name: statement.name }), serialize.sync()]).catch(() => {});
  }

  async function execute<T>(text: string, params: unknown[] | undefined, options: QueryOptions | undefined): Promise<Results<T>> {
    try {
      const statement = await statementFor(text);
      const values = (params ?? []).map((value, i) => {
        if (value === null || value === undefined) return null;
        const type = statement.paramTypes[i]!;
        const serializer = options?.serializers?.[type] ?? client.serializers[type];
        return serializer ? serializer(value) : (value as { toString(): string }).toString();
      });
      const messages = await exec([serialize.bind({ statement: statement.name, values }), serialize.execute({}), serialize.sync()]);
      return toResults<T>(statement.fields, messages, client, options);
    } catch (err) {
      throw withQuery(err, text, params, options);
    }
  }

  async function run<T>(text: string, params: unknown[] | undefined, options: QueryOptions | undefined, inTransaction: boolean) {
    try {
      return await execute<T>(text, params, options);
    } catch (err) {
      // A statement described before the tables it reads changed (a column added, say): PostgreSQL will not
      // return rows of another shape from it. Outside a transaction it is parsed afresh and run again, as
      // postgres.js does on PostgreSQL; inside one, the transaction has already failed.
      if (inTransaction || !STALE.has(String((err as { routine?: unknown }).routine))) throw err;
      await forget(text);
      return execute<T>(text, params, options);
    }
  }

  /** A query on `runner` (the client or an open transaction), named when the rule allows it. */
  async function query<T>(runner: Runner, inTransaction: boolean, text: string, params?: unknown[], options?: QueryOptions) {
    if (!shouldName(enabled, text, params)) return runner.query<T>(text, params, options);
    // Inside a transaction the transaction already holds PGlite; outside, the query waits for any transaction
    // in progress and is synced to the file system after, as PGlite's own query does.
    if (inTransaction) return client._runExclusiveQuery(() => run<T>(text, params, options, true));
    await client._checkReady();
    return client._runExclusiveTransaction(async () => {
      const result = await client._runExclusiveQuery(() => run<T>(text, params, options, false));
      await client.syncToFs();
      return result;
    });
  }

  return {
    query: (text, params, options) => query(client, false, text, params, options),
    transaction: (fn) =>
      client.transaction((tx) =>
        fn({
          query: async (text, params, options) => {
            if (tx.closed) throw new Error('Transaction is closed');
            return query(tx, true, text, params, options);
          },
          sql: tx.sql.bind(tx),
          exec: tx.exec.bind(tx),
          rollback: tx.rollback.bind(tx),
          listen: tx.listen.bind(tx),
          get closed() {
            return tx.closed;
          },
        }),
      ),
  };
}

/**
 * The result PGlite's `query` gives: rows as objects or arrays, each value through its column type's parser.
 * Written here rather than PGlite's exported `parseResults`, which copies the whole parser table whenever a
 * query passes overrides (drizzle's always do); here each column's parser is looked up once per result.
 */
function toResults<T>(fields: Statement['fields'], messages: Message[], client: PGlite, options: QueryOptions | undefined): Results<T> {
  const parsers = fields.map((f) => options?.parsers?.[f.dataTypeID] ?? client.parsers[f.dataTypeID]);
  const asArrays = options?.rowMode === 'array';
  const rows: unknown[] = [];
  for (const m of messages) {
    if (m.name === 'dataRow') {
      const values = (m as unknown as { fields: (string | null)[] }).fields;
      const row: unknown[] | Record<string, unknown> = asArrays ? [] : {};
      for (let i = 0; i < values.length; i++) {
        const raw = values[i]!;
        const parser = parsers[i];
        const value = raw === null ? null : parser ? parser(raw, fields[i]!.dataTypeID) : raw;
        if (asArrays) (row as unknown[]).push(value);
        else (row as Record<string, unknown>)[fields[i]!.name] = value;
      }
      rows.push(row);
    } else if (m.name === 'commandComplete') {
      // e.g. `SELECT 3`, `INSERT 0 1`, `UPDATE 2`: the command, and the rows it returned or changed.
      const words = String((m as unknown as { text: string }).text).split(' ');
      const command = words[0]!;
      const count = Number.parseInt(words.at(-1)!, 10);
      const changes = ['INSERT', 'UPDATE', 'DELETE', 'COPY', 'MERGE'].includes(command);
      const result = { rows: rows as T[], fields, command, affectedRows: changes ? count : 0 };
      return Number.isNaN(count) ? result : { ...result, rowCount: count };
    }
  }
  return { rows: rows as T[], fields, affectedRows: 0 };
}

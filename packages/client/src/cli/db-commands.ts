import { createReadStream } from 'node:fs';
import { open, rename, rm } from 'node:fs/promises';
import path from 'node:path';
import { createInterface } from 'node:readline';
import type { DbHandle } from '@profilehub/db';
import type { Command } from './commands';
import { compareDigests, digestDatabase } from './db/digest';
import { dumpStatements } from './db/dump';
import { openDatabase } from './db/open';
import { assertEmpty, RestoreRefused, restoreStatements } from './db/restore';
import { CliError, ExitCode } from './errors';
import { json, table } from './format';

function rootMessage(err: unknown): string {
  let current = err;
  for (let depth = 0; depth < 5 && (current as { cause?: unknown })?.cause instanceof Error; depth++) {
    current = (current as { cause: Error }).cause;
  }
  return (current instanceof Error ? current.message : String(current)).replace(/\s+/g, ' ').trim();
}

/** Runs `work` with the database open, turning driver failures into the CLI's exit codes. */
async function withDatabase<T>(handle: DbHandle, what: string, work: (handle: DbHandle) => Promise<T>): Promise<T> {
  const { isDatabaseUnavailable } = await import('@profilehub/db');
  try {
    return await work(handle);
  } catch (err) {
    if (err instanceof CliError) throw err;
    if (err instanceof RestoreRefused) throw new CliError(ExitCode.failure, err.message);
    if (isDatabaseUnavailable(err))
      throw new CliError(ExitCode.unreachable, `database unreachable (${handle.location}): ${rootMessage(err)}`);
    throw new CliError(ExitCode.failure, `${what} failed (${handle.location}): ${rootMessage(err)}`);
  } finally {
    await handle.close().catch(() => {});
  }
}

const dbDump: Command = {
  path: 'db dump',
  usage: 'db dump [FILE]',
  summary:
    'write every row of the database (DATABASE_URL, else the embedded PGlite folder) as SQL to FILE or stdout; on PGlite stop the server first',
  options: {},
  args: [{ name: 'FILE', required: false }],
  async run(ctx) {
    const file = ctx.args[0];
    const handle = await openDatabase(ctx.processEnv, { mustExist: true });
    await withDatabase(handle, 'dump', async () => {
      if (!file) {
        for await (const line of dumpStatements(handle.db, handle.location)) ctx.out(`${line}\n`);
        return;
      }
      // Written beside the target and renamed at the end: an interrupted dump never looks complete.
      const target = path.resolve(file);
      const partial = `${target}.partial`;
      const out = await open(partial, 'w', 0o600);
      try {
        for await (const line of dumpStatements(handle.db, handle.location)) {
          await out.write(`${line}\n`);
        }
        await out.sync();
      } catch (err) {
        await out.close();
        await rm(partial, { force: true });
        throw err;
      }
      await out.close();
      await rename(partial, target);
      const { tables } = await digestDatabase(handle.db);
      const rows = tables.reduce((n, t) => n + t.rows, 0);
      if (ctx.jsonOutput) return ctx.out(json({ file: target, database: handle.location, tables: tables.length, rows }));
      ctx.out(`dumped ${rows} rows of ${tables.length} tables from ${handle.location} to ${target}\n`);
    });
  },
};

async function* fileLines(file: string): AsyncGenerator<string> {
  const stream = createReadStream(file, 'utf8');
  yield* createInterface({ input: stream, crlfDelay: Number.POSITIVE_INFINITY });
}

const dbRestore: Command = {
  path: 'db restore',
  usage: 'db restore FILE',
  summary:
    'load a dump into an empty database (DATABASE_URL, else the embedded PGlite folder), migrating it first; on PGlite stop the server first',
  options: {},
  args: [{ name: 'FILE', required: true }],
  async run(ctx) {
    const file = path.resolve(ctx.args[0]!);
    try {
      await (await open(file, 'r')).close();
    } catch (err) {
      throw new CliError(ExitCode.notFound, `cannot read ${file}: ${(err as NodeJS.ErrnoException).code ?? (err as Error).message}`);
    }
    const handle = await openDatabase(ctx.processEnv);
    await withDatabase(handle, 'restore', async () => {
      await assertEmpty(handle.db, handle.location);
      await handle.migrate();
      const meta = await restoreStatements(handle.db, fileLines(file));
      const { tables } = await digestDatabase(handle.db);
      const problems = tables.filter((t) => (meta.tables[t.table] ?? 0) !== t.rows);
      if (problems.length > 0) {
        throw new CliError(
          ExitCode.failure,
          `restore verification failed: ${problems.map((t) => `${t.table} has ${t.rows} rows, the dump ${meta.tables[t.table] ?? 0}`).join('; ')}`,
        );
      }
      const rows = tables.reduce((n, t) => n + t.rows, 0);
      if (ctx.jsonOutput) return ctx.out(json({ file, database: handle.location, tables: tables.length, rows }));
      ctx.out(`restored ${rows} rows of ${tables.length} tables from ${file} into ${handle.location}\n`);
    });
  },
};

const dbCopy: Command = {
  path: 'db copy',
  usage: 'db copy --to postgres://USER@HOST:PORT/DATABASE',
  summary:
    'copy everything from the embedded database (or DATABASE_URL) into an empty PostgreSQL database, migrations included, and verify the copy; stop the server first',
  options: { to: { type: 'string' } },
  args: [],
  async run(ctx) {
    const to = typeof ctx.values.to === 'string' ? ctx.values.to : undefined;
    if (!to) throw new CliError(ExitCode.usage, 'db copy needs --to (e.g. --to postgres://postgres@127.0.0.1:5432/profilehub)');
    const targetHandle = await openDatabase(ctx.processEnv, { url: to });
    let sourceHandle: DbHandle;
    try {
      sourceHandle = await openDatabase(ctx.processEnv, { mustExist: true });
    } catch (err) {
      await targetHandle.close().catch(() => {});
      throw err;
    }
    await withDatabase(sourceHandle, 'copy', () =>
      withDatabase(targetHandle, 'copy', async () => {
        if (sourceHandle.location === targetHandle.location)
          throw new CliError(ExitCode.usage, 'db copy: source and target are the same database');
        await assertEmpty(targetHandle.db, targetHandle.location);
        await targetHandle.migrate();
        await restoreStatements(targetHandle.db, dumpStatements(sourceHandle.db, sourceHandle.location));
        const [source, target] = [await digestDatabase(sourceHandle.db), await digestDatabase(targetHandle.db)];
        const problems = compareDigests(source, target);
        if (problems.length > 0) {
          throw new CliError(
            ExitCode.failure,
            `copy verification failed (the target keeps what was copied; drop and recreate it before trying again): ${problems.join('; ')}`,
          );
        }
        const rows = source.tables.reduce((n, t) => n + t.rows, 0);
        const count = (name: string) => source.tables.find((t) => t.table === name)?.rows ?? 0;
        const summary = {
          source: sourceHandle.location,
          target: targetHandle.location,
          tables: source.tables.map((t) => ({ table: t.table, rows: t.rows, verified: true })),
          sequences: source.sequences,
          verified: true,
        };
        if (ctx.jsonOutput) return ctx.out(json(summary));
        ctx.out(
          `${table(
            [
              { header: 'table', value: (t: { table: string; rows: number }) => t.table },
              { header: 'rows', value: (t) => String(t.rows) },
              { header: 'check', value: () => 'same rows' },
            ],
            source.tables,
          )}\ncopied ${rows} rows of ${source.tables.length} tables from ${sourceHandle.location} to ${targetHandle.location}\n` +
            `verified: every table's rows identical (${count('accounts')} password hashes, ${count('api_tokens')} API token digests, ` +
            `${count('change_sequences')} change sequences), ${Object.keys(source.sequences).length} sequences at the same position\n` +
            `next: start the server with DATABASE_URL=${to.replace(/\/\/[^@/]*@/, '//…@')}\n`,
        );
      }),
    );
  },
};

export const dbCommands: Command[] = [dbDump, dbRestore, dbCopy];

import { readFile, rename, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { Command, CommandContext } from './commands';
import { formatCsv, parseCsv } from './csv';
import { CliError, ExitCode, UsageError } from './errors';
import { json } from './format';

// 2N directory import/export. Entries travel through the same batch procedures the device surface uses
// (twoN.dir.query / create / update), so every rule and per-row error code of the 2N API applies. CSV
// columns are the entry's leaf paths (`access.pin`, `callPos.0.peer`); the directory's template says which
// are booleans or numbers when a CSV is read back.

type Json = string | number | boolean | null | Json[] | { [key: string]: Json };
type Entry = Record<string, Json>;
type RowResult = { row: number; uuid?: string; timestamp?: number; errors?: { code: string; field?: string }[] };

/** Rows per call: 500 entries of a full 2N body stay well under the server's 1 MiB body limit. */
const BATCH_ROWS = 500;
const BOOKKEEPING = new Set(['timestamp', 'deleted']);
const uuidPattern = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

function formatOf(ctx: CommandContext, file: string | undefined): 'csv' | 'json' {
  const explicit = ctx.values.format;
  if (explicit !== undefined) {
    if (explicit !== 'csv' && explicit !== 'json') throw new UsageError(`--format must be csv or json, got "${explicit}"`, '');
    return explicit;
  }
  return file && path.extname(file).toLowerCase() === '.csv' ? 'csv' : 'json';
}

function directoryId(ctx: CommandContext): string {
  const id = ctx.args[0]!;
  if (!uuidPattern.test(id))
    throw new CliError(ExitCode.notFound, `no 2N directory with id "${id}" (ids are UUIDs; see "profilehub twon directory list")`);
  return id;
}

/** Leaf paths of a JSON value in document order: `{a:{b:1},c:[x,y]}` → a.b, c.0, c.1. */
export function leafPaths(value: Json, prefix = ''): string[] {
  if (Array.isArray(value)) return value.flatMap((v, i) => leafPaths(v, `${prefix}${i}.`));
  if (value && typeof value === 'object') return Object.entries(value).flatMap(([k, v]) => leafPaths(v, `${prefix}${k}.`));
  return [prefix.slice(0, -1)];
}

function at(value: Json | undefined, dotted: string): Json | undefined {
  let current: Json | undefined = value;
  for (const key of dotted.split('.')) {
    if (current === null || typeof current !== 'object') return undefined;
    current = Array.isArray(current) ? current[Number(key)] : current[key];
  }
  return current;
}

function cellText(value: Json | undefined): string {
  if (value === undefined || value === null) return '';
  return typeof value === 'string' ? value : JSON.stringify(value);
}

/** One CSV cell back to the template's type at that path; empty non-string cells are left out. */
function typedCell(text: string, sample: Json | undefined, column: string, line: number): Json | undefined {
  if (typeof sample === 'boolean') {
    if (text === '') return undefined;
    if (text === 'true' || text === 'false') return text === 'true';
    throw new UsageError(`line ${line}: column ${column} must be true or false, got "${text}"`, '');
  }
  if (typeof sample === 'number') {
    if (text === '') return undefined;
    const n = Number(text);
    if (!Number.isFinite(n)) throw new UsageError(`line ${line}: column ${column} must be a number, got "${text}"`, '');
    return n;
  }
  return text;
}

function setPath(target: Entry, dotted: string, value: Json, template: Json): void {
  const keys = dotted.split('.');
  let node: Json = target;
  let shape: Json | undefined = template;
  keys.forEach((key, i) => {
    const last = i === keys.length - 1;
    const nextShape: Json | undefined =
      shape && typeof shape === 'object' ? (Array.isArray(shape) ? (shape[Number(key)] ?? shape[0]) : shape[key]) : undefined;
    const container = node as Record<string, Json> & Json[];
    const slot = Array.isArray(node) ? Number(key) : key;
    if (last) container[slot as never] = value as never;
    else {
      if (container[slot as never] === undefined) {
        // An array starts as the template's (its defaults), so a CSV can set one element of callPos.
        container[slot as never] = (Array.isArray(nextShape) ? structuredClone(nextShape) : {}) as never;
      }
      node = container[slot as never] as Json;
    }
    shape = nextShape;
  });
}

function entriesFromCsv(text: string, template: Entry): Entry[] {
  let rows: string[][];
  try {
    rows = parseCsv(text);
  } catch (err) {
    throw new UsageError(`not a CSV file: ${(err as Error).message}`, '');
  }
  const [header, ...body] = rows;
  if (!header || header.length === 0) throw new UsageError('the CSV file is empty (a header line names the columns)', '');
  const known = new Set(leafPaths(template));
  const unknown = header.filter((c) => c !== 'uuid' && !known.has(c));
  if (unknown.length > 0)
    throw new UsageError(
      `unknown CSV column(s) for this directory's model: ${unknown.join(', ')}`,
      '"profilehub twon export DIR --format csv" shows the columns',
    );
  return body
    .filter((r) => r.some((cell) => cell !== ''))
    .map((r, index) => {
      const entry: Entry = {};
      header.forEach((column, c) => {
        // An empty cell, or the model's default, is left to the device: an export lists every field, and
        // the device refuses some defaults it renders (e.g. treepath) when they are sent back.
        const sample = at(template, column);
        const value = r[c] === '' ? undefined : typedCell(r[c] ?? '', sample, column, index + 2);
        if (value !== undefined && value !== sample) setPath(entry, column, value, template);
      });
      return entry;
    });
}

/** The parts of `value` that differ from `template`; undefined when nothing does. Arrays are kept whole. */
function withoutDefaults(value: Json, template: Json | undefined, key = ''): Json | undefined {
  if (key === 'uuid') return value;
  if (value && typeof value === 'object' && !Array.isArray(value) && template && typeof template === 'object' && !Array.isArray(template)) {
    const kept = Object.entries(value).flatMap(([k, v]) => {
      const rest = withoutDefaults(v, template[k], k);
      return rest === undefined ? [] : [[k, rest] as const];
    });
    return kept.length > 0 ? Object.fromEntries(kept) : undefined;
  }
  return JSON.stringify(value) === JSON.stringify(template) ? undefined : value;
}

function entriesFromJson(text: string): Entry[] {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (err) {
    throw new UsageError(`not a JSON file: ${(err as Error).message}`, '');
  }
  const list = Array.isArray(parsed) ? parsed : (parsed as { users?: unknown })?.users;
  if (!Array.isArray(list) || list.some((e) => typeof e !== 'object' || e === null || Array.isArray(e))) {
    throw new UsageError('a JSON import is an array of entry objects (or {"users": [...]})', '');
  }
  return list as Entry[];
}

function bar(done: number, total: number): string {
  const width = 30;
  const filled = total === 0 ? width : Math.round((done / total) * width);
  return `[${'#'.repeat(filled)}${'-'.repeat(width - filled)}] ${done}/${total}`;
}

const twonExport: Command = {
  path: 'twon export',
  usage: 'twon export DIRECTORY_ID [FILE] [--format csv|json]',
  summary: "write a 2N directory's entries as JSON or CSV (by FILE's extension or --format) to FILE or stdout",
  options: { format: { type: 'string' } },
  args: [
    { name: 'DIRECTORY_ID', required: true },
    { name: 'FILE', required: false },
  ],
  async run(ctx) {
    const directory = directoryId(ctx);
    const file = ctx.args[1];
    const format = formatOf(ctx, file);
    const client = ctx.client();
    const answer = await client.twoN.dir.query.query({ directoryId: directory, iterator: { timestamp: 0 } }).catch((err: unknown) => {
      if ((err as { data?: { code?: string } }).data?.code === 'NOT_FOUND')
        throw new CliError(ExitCode.notFound, `no 2N directory with id ${directory}`);
      throw err;
    });
    const entries = (answer.users as Entry[])
      .filter((e) => e.deleted !== true)
      .map((e) => Object.fromEntries(Object.entries(e).filter(([k]) => !BOOKKEEPING.has(k))) as Entry);
    const { users } = await client.twoN.dir.template.query({ directoryId: directory });
    const template = Object.fromEntries(Object.entries(users[0] as Entry).filter(([k]) => !BOOKKEEPING.has(k))) as Entry;
    let text: string;
    // JSON lists only what differs from the model's defaults (what an import needs); CSV has every column.
    if (format === 'json') text = json(entries.map((e) => withoutDefaults(e, template) ?? {}));
    else {
      const columns = ['uuid', ...leafPaths(template).filter((c) => c !== 'uuid')];
      text = formatCsv([columns, ...entries.map((e) => columns.map((c) => cellText(at(e, c))))]);
    }
    if (!file) return ctx.out(text);
    const target = path.resolve(file);
    await writeFile(`${target}.partial`, text);
    await rename(`${target}.partial`, target);
    ctx.note(`exported ${entries.length} entries of directory ${directory} to ${target}`);
  },
};

const twonImport: Command = {
  path: 'twon import',
  usage: 'twon import DIRECTORY_ID FILE [--format csv|json] [--update]',
  summary:
    'create (or with --update change) 2N entries from a JSON or CSV file, in batches; prints per-row results and exits 1 if any row was rejected',
  options: { format: { type: 'string' }, update: { type: 'boolean' } },
  args: [
    { name: 'DIRECTORY_ID', required: true },
    { name: 'FILE', required: true },
  ],
  async run(ctx) {
    const directory = directoryId(ctx);
    const file = path.resolve(ctx.args[1]!);
    const format = formatOf(ctx, file);
    let text: string;
    try {
      text = await readFile(file, 'utf8');
    } catch (err) {
      throw new CliError(ExitCode.notFound, `cannot read ${file}: ${(err as NodeJS.ErrnoException).code ?? (err as Error).message}`);
    }
    const client = ctx.client();
    const template = await client.twoN.dir.template.query({ directoryId: directory }).catch((err: unknown) => {
      if ((err as { data?: { code?: string } }).data?.code === 'NOT_FOUND')
        throw new CliError(ExitCode.notFound, `no 2N directory with id ${directory}`);
      throw err;
    });
    const entries = format === 'csv' ? entriesFromCsv(text, template.users[0] as Entry) : entriesFromJson(text);
    const update = ctx.values.update === true;
    const results: RowResult[] = [];
    ctx.progress(bar(0, entries.length));
    for (let start = 0; start < entries.length; start += BATCH_ROWS) {
      const users = entries.slice(start, start + BATCH_ROWS);
      const answer = update
        ? await client.twoN.dir.update.mutate({ directoryId: directory, users })
        : await client.twoN.dir.create.mutate({ directoryId: directory, users });
      for (const [i, item] of (answer.users ?? []).entries()) results.push({ row: start + i + 1, ...(item as Omit<RowResult, 'row'>) });
      ctx.progress(bar(Math.min(start + BATCH_ROWS, entries.length), entries.length));
    }
    ctx.progress('');
    const rejected = results.filter((r) => r.errors && r.errors.length > 0);
    if (ctx.jsonOutput) ctx.out(json(results));
    else {
      for (const r of rejected) {
        const why = r.errors!.map((e) => (e.field ? `${e.code} (${e.field})` : e.code)).join(', ');
        ctx.out(`row ${r.row}${r.uuid ? ` (${r.uuid})` : ''}: ${why}\n`);
      }
      ctx.out(
        `${update ? 'updated' : 'imported'} ${results.length - rejected.length} of ${entries.length} entries into directory ${directory}${rejected.length ? `; ${rejected.length} rejected` : ''}\n`,
      );
    }
    if (rejected.length > 0) throw new CliError(ExitCode.failure, `${rejected.length} of ${entries.length} rows rejected`);
  },
};

export const twonTransferCommands: Command[] = [twonExport, twonImport];

export type Column<T> = { header: string; value: (row: T) => string };

/** Plain-text table: upper-case headers, columns padded to their widest cell, two spaces apart. */
export function table<T>(columns: Column<T>[], rows: T[]): string {
  const cells = [columns.map((c) => c.header.toUpperCase()), ...rows.map((r) => columns.map((c) => oneLine(c.value(r))))];
  const widths = columns.map((_, i) => Math.max(...cells.map((row) => row[i]!.length)));
  const lines = cells.map((row) => row.map((cell, i) => (i === row.length - 1 ? cell : cell.padEnd(widths[i]!))).join('  '));
  return `${lines.join('\n')}\n`;
}

/** `key  value` lines for a single record. */
export function fields(entries: [string, string][]): string {
  const width = Math.max(...entries.map(([k]) => k.length));
  return `${entries.map(([k, v]) => `${k.padEnd(width)}  ${oneLine(v)}`).join('\n')}\n`;
}

// A name with a newline in it would break the columns of every row after it.
function oneLine(value: string): string {
  return value.replace(/[\r\n\t]+/g, ' ');
}

/** UTC to the second, so a table reads the same on every machine. */
export function formatDate(value: Date | null | undefined, empty = '-'): string {
  if (!value) return empty;
  return value.toISOString().replace(/\.\d{3}Z$/, 'Z');
}

export function json(value: unknown): string {
  return `${JSON.stringify(value, null, 2)}\n`;
}

import Papa from 'papaparse';

// CSV for 2N entries: the header names entry fields by path (`name`, `access.pin`, `access.code[0]`), which
// the service accepts as flat dotted keys, so a row maps to an entry object without guessing.

/** RFC 4180 rows (quoted fields, doubled quotes, CRLF or LF line ends; blank lines skipped), by papaparse. */
export function parseCsv(text: string): string[][] {
  return Papa.parse<string[]>(text, { skipEmptyLines: 'greedy' }).data;
}

/** Rows as RFC 4180 CSV with CRLF line ends (fields with a comma, quote or line break quoted). */
export function toCsv(rows: string[][]): string {
  return `${Papa.unparse(rows, { newline: '\r\n' })}\r\n`;
}

type Json = string | number | boolean | null | Json[] | { [key: string]: Json };

// Boolean columns are written as true/false; everything else in the template is text (validFrom/validTo too).
function cellValue(template: Json | undefined, raw: string): Json {
  if (typeof template === 'boolean') return raw.trim().toLowerCase() === 'true' || raw.trim() === '1';
  if (typeof template === 'number') return Number(raw);
  return raw;
}

/** The template value at a field path, or undefined when the model has no such field. */
export function templateAt(template: Record<string, Json>, path: string): Json | undefined {
  let node: Json | undefined = template;
  for (const part of path.split('.')) {
    const m = /^([A-Za-z][A-Za-z0-9]*)(?:\[(\d+)\])?$/.exec(part);
    if (!m || node === null || typeof node !== 'object' || Array.isArray(node)) return undefined;
    node = (node as Record<string, Json>)[m[1]!];
    if (m[2] !== undefined) node = Array.isArray(node) ? node[Number(m[2])] : undefined;
  }
  return node;
}

/** CSV rows → entry objects (empty cells are left out, so an import never blanks a field by accident). */
export function rowsToEntries(rows: string[][], template: Record<string, Json>): { header: string[]; entries: Record<string, Json>[] } {
  const [header = [], ...data] = rows;
  const columns = header.map((h) => h.trim());
  const entries = data.map((cells) => {
    const entry: Record<string, Json> = {};
    columns.forEach((col, i) => {
      const raw = cells[i] ?? '';
      if (col === '' || raw === '') return;
      entry[col] = col === 'uuid' ? raw.trim() : cellValue(templateAt(template, col), raw);
    });
    return entry;
  });
  return { header: columns, entries };
}

/** Every leaf path of a template (`access.code[2]`), in template order; uuid first, bookkeeping left out. */
export function leafPaths(template: Record<string, Json>): string[] {
  const out: string[] = [];
  const walk = (node: Json, path: string) => {
    if (Array.isArray(node)) {
      for (const [i, el] of node.entries()) walk(el, `${path}[${i}]`);
    } else if (node !== null && typeof node === 'object') for (const [k, v] of Object.entries(node)) walk(v, path ? `${path}.${k}` : k);
    else out.push(path);
  };
  for (const [k, v] of Object.entries(template)) if (k !== 'deleted' && k !== 'timestamp') walk(v, k);
  return out;
}

export function valueAt(entry: Record<string, Json>, path: string): Json | undefined {
  return templateAt(entry, path);
}

// CSV for 2N entries: the header names entry fields by path (`name`, `access.pin`, `access.code[0]`), which
// the service accepts as flat dotted keys, so a row maps to an entry object without guessing.

/** RFC 4180 parsing: quoted fields, doubled quotes, CRLF or LF line ends. */
export function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') {
        field += '"';
        i++;
      } else if (c === '"') quoted = false;
      else field += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') {
      row.push(field);
      field = '';
    } else if (c === '\n' || c === '\r') {
      if (c === '\r' && text[i + 1] === '\n') i++;
      row.push(field);
      rows.push(row);
      row = [];
      field = '';
    } else field += c;
  }
  if (field !== '' || row.length > 0) {
    row.push(field);
    rows.push(row);
  }
  return rows.filter((r) => r.some((v) => v.trim() !== ''));
}

function csvCell(value: string): string {
  return /[",\r\n]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value;
}

export function toCsv(rows: string[][]): string {
  return `${rows.map((r) => r.map(csvCell).join(',')).join('\r\n')}\r\n`;
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

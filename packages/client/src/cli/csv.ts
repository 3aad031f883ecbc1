// RFC 4180 CSV by papaparse: fields with a comma, quote or line break are quoted, quotes doubled.
import Papa from 'papaparse';

export function formatCsv(rows: string[][]): string {
  return rows.length > 0 ? `${Papa.unparse(rows, { newline: '\r\n' })}\r\n` : '';
}

/** RFC 4180 rows, one per line as written (a blank line is a row of one empty field); throws on an unterminated quote. */
export function parseCsv(text: string): string[][] {
  const body = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text; // a BOM from spreadsheet exports
  const { data, errors } = Papa.parse<string[]>(body, { skipEmptyLines: false });
  if (errors.some((e) => e.code === 'MissingQuotes')) throw new Error('unterminated quoted field at the end of the file');
  // The line break that ends the last row opens no row of its own.
  return /[\r\n]$/.test(body) ? data.slice(0, -1) : data;
}

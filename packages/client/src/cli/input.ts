import { readFile } from 'node:fs/promises';
import { UsageError } from './errors';

/** `--input`: a JSON object inline, `@FILE` to read one from a file, or `-` for stdin. */
export async function readJsonInput(raw: string | undefined, readStdin: () => Promise<string>): Promise<Record<string, unknown>> {
  if (raw === undefined) return {};
  let text = raw;
  if (raw === '-') text = await readStdin();
  else if (raw.startsWith('@')) {
    try {
      text = await readFile(raw.slice(1), 'utf8');
    } catch (err) {
      throw new UsageError(
        `cannot read --input file ${raw.slice(1)}: ${(err as NodeJS.ErrnoException).code ?? (err as Error).message}`,
        '',
      );
    }
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (err) {
    throw new UsageError(`--input is not valid JSON: ${(err as Error).message}`, 'e.g. --input \'{"name":"x"}\'');
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
    throw new UsageError("--input must be a JSON object (the procedure's input)", '');
  }
  return parsed as Record<string, unknown>;
}

import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { CliEnv } from './env';
import { CliError, ExitCode, UsageError } from './errors';

// Mirrors `dataDir()` of @profilehub/db; importing that package would load both database drivers just to
// compute a path.
const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../..');

export function demoCredentialsPath(env: CliEnv): string {
  return path.join(path.resolve(env.PROFILEHUB_DATA_DIR ?? path.join(repoRoot, '.data')), 'demo-credentials.json');
}

export type Connection = { url: string; token: string };

type DemoApi = { url: string; token: string };

function readDemoApi(file: string): DemoApi | null {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw new CliError(ExitCode.failure, `cannot read ${file}: ${(err as Error).message}`);
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    throw new CliError(ExitCode.failure, `${file} is not valid JSON`);
  }
  const api = (parsed as { api?: { url?: unknown; token?: unknown } } | null)?.api;
  if (typeof api?.url !== 'string' || typeof api.token !== 'string') return null;
  return { url: api.url, token: api.token };
}

function sameOrigin(a: string, b: string): boolean {
  try {
    return new URL(a).origin === new URL(b).origin;
  } catch {
    return false;
  }
}

/**
 * Server URL and token from flags, then the environment, then the demo credentials the server wrote on
 * first start. The demo token is only ever sent to the demo server's own origin.
 */
export function resolveConnection(flags: { url?: string; token?: string }, env: CliEnv, note: (line: string) => void): Connection {
  let url = flags.url ?? env.PROFILEHUB_URL;
  let token = flags.token ?? env.PROFILEHUB_TOKEN;
  if (!url || !token) {
    const file = demoCredentialsPath(env);
    const demo = readDemoApi(file);
    if (!url && !token) {
      if (!demo)
        throw new UsageError(
          `no server configured: pass --url and --token or set PROFILEHUB_URL and PROFILEHUB_TOKEN (no demo credentials in ${file})`,
          '',
        );
      ({ url, token } = demo);
      note(`using the demo API token and URL from ${file}`);
    } else if (!token) {
      if (!demo || !sameOrigin(demo.url, url!)) throw new UsageError('no API token: pass --token or set PROFILEHUB_TOKEN', '');
      token = demo.token;
      note(`using the demo API token from ${file}`);
    } else {
      if (!demo) throw new UsageError('no server URL: pass --url or set PROFILEHUB_URL', '');
      url = demo.url;
      note(`using the demo server URL from ${file}`);
    }
  }
  let parsed: URL;
  try {
    parsed = new URL(url!);
  } catch {
    throw new UsageError(`invalid server URL "${url}"`, 'expected something like http://localhost:3100');
  }
  if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') {
    throw new UsageError(`invalid server URL "${url}"`, 'expected an http:// or https:// URL');
  }
  return { url: url!.replace(/\/+$/, ''), token: token! };
}

// Drives load with wrk (a separate process, so the load generator never shares an event loop with the
// server under test) and parses its summary.
import { spawn } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import path from 'node:path';

export type RequestSpec = {
  method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  path: string;
  headers?: Record<string, string>;
  /** `{{n}}` is replaced by a per-request counter (creates stay distinct). */
  body?: string;
};

export type LoadResult = {
  rps: number;
  p50Ms: number;
  p99Ms: number;
  requests: number;
  /** Answers that were not 2xx/3xx, plus socket errors and timeouts. */
  failed: number;
  /** Status and start of the body of the first answer that was not 2xx/3xx. */
  firstFailure?: string;
  /**
   * The server process's CPU time per request (user + system, ms): what a request costs the server, which
   * the shared machine's load disturbs far less than req/s.
   */
  cpuMsPerRequest?: number;
};

const luaString = (s: string) => `[==[${s}]==]`;

function luaScript(spec: RequestSpec, tag: string): string {
  const headers = Object.entries(spec.headers ?? {})
    .map(([k, v]) => `[ ${luaString(k)} ] = ${luaString(v)}`)
    .join(', ');
  const body = spec.body === undefined ? 'nil' : luaString(spec.body);
  // A per-run tag keeps created names unique across runs against one database.
  return `local counter = 0
local headers = { ${headers} }
local body = ${body}
request = function()
  counter = counter + 1
  local b = nil
  if body then b = string.gsub(body, "{{n}}", ${luaString(tag)} .. counter) end
  return wrk.format(${luaString(spec.method)}, ${luaString(spec.path)}, headers, b)
end
local reported = false
response = function(status, hdrs, resbody)
  if status >= 300 and not reported then
    reported = true
    io.write("FIRST-FAILURE " .. status .. " " .. string.gsub(string.sub(resbody or "", 1, 300), "%s+", " ") .. "\\n")
  end
end
`;
}

function ms(value: string, unit: string): number {
  const n = Number(value);
  if (unit === 'us') return n / 1000;
  if (unit === 's') return n * 1000;
  if (unit === 'm') return n * 60_000;
  return n;
}

export function parseWrk(out: string): LoadResult {
  const rps = Number(/Requests\/sec:\s+([\d.]+)/.exec(out)?.[1] ?? 0);
  const pct = (p: string) => {
    const m = new RegExp(`^\\s+${p}%\\s+([\\d.]+)(us|ms|s|m)`, 'm').exec(out);
    return m ? ms(m[1]!, m[2]!) : Number.NaN;
  };
  const requests = Number(/(\d+) requests in/.exec(out)?.[1] ?? 0);
  const non2xx = Number(/Non-2xx or 3xx responses:\s+(\d+)/.exec(out)?.[1] ?? 0);
  const socket = /Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)/.exec(out);
  const socketErrors = socket ? socket.slice(1).reduce((a, b) => a + Number(b), 0) : 0;
  const firstFailure = /^FIRST-FAILURE (.*)$/m.exec(out)?.[1];
  return { rps, p50Ms: pct('50'), p99Ms: pct('99'), requests, failed: non2xx + socketErrors, firstFailure };
}

export async function runWrk(
  base: string,
  spec: RequestSpec,
  opts: { seconds: number; connections: number; tmpDir: string; tag: string },
): Promise<LoadResult> {
  const script = path.join(opts.tmpDir, `${opts.tag}.lua`);
  writeFileSync(script, luaScript(spec, opts.tag));
  const args = ['-t1', `-c${opts.connections}`, `-d${opts.seconds}s`, '--timeout', '10s', '--latency', '-s', script, base];
  const out = await new Promise<string>((resolve, reject) => {
    const child = spawn('wrk', args, { stdio: ['ignore', 'pipe', 'pipe'] });
    let text = '';
    child.stdout.on('data', (d) => {
      text += d;
    });
    child.stderr.on('data', (d) => {
      text += d;
    });
    child.on('error', reject);
    child.on('close', (code) => (code === 0 ? resolve(text) : reject(new Error(`wrk exited ${code}: ${text}`))));
  });
  writeFileSync(path.join(opts.tmpDir, `${opts.tag}.out`), out);
  // wrk runs its default GET / when the script does not load: that would measure the wrong request.
  if (out.includes(`${script}:`)) throw new Error(`wrk could not load its script: ${out.split('\n')[0]}`);
  return parseWrk(out);
}

/**
 * Slices of one case, measured in turns with another server's slices: requests over the whole time, the
 * median slice's p50 and the worst slice's p99, every failure counted.
 */
export function combine(parts: LoadResult[], secondsEach: number): LoadResult {
  const requests = parts.reduce((n, p) => n + p.requests, 0);
  const p50s = parts.map((p) => p.p50Ms).sort((a, b) => a - b);
  return {
    rps: requests / (secondsEach * parts.length),
    p50Ms: p50s[Math.floor(p50s.length / 2)] ?? Number.NaN,
    p99Ms: Math.max(...parts.map((p) => p.p99Ms)),
    requests,
    failed: parts.reduce((n, p) => n + p.failed, 0),
    firstFailure: parts.find((p) => p.firstFailure)?.firstFailure,
    cpuMsPerRequest: requests > 0 ? parts.reduce((n, p) => n + (p.cpuMsPerRequest ?? Number.NaN) * p.requests, 0) / requests : Number.NaN,
  };
}

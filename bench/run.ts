// `npm run bench`: the request-path benchmark. In one run it starts the raw baseline (bench/baseline-server.ts),
// the real server on PostgreSQL and then on PGlite (separate processes, the production start command), drives
// each case with wrk, folds in the 2N 10k-entry update benchmark, and prints (and writes to BENCHMARKS.md)
// req/s, p50/p99 and the ratio to the baseline measured in the same run, peak RSS and start-to-ready.
//
//   npm run bench                     # full run (BENCH_SECONDS per case, default 5), rewrites BENCHMARKS.md
//   npm run bench -- --smoke          # about a second per case, no thresholds, writes nothing (CI)
//   BENCH_DATABASE_URL=postgres://…   # the PostgreSQL server to create the throwaway bench database on
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import postgres from 'postgres';
import { buildCases, type Case } from './cases';
import { type Child, cpuMs, freePort, peakRssMb, startChild, stopChild, waitUntilOk } from './lib/process';
import { combine, type LoadResult, type RequestSpec, runWrk } from './lib/wrk';
import { serverCommand } from './server-command';

const root = path.resolve(import.meta.dirname, '..');
// Another checkout to measure (e.g. a copy of main for a before/after comparison in one sitting).
const serverRoot = process.env.BENCH_SERVER_ROOT ? path.resolve(process.env.BENCH_SERVER_ROOT) : root;
const smoke = process.argv.includes('--smoke');
const SECONDS = smoke ? 1 : Number(process.env.BENCH_SECONDS ?? 5);
const CONNECTIONS = smoke ? 10 : Number(process.env.BENCH_CONNECTIONS ?? 50);
// Each case's time is cut into this many slices, taken in turns with the baseline's, so a change in the
// machine's load (it is shared) reaches both sides of a ratio alike instead of one.
const ROUNDS = smoke ? 1 : Number(process.env.BENCH_ROUNDS ?? 3);
const serverUrl = process.env.BENCH_DATABASE_URL ?? process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const tmp = mkdtempSync(path.join(os.tmpdir(), 'profilehub-bench-'));
const runTag = Math.random().toString(36).slice(2, 8);
// BENCH_PASSES=pg,pglite,twon (default all) runs a subset while working on one of them.
const PASSES = new Set((process.env.BENCH_PASSES ?? 'pg,pglite,twon').split(','));

type Row = { c: Case; pg?: LoadResult; pglite?: LoadResult; baseline?: LoadResult };
type Pass = { startMs: number; rssMb: number };

const loadavg = () =>
  os
    .loadavg()
    .map((l) => l.toFixed(2))
    .join(' ');

async function startServer(name: string, env: NodeJS.ProcessEnv): Promise<{ child: Child; base: string; readyMs: number; demo: unknown }> {
  const port = await freePort();
  const dataDir = path.join(tmp, name);
  const { cmd, args } = serverCommand(serverRoot);
  const child = startChild(
    cmd,
    args,
    {
      ...process.env,
      ...env,
      HOST: '127.0.0.1',
      PORT: String(port),
      PROFILEHUB_DATA_DIR: dataDir,
      PROFILEHUB_SEED_DEMO: '1',
      // Required with DATABASE_URL; each bench database is fresh, so any fixed value does.
      PROFILEHUB_SECRET: process.env.PROFILEHUB_SECRET ?? 'profilehub-bench-secret-0123456789abcdef',
      LOG_LEVEL: process.env.BENCH_LOG_LEVEL ?? 'info',
      // The bench measures throughput; the 4 s fail-fast deadline would turn a busy machine's slow logins
      // (scrypt) into 503s. The outage test covers the deadline.
      DB_REQUEST_DEADLINE_MS: process.env.DB_REQUEST_DEADLINE_MS ?? '30000',
      NODE_ENV: 'production',
    },
    path.join(tmp, `${name}.log`),
  );
  const base = `http://127.0.0.1:${port}`;
  const readyMs = await waitUntilOk(child, `${base}/readyz`, 300_000);
  // Demo seeding may finish after ready; the cases need its credentials.
  const credentials = path.join(dataDir, 'demo-credentials.json');
  const deadline = Date.now() + 300_000;
  while (!existsSync(credentials)) {
    if (Date.now() > deadline) throw new Error(`no demo credentials from ${name}; see ${child.logFile}`);
    if (child.proc.exitCode !== null) throw new Error(`${name} exited; see ${child.logFile}`);
    await new Promise((r) => setTimeout(r, 50));
  }
  await new Promise((r) => setTimeout(r, 100));
  return { child, base, readyMs, demo: JSON.parse(readFileSync(credentials, 'utf8')) };
}

/** One request first: a case that does not answer 2xx measures nothing. */
async function check(base: string, c: Case, tag: string) {
  const body = c.request.body?.replaceAll('{{n}}', `check-${tag}-${runTag}`);
  const res = await fetch(base + c.request.path, { method: c.request.method, headers: c.request.headers, body });
  const text = await res.text();
  if (res.status >= 300) throw new Error(`${c.surface} ${c.label} answered ${res.status}: ${text.slice(0, 300)}`);
}

/** wrk against a server, with the server process's CPU time per request. */
async function measure(pid: number, base: string, request: RequestSpec, opts: Parameters<typeof runWrk>[2]): Promise<LoadResult> {
  const before = cpuMs(pid);
  const result = await runWrk(base, request, opts);
  return { ...result, cpuMsPerRequest: result.requests > 0 ? (cpuMs(pid) - before) / result.requests : Number.NaN };
}

async function load(server: { pid: number; base: string }, c: Case, tag: string): Promise<LoadResult> {
  await check(server.base, c, tag);
  return measure(server.pid, server.base, c.request, { seconds: SECONDS, connections: CONNECTIONS, tmpDir: tmp, tag: `${tag}-${runTag}` });
}

/** A case and its baseline, in ROUNDS turns of SECONDS / ROUNDS each. */
async function loadSideBySide(
  server: { pid: number; base: string },
  c: Case,
  tag: string,
  baseline: { pid: number; base: string; request: RequestSpec } | undefined,
): Promise<{ server: LoadResult; baseline?: LoadResult }> {
  await check(server.base, c, tag);
  // wrk takes whole seconds: each turn runs at least one.
  const slice = Math.max(1, Math.round(SECONDS / ROUNDS));
  const parts: LoadResult[] = [];
  const raw: LoadResult[] = [];
  for (let r = 0; r < ROUNDS; r++) {
    const opts = { seconds: slice, connections: CONNECTIONS, tmpDir: tmp };
    parts.push(await measure(server.pid, server.base, c.request, { ...opts, tag: `${tag}-${runTag}-${r}` }));
    if (baseline) raw.push(await measure(baseline.pid, baseline.base, baseline.request, { ...opts, tag: `base-${runTag}-${r}` }));
  }
  return { server: combine(parts, slice), baseline: baseline ? combine(raw, slice) : undefined };
}

async function warm(base: string, cases: Case[]) {
  if (smoke) return;
  for (const c of cases.filter((x) => x.kind !== 'create'))
    await runWrk(base, c.request, { seconds: 1, connections: 10, tmpDir: tmp, tag: `warm-${runTag}` });
}

function twonUpdate(env: NodeJS.ProcessEnv): Promise<string> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ['--import', 'tsx', path.join(serverRoot, 'bench/twon-update.ts')], {
      cwd: serverRoot,
      env: { ...process.env, ...env, BENCH_SIZES: smoke ? '1000' : '10000', BENCH_ROUNDS: smoke ? '1' : '3' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    child.stdout.on('data', (d) => {
      out += d;
    });
    child.stderr.on('data', (d) => {
      out += d;
    });
    child.on('close', () => {
      const line = out.split('\n').find((l) => l.includes('ratio'));
      resolve(line?.trim() ?? `failed: ${out.slice(-300)}`);
    });
  });
}

const fmt = (r?: LoadResult) =>
  r ? `${r.rps.toFixed(0)} | ${r.p50Ms.toFixed(1)} / ${r.p99Ms.toFixed(1)}${r.failed ? ` (${r.failed} failed)` : ''}` : '– | –';
const ratio = (a?: LoadResult, b?: LoadResult) => (a && b && b.rps > 0 ? (a.rps / b.rps).toFixed(2) : '–');
const cpu = (r?: LoadResult) =>
  r?.cpuMsPerRequest !== undefined && Number.isFinite(r.cpuMsPerRequest) ? r.cpuMsPerRequest.toFixed(3) : '–';
/** Baseline CPU per request over ours: the ratio the shared machine's load disturbs least. */
const cpuRatio = (a?: LoadResult, b?: LoadResult) =>
  a?.cpuMsPerRequest && b?.cpuMsPerRequest && Number.isFinite(a.cpuMsPerRequest / b.cpuMsPerRequest)
    ? (b.cpuMsPerRequest / a.cpuMsPerRequest).toFixed(2)
    : '–';

function table(rows: Row[]): string {
  const lines = [
    '| surface | case | PostgreSQL req/s | p50 / p99 ms | PGlite req/s | p50 / p99 ms | raw baseline req/s | p50 / p99 ms | ratio PG | ratio PGlite | server CPU ms/req PG / raw | CPU ratio PG |',
    '|---|---|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|',
  ];
  for (const { c, pg, pglite, baseline } of rows) {
    lines.push(
      `| ${c.surface} | ${c.kind}: \`${c.label}\` | ${fmt(pg)} | ${fmt(pglite)} | ${fmt(baseline)} | ${ratio(pg, baseline)} | ${ratio(pglite, baseline)} | ${cpu(pg)} / ${cpu(baseline)} | ${cpuRatio(pg, baseline)} |`,
    );
  }
  return lines.join('\n');
}

async function main() {
  const started = new Date();
  const load0 = loadavg();
  console.log(`bench ${smoke ? '(smoke) ' : ''}— ${SECONDS}s per case, wrk -t1 -c${CONNECTIONS}; load average ${load0}; tmp ${tmp}`);
  const rows: Row[] = [];
  const passes: Record<string, Pass> = {};

  // ── PostgreSQL pass (plus the raw baseline against the same database) ─────────────────────────────────
  const dbName = `profilehub_bench_${runTag}`;
  const admin = postgres(serverUrl, { max: 1, onnotice: () => {} });
  await admin.unsafe(`create database "${dbName}"`);
  const dbUrl = new URL(serverUrl);
  dbUrl.pathname = `/${dbName}`;
  const benchDb = postgres(dbUrl.toString(), { max: 1, onnotice: () => {} });
  let baseline: Child | undefined;
  try {
    await benchDb.unsafe('create table bench_baseline_rows (id bigint generated always as identity primary key, name text, data jsonb)');
    const pg = await startServer('pg', { DATABASE_URL: dbUrl.toString() });
    console.log(`PostgreSQL: ready in ${pg.readyMs.toFixed(0)} ms`);
    const [ws] = await benchDb`select id from workspaces where slug = 'demo'`;
    const cases = await buildCases(pg.base, pg.demo as never, ws!.id as string);
    for (const c of cases) rows.push({ c });

    const routes = Object.fromEntries(
      cases
        .filter((c) => c.baseline)
        .map((c) => [`${c.baseline!.text.startsWith('insert') ? 'POST' : 'GET'} /${c.surface}/${c.kind}`, c.baseline]),
    );
    const basePort = await freePort();
    baseline = startChild(
      process.execPath,
      ['--import', 'tsx', path.join(root, 'bench/baseline-server.ts')],
      { ...process.env, DATABASE_URL: dbUrl.toString(), PORT: String(basePort), BASELINE_ROUTES: JSON.stringify(routes) },
      path.join(tmp, 'baseline.log'),
    );
    const baseBase = `http://127.0.0.1:${basePort}`;
    await waitUntilOk(baseline, `${baseBase}/RPdb/get`);

    await warm(pg.base, cases);
    for (const row of rows) {
      const baselineRequest: RequestSpec | undefined = row.c.baseline && {
        method: row.c.kind === 'create' ? 'POST' : 'GET',
        path: `/${row.c.surface}/${row.c.kind}`,
      };
      const measured = await loadSideBySide(
        { pid: pg.child.pid, base: pg.base },
        row.c,
        `pg-${row.c.surface}-${row.c.kind}`,
        baselineRequest && { pid: baseline.pid, base: baseBase, request: baselineRequest },
      );
      row.pg = measured.server;
      row.baseline = measured.baseline;
      console.log(
        `  ${row.c.surface.padEnd(8)} ${row.c.label.padEnd(40)} PG ${fmt(row.pg)}   raw ${fmt(row.baseline)}   ratio ${ratio(row.pg, row.baseline)}   CPU/req ${cpu(row.pg)} vs ${cpu(row.baseline)} ms (${cpuRatio(row.pg, row.baseline)})   peak RSS ${peakRssMb(pg.child.pid).toFixed(0)} MB`,
      );
      if (row.pg.firstFailure) console.log(`      first failure: ${row.pg.firstFailure}`);
    }
    passes.PostgreSQL = { startMs: pg.readyMs, rssMb: peakRssMb(pg.child.pid) };
    passes['raw baseline'] = { startMs: Number.NaN, rssMb: peakRssMb(baseline.pid) };
    await stopChild(pg.child);
    await stopChild(baseline);
  } finally {
    if (baseline) await stopChild(baseline);
    await benchDb.end({ timeout: 1 });
    await admin.unsafe(`drop database if exists "${dbName}" with (force)`);
    await admin.end({ timeout: 1 });
  }

  // ── PGlite pass ────────────────────────────────────────────────────────────────────────────────────────
  if (PASSES.has('pglite')) {
    const lite = await startServer('pglite', { DATABASE_URL: '' });
    console.log(`PGlite: ready in ${lite.readyMs.toFixed(0)} ms`);
    const cases = await buildCases(lite.base, lite.demo as never, '');
    await warm(lite.base, cases);
    for (const c of cases) {
      const row = rows.find((r) => r.c.surface === c.surface && r.c.kind === c.kind && r.c.label === c.label);
      if (!row) continue;
      row.c = { ...row.c };
      row.pglite = await load({ pid: lite.child.pid, base: lite.base }, c, `lite-${c.surface}-${c.kind}`);
      console.log(
        `  ${c.surface.padEnd(8)} ${c.label.padEnd(40)} PGlite ${fmt(row.pglite)}   ratio ${ratio(row.pglite, row.baseline)}   peak RSS ${peakRssMb(lite.child.pid).toFixed(0)} MB`,
      );
      if (row.pglite.firstFailure) console.log(`      first failure: ${row.pglite.firstFailure}`);
    }
    passes.PGlite = { startMs: lite.readyMs, rssMb: peakRssMb(lite.child.pid) };
    await stopChild(lite.child);
  }

  // ── 2N 10k-entry update vs one raw UPDATE … FROM unnest ─────────────────────────────────────────────────
  let twonPg = 'not run';
  let twonLite = 'not run';
  if (PASSES.has('twon')) {
    console.log('2N batch update:');
    twonPg = await twonUpdate({ TEST_DATABASE_URL: serverUrl });
    console.log(`  PostgreSQL ${twonPg}`);
    twonLite = await twonUpdate({ TEST_DATABASE_URL: '' });
    console.log(`  PGlite     ${twonLite}`);
  }

  const load1 = loadavg();
  const summary = [
    `Run ${started.toISOString()} on ${os.cpus().length} × ${os.cpus()[0]?.model ?? 'cpu'}, Node ${process.version}; ` +
      `wrk -t1 -c${CONNECTIONS}, ${ROUNDS} turns of ${Math.max(1, Math.round(SECONDS / ROUNDS))} s per case, alternating with the baseline's; load average ${load0} at start, ${load1} at end ` +
      '(the machine is shared: compare ratios within one run, not req/s across runs).',
    '',
    table(rows),
    '',
    '| server | start to ready (`/readyz` 200) | peak RSS under load |',
    '|---|--:|--:|',
    ...Object.entries(passes).map(
      ([name, p]) => `| ${name} | ${Number.isNaN(p.startMs) ? '–' : `${(p.startMs / 1000).toFixed(2)} s`} | ${p.rssMb.toFixed(0)} MB |`,
    ),
    '',
    '2N `PUT /api/dir/update` vs one raw `UPDATE … FROM unnest` (best of 3):',
    '',
    `- PostgreSQL: ${twonPg}`,
    `- PGlite: ${twonLite}`,
  ].join('\n');
  console.log(`\n${summary}\n`);

  if (!smoke && process.env.BENCH_WRITE !== '0') {
    const file = path.join(root, 'BENCHMARKS.md');
    const start = '<!-- bench:latest:start -->';
    const end = '<!-- bench:latest:end -->';
    const current = existsSync(file) ? readFileSync(file, 'utf8') : `# Benchmarks\n\n${start}\n${end}\n`;
    const block = `${start}\n${summary}\n${end}`;
    writeFileSync(file, current.includes(start) ? current.replace(new RegExp(`${start}[\\s\\S]*${end}`), block) : `${current}\n${block}\n`);
    console.log(`wrote ${path.relative(process.cwd(), file)}`);
  }
  rmSync(tmp, { recursive: true, force: true });
}

main().catch((err) => {
  console.error(err);
  console.error(`logs kept in ${tmp}`);
  process.exit(1);
});

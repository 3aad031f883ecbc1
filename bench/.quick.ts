// quick per-case CPU cost: node ms/req and postgres ms/req (prof1 at :4555)
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import postgres from 'postgres';
import { buildCases } from './cases';
const base = 'http://127.0.0.1:4555';
const demo = JSON.parse(readFileSync('/tmp/prof/data/demo-credentials.json', 'utf8'));
const db = postgres('postgres://postgres@127.0.0.1:5432/prof1', { max: 1 });
const [ws] = await db`select id from workspaces where slug = 'demo'`;
await db.end();
const only = process.argv[2];
const cases = (await buildCases(base, demo, ws!.id)).filter((c) => c.kind === 'get' && (!only || c.surface === only));
const pid = readFileSync('/tmp/prof/pid', 'utf8').trim();
for (const c of cases) {
  const h = Object.entries(c.request.headers ?? {}).map(([k, v]) => `${k}: ${v}`);
  let url = base + c.request.path;
  if (c.request.method !== 'GET') {
    // wrk script for POST bodies
    const lua = `/tmp/prof/${c.surface}.lua`;
    (await import('node:fs')).writeFileSync(lua, `wrk.method = "${c.request.method}"\nwrk.body = ${JSON.stringify(c.request.body ?? '')}\n`);
    h.push(`__lua=${lua}`);
  }
  const out = execFileSync('/tmp/prof/cpu.sh', [pid, url, ...h], { encoding: 'utf8', env: { ...process.env, SECS: process.env.SECS ?? '6' } });
  console.log(`${c.surface.padEnd(9)} ${c.label.padEnd(42)} ${out.trim()}`);
}

#!/usr/bin/env node
// The whole test suite: unit + integration on PGlite, again on PostgreSQL when TEST_DATABASE_URL is set,
// then the browser tests when Chromium is installed. Ends with one line: "N passed, N failed".
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const results = path.join(root, '.test-results');
rmSync(results, { recursive: true, force: true });
mkdirSync(results, { recursive: true });

const projects = ['db', 'api', 'rest', 'client', 'server'];
const chromium = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const passes = [];
const notes = [];

function run(name, args, env) {
  const out = path.join(results, `${name}.json`);
  console.log(`\n=== ${name} ===\n`);
  const res = spawnSync('npx', ['vitest', 'run', ...args, '--reporter=default', '--reporter=json', `--outputFile.json=${out}`], {
    cwd: root,
    stdio: 'inherit',
    env: { ...process.env, ...env },
  });
  let passed = 0;
  let failed = 0;
  if (existsSync(out)) {
    const report = JSON.parse(readFileSync(out, 'utf8'));
    passed = report.numPassedTests;
    failed = report.numFailedTests;
    // A file that fails to load (syntax error, failing hook) has no failed test but is still a failure.
    failed += report.testResults.filter((f) => f.status === 'failed' && f.assertionResults.every((a) => a.status !== 'failed')).length;
  }
  if (res.status !== 0 && failed === 0) failed = 1;
  passes.push({ name, passed, failed });
}

const projectArgs = projects.flatMap((p) => ['--project', p]);
run('pglite', projectArgs, { TEST_DATABASE_URL: '' });

if (process.env.TEST_DATABASE_URL) run('postgresql', projectArgs, {});
else notes.push('PostgreSQL pass skipped: set TEST_DATABASE_URL (e.g. postgres://postgres@127.0.0.1:5432/postgres) to run it.');

if (process.env.SKIP_E2E === '1') notes.push('Browser tests skipped (SKIP_E2E=1).');
else if (existsSync(chromium)) run('browser', ['--project', 'e2e'], {});
else notes.push(`Browser tests skipped: no Chromium at ${chromium} (apt-get install chromium, or set CHROMIUM_PATH).`);

console.log('\n=== summary ===');
for (const p of passes) console.log(`${p.name.padEnd(12)} ${p.passed} passed, ${p.failed} failed`);
for (const n of notes) console.log(`NOTE: ${n}`);
const passed = passes.reduce((n, p) => n + p.passed, 0);
const failed = passes.reduce((n, p) => n + p.failed, 0);
console.log(`${passed} passed, ${failed} failed`);
process.exit(failed > 0 ? 1 : 0);

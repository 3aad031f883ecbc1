// `npm run bench`: every benchmark under bench/, one after the other.
import { spawnSync } from 'node:child_process';
import path from 'node:path';

const benches = ['twon-update.ts', 'rpdb-profiles.ts'];
let failed = false;
for (const file of benches) {
  console.log(`\n▶ ${file}`);
  const res = spawnSync(process.execPath, ['--import', 'tsx', path.join(import.meta.dirname, file)], {
    stdio: 'inherit',
    env: process.env,
  });
  if (res.status !== 0) failed = true;
}
process.exit(failed ? 1 : 0);

// How the bench starts the real server: the way production does (`npm start`: the esbuild bundle under
// apps/server/dist, built once per bench run), or from source through tsx in a checkout without a build.
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';

const built = new Set<string>();

export function serverCommand(root: string): { cmd: string; args: string[] } {
  const app = path.join(root, 'apps/server');
  const pkg = JSON.parse(readFileSync(path.join(app, 'package.json'), 'utf8')) as { scripts?: Record<string, string> };
  if (!pkg.scripts?.build) return { cmd: process.execPath, args: ['--import', 'tsx', path.join(app, 'src/main.ts')] };
  if (!built.has(root)) {
    execFileSync('npm', ['run', 'build'], { cwd: app, stdio: 'ignore' });
    built.add(root);
  }
  const main = path.join(app, 'dist/main.js');
  if (!existsSync(main)) throw new Error(`npm run build did not produce ${main}`);
  return { cmd: process.execPath, args: [...nodeFlags(pkg.scripts.start), main] };
}

/** The Node flags of the start script (`node --flag … dist/main.js`), so the bench runs what production runs. */
function nodeFlags(start: string | undefined): string[] {
  const words = start?.split(/\s+/) ?? [];
  if (words[0] !== 'node') return ['--enable-source-maps'];
  return words.slice(1).filter((w) => w.startsWith('--'));
}

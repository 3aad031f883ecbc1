#!/usr/bin/env node
// Builds packages/client into dist/: a package an internal team can `npm pack` and install anywhere.
//   dist/index.js         the client, one ESM file (tRPC client + superjson stay dependencies)
//   dist/types/…          declarations of the client and of the router types it names (AppRouter, inputs,
//                         outputs), emitted by tsc from packages/api and packages/db; types only, nothing of
//                         the server runs in the package
//   dist/package.json     the published manifest: no dependency on @profilehub/* packages
import { spawnSync } from 'node:child_process';
import { readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const here = path.dirname(fileURLToPath(import.meta.url));
const root = path.resolve(here, '..');
const dist = path.join(root, 'dist');
const types = path.join(dist, 'types');
const manifest = JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8'));

rmSync(dist, { recursive: true, force: true });

const tsc = spawnSync(process.execPath, [path.join(root, '../../node_modules/typescript/bin/tsc'), '-p', 'tsconfig.build.json'], {
  cwd: root,
  stdio: 'inherit',
});
if (tsc.status !== 0) process.exit(tsc.status ?? 1);

// The workspace packages are named in the emitted declarations; inside the package they are folders.
const packageEntries = {
  '@profilehub/api': path.join(types, 'packages/api/src/index'),
  '@profilehub/db': path.join(types, 'packages/db/src/index'),
};
function* declarations(dir) {
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) yield* declarations(full);
    else if (entry.name.endsWith('.d.ts')) yield full;
  }
}
for (const file of declarations(types)) {
  let text = readFileSync(file, 'utf8');
  for (const [name, target] of Object.entries(packageEntries)) {
    let relative = path.relative(path.dirname(file), target).split(path.sep).join('/');
    if (!relative.startsWith('.')) relative = `./${relative}`;
    text = text.replaceAll(`"${name}"`, `"${relative}"`).replaceAll(`'${name}'`, `'${relative}'`);
  }
  writeFileSync(file, text);
}
// The declarations use extension-less relative imports: read them as CommonJS-format declarations, which
// resolve those under every moduleResolution (node16, nodenext, bundler).
writeFileSync(path.join(types, 'package.json'), '{ "type": "commonjs" }\n');

await build({
  entryPoints: [path.join(root, 'src/index.ts')],
  outfile: path.join(dist, 'index.js'),
  bundle: true,
  format: 'esm',
  platform: 'neutral',
  target: 'es2022',
  external: ['@trpc/client', '@trpc/server', 'superjson'],
  logLevel: 'warning',
});

const dependencyVersions = { ...manifest.dependencies };
const published = {
  name: manifest.name,
  version: manifest.version ?? '0.0.0',
  description: 'Typed client for a Profilehub server (tRPC, superjson)',
  type: 'module',
  exports: { '.': { types: './types/packages/client/src/index.d.ts', import: './index.js' } },
  types: './types/packages/client/src/index.d.ts',
  files: ['index.js', 'types'],
  dependencies: {
    '@trpc/client': dependencyVersions['@trpc/client'],
    '@trpc/server': dependencyVersions['@trpc/server'],
    superjson: dependencyVersions.superjson,
    // Types only: the router's inputs and outputs are zod schemas.
    zod: '4.6.7',
  },
};
writeFileSync(path.join(dist, 'package.json'), `${JSON.stringify(published, null, 2)}\n`);
console.log(`built ${path.relative(process.cwd(), dist)} (${published.name}@${published.version})`);

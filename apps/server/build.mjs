// Bundles the server (and the workspace packages it imports, which ship as TypeScript source) into one ES
// module, dist/main.js. Third-party packages stay external: they load from node_modules as installed
// (PGlite finds its WebAssembly files beside itself; postgres.js keeps its patch from patches/).
import { execFileSync } from 'node:child_process';
import { build } from 'esbuild';

const external = {
  name: 'third-party-external',
  setup(b) {
    b.onResolve({ filter: /^[^./]/ }, (args) => (args.path.startsWith('@profilehub/') ? undefined : { path: args.path, external: true }));
  },
};

await build({
  entryPoints: ['src/main.ts'],
  outfile: 'dist/main.js',
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node20',
  sourcemap: true,
  logLevel: 'warning',
  plugins: [external],
});

// A migrated PGlite data folder beside the bundle: a first start on the embedded database copies it rather
// than running initdb in the server process (packages/db/src/pglite-template.ts). Kept while still current.
execFileSync(process.execPath, ['--import', 'tsx', '../../packages/db/src/pglite-template-cli.ts', 'dist/pglite-template'], {
  stdio: ['ignore', 'ignore', 'inherit'],
});

import { execFile } from 'node:child_process';
import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from './testing';

// The typed client as another team gets it: built, packed with npm, installed from the tarball into a
// project outside this repository (its dependencies from the npm registry), type-checked and run.
const run = promisify(execFile);
const packageRoot = fileURLToPath(new URL('..', import.meta.url));
const tsc = fileURLToPath(new URL('../../../node_modules/typescript/bin/tsc', import.meta.url));

let server: TestServer;
let scratch: string;

beforeAll(async () => {
  server = await startTestServer();
  scratch = await mkdtemp(path.join(tmpdir(), 'profilehub-pack-'));
}, 300_000);
afterAll(async () => {
  await server?.close();
  if (scratch) await rm(scratch, { recursive: true, force: true });
});

const consumer = `import { createProfilehubClient, describeClientError, type RouterOutputs } from '@profilehub/client';

declare const process: { env: Record<string, string | undefined> };

const client = createProfilehubClient({ url: process.env.PROFILEHUB_URL!, token: process.env.PROFILEHUB_TOKEN! });
const me: RouterOutputs['auth']['me'] = await client.auth.me.query();
const scopes: string[] = me.scopes;
// @ts-expect-error the router's types are real: a directory's name is a string
const wrong = () => client.twoN.directory.create.mutate({ name: 42 });
void wrong;
const denied = await client.apiToken.revoke.mutate({ id: '00000000-0000-4000-8000-000000000000' }).catch((err: unknown) => describeClientError(err).code);
console.log(JSON.stringify({ label: me.label, workspace: me.workspace.slug, scopes: scopes.length, denied }));
`;

describe('the packed client', () => {
  it('installs from its tarball outside the monorepo, type-checks a call and calls a live server', async () => {
    await run(process.execPath, [path.join(packageRoot, 'scripts/build.mjs')], { cwd: packageRoot });
    const manifest = JSON.parse(await readFile(path.join(packageRoot, 'dist/package.json'), 'utf8'));
    expect(Object.keys(manifest.dependencies).sort()).toEqual(['@trpc/client', '@trpc/server', 'superjson', 'zod']);

    const packed = await run('npm', ['pack', path.join(packageRoot, 'dist'), '--pack-destination', scratch, '--json'], { cwd: scratch });
    const [{ filename, files }] = JSON.parse(packed.stdout) as [{ filename: string; files: { path: string }[] }];
    const paths = files.map((f) => f.path);
    expect(paths).toContain('index.js');
    expect(paths).toContain('types/packages/api/src/root.d.ts');
    expect(paths.some((p) => p.includes('/cli/') || p.endsWith('.test.d.ts'))).toBe(false);

    const project = path.join(scratch, 'consumer');
    await run('mkdir', ['-p', project]);
    await writeFile(path.join(project, 'package.json'), JSON.stringify({ name: 'consumer', private: true, type: 'module' }));
    await run('npm', ['install', path.join(scratch, filename), '--prefer-offline', '--no-audit', '--no-fund'], { cwd: project });
    expect((await readdir(path.join(project, 'node_modules'))).filter((d) => d.startsWith('@profilehub'))).toEqual(['@profilehub']);
    expect(await readdir(path.join(project, 'node_modules/@profilehub'))).toEqual(['client']);

    await writeFile(path.join(project, 'call.ts'), consumer);
    await writeFile(
      path.join(project, 'tsconfig.json'),
      JSON.stringify({
        compilerOptions: {
          target: 'ES2022',
          module: 'NodeNext',
          moduleResolution: 'NodeNext',
          strict: true,
          skipLibCheck: true,
          outDir: 'out',
          types: [],
        },
        files: ['call.ts'],
      }),
    );
    // Type errors fail here (including an unused @ts-expect-error, were the router types to collapse to any).
    await run(process.execPath, [tsc, '-p', 'tsconfig.json'], { cwd: project });

    const { token } = await server.ws.caller.apiToken.create({ name: 'packed', scopes: ['tokens:read'] });
    const called = await run(process.execPath, ['out/call.js'], {
      cwd: project,
      env: { PROFILEHUB_URL: server.url, PROFILEHUB_TOKEN: token },
    });
    expect(JSON.parse(called.stdout)).toEqual({ label: 'owner/packed', workspace: server.ws.slug, scopes: 1, denied: 'FORBIDDEN' });
  }, 600_000);
});

import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDb, type DbHandle } from './client';
import { buildPgliteTemplate } from './pglite-template';

const work = mkdtempSync(path.join(tmpdir(), 'ph-pglite-template-'));
const template = path.join(work, 'template');

// initdb gives every cluster its own system identifier; a data folder that carries the template's was copied,
// one with another was made by an initdb of its own.
async function systemIdentifier(handle: DbHandle): Promise<string> {
  const rows = (await handle.db.execute(sql`select system_identifier::text as id from pg_control_system()`)) as unknown as {
    rows: { id: string }[];
  };
  return rows.rows[0]!.id;
}

async function templateIdentifier(): Promise<string> {
  const copy = path.join(work, `probe-${Math.random().toString(16).slice(2)}`);
  const handle = createDb({ DATABASE_URL: undefined, pgliteDir: copy, pgliteTemplate: template });
  try {
    return await systemIdentifier(handle);
  } finally {
    await handle.close();
  }
}

describe('PGlite data folder from the build template', () => {
  beforeAll(async () => {
    expect(await buildPgliteTemplate(template)).toBe('made');
  }, 180_000);
  afterAll(() => rmSync(work, { recursive: true, force: true }));

  it('keeps a template that is current instead of making it again', async () => {
    expect(await buildPgliteTemplate(template)).toBe('current');
  });

  it('a first start copies the template (no initdb), already migrated; a second opens that same folder with its data', async () => {
    const dir = path.join(work, 'first', 'pglite');
    const first = createDb({ DATABASE_URL: undefined, pgliteDir: dir, pgliteTemplate: template });
    let id: string;
    try {
      expect(first.pgliteOrigin).toBe('template');
      id = await systemIdentifier(first);
      await first.migrate();
      await first.db.execute(sql`insert into workspaces (name, slug) values ('Kept', 'kept')`);
    } finally {
      await first.close();
    }
    const again = createDb({ DATABASE_URL: undefined, pgliteDir: dir, pgliteTemplate: template });
    try {
      expect(again.pgliteOrigin).toBe('existing');
      expect(await systemIdentifier(again)).toBe(id);
      const rows = (await again.db.execute(sql`select slug from workspaces`)) as unknown as { rows: { slug: string }[] };
      expect(rows.rows.map((r) => r.slug)).toEqual(['kept']);
    } finally {
      await again.close();
    }
    expect(id).toBe(await templateIdentifier());
  }, 60_000);

  it('without a template PGlite runs initdb itself: the folder gets a system identifier of its own', async () => {
    const dir = path.join(work, 'no-template');
    const handle = createDb({ DATABASE_URL: undefined, pgliteDir: dir, pgliteTemplate: path.join(work, 'missing') });
    try {
      expect(handle.pgliteOrigin).toBe('initdb');
      expect(await systemIdentifier(handle)).not.toBe(await templateIdentifier());
    } finally {
      await handle.close();
    }
  }, 120_000);

  it('of several first starts at once exactly one copy lands, the others find it; nothing half-made is left', async () => {
    const parent = path.join(work, 'race');
    const dir = path.join(parent, 'pglite');
    const script = `import { preparePgliteDir } from ${JSON.stringify(fileURLToPath(new URL('./pglite-template.ts', import.meta.url)))};
      process.stdout.write(preparePgliteDir(${JSON.stringify(dir)}, ${JSON.stringify(template)}));`;
    const run = () => promisify(execFile)(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script]);
    const origins = (await Promise.all([run(), run(), run()])).map((r) => r.stdout).sort();
    expect(origins).toEqual(['existing', 'existing', 'template']);
    expect(readdirSync(parent)).toEqual(['pglite']);
    expect(existsSync(path.join(dir, 'PG_VERSION'))).toBe(true);
  }, 120_000);
});

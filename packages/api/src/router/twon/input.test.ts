import type { DbHandle } from '@profilehub/db';
import { createTestDb } from '@profilehub/db/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCaller } from '../../root';
import { createTestWorkspace } from '../../testing';

// Admin inputs that reach PostgreSQL text columns: NUL and lone surrogates are refused as bad input, not a 500.

let handle: DbHandle;
beforeAll(async () => {
  handle = await createTestDb();
});
afterAll(async () => {
  await handle?.close();
});

describe('twoN admin input', () => {
  it('a NUL or a lone surrogate in a search or a directory name is BAD_REQUEST and stores nothing', async () => {
    const { ctx } = await createTestWorkspace(handle.db);
    const caller = createCaller(ctx);
    const directory = await caller.twoN.directory.create({ name: 'text device' });
    for (const search of ['a\u0000', 'b\ud800']) {
      await expect(caller.twoN.dir.list({ directoryId: directory.id, search })).rejects.toMatchObject({ code: 'BAD_REQUEST' });
    }
    await expect(caller.twoN.directory.create({ name: 'nul\u0000' })).rejects.toMatchObject({ code: 'BAD_REQUEST' });
    await expect(caller.twoN.directory.update({ id: directory.id, name: 'x\udc00' })).rejects.toMatchObject({ code: 'BAD_REQUEST' });
    expect((await caller.twoN.directory.list()).map((d) => d.name)).toEqual(['text device']);
    expect(await caller.twoN.dir.list({ directoryId: directory.id, search: 'ok' })).toEqual({ items: [], total: 0 });
  });
});

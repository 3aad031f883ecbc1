import { readFileSync } from 'node:fs';
import path from 'node:path';
import { configureServerSecret } from '@profilehub/api';
import { createDb } from '@profilehub/db';
import type { Page } from 'playwright-core';
import { beforeAll, describe, expect, inject, it } from 'vitest';
import { login, setupBrowser } from './harness';
import { SCALE_ROWS, type ScaleWorkspace, seedScaleWorkspace } from './scale-seed';

// Every list of the admin at 1,000+ rows, one case per list: sort by a column, filter (where the table has one),
// jump to the last page, open a record (or another page), come Back and find the same page of the same
// sorted, filtered list. The rows live in their own workspace (`scale`), so the other browser tests see
// the demo workspace as it was.

const browser = setupBrowser();

/** Stops the API, writes the `scale` workspace into its data folder and starts it again. */
async function seedScale(): Promise<ScaleWorkspace> {
  const started = Date.now();
  const control = inject('controlUrl');
  const dir = inject('dataDir');
  expect((await fetch(`${control}/api/stop`, { method: 'POST' })).status).toBe(204);
  try {
    // The server's own secret: from the environment it was given, else the one it generated into its folder.
    configureServerSecret(process.env.PROFILEHUB_SECRET ?? readFileSync(path.join(dir, 'server-secret'), 'utf8').trim());
    const handle = createDb({ DATABASE_URL: undefined, pgliteDir: path.join(dir, 'pglite') });
    try {
      return await seedScaleWorkspace(handle.db);
    } finally {
      await handle.close();
    }
  } finally {
    expect((await fetch(`${control}/api/start`, { method: 'POST' })).status).toBe(204);
    console.log(`[e2e] seeded the scale workspace (${SCALE_ROWS} rows per list) in ${((Date.now() - started) / 1000).toFixed(1)} s`);
  }
}

let scale: ScaleWorkspace | undefined;
beforeAll(async () => {
  scale = await seedScale();
  await login(browser.page, scale);
});

type ListCase = {
  path: string | ((seeded: ScaleWorkspace) => string);
  /** The table's caption (its accessible name). */
  table: string;
  /** The column header to sort by. */
  sortBy: string;
  /** Descending unless the list already starts that way (the audit log, newest first). */
  direction?: 'ascending' | 'descending';
  /** Omit where the table has no text filter (a record's History). */
  filter?: string;
  /** The table's URL key where a page shows several tables (`?resellers.page=2`). */
  key?: string;
  /** Rows a page shows by default. */
  size?: number;
  /** Rows the filter leaves, and the first and last row of the last page. */
  total: number;
  lastPage: [first: string, last: string];
};

// Every row is named `scale 0001` … `scale 1010`; `scale 0` leaves 0001–0999 (999 rows, 40 pages).
const descending: Pick<ListCase, 'filter' | 'total' | 'lastPage'> = {
  filter: 'scale 0',
  total: 999,
  lastPage: ['scale 0024', 'scale 0001'],
};

const lists: Record<string, ListCase> = {
  accounts: { path: '/accounts', table: 'Accounts', sortBy: 'Display name', ...descending },
  'API tokens': { path: '/api-tokens', table: 'API tokens', sortBy: 'Name', ...descending },
  // Appgate's search wants every word: `scale 09` leaves the names holding `09`.
  'Appgate client profiles': {
    path: '/appgate/client-profiles',
    table: 'Client profiles',
    sortBy: 'Name',
    filter: 'scale 09',
    total: 120,
    lastPage: ['scale 0900', 'scale 0009'],
  },
  'FlexCare resellers': { path: '/flexcare/directory', table: 'Resellers', key: 'resellers', sortBy: 'Name', ...descending },
  'FlexCare customers': { path: '/flexcare/directory', table: 'Customers', key: 'customers', sortBy: 'Name', ...descending },
  'FlexCare employees': { path: '/flexcare/directory', table: 'Employees', key: 'employees', sortBy: 'Name', ...descending },
  'FlexCare languages': { path: '/flexcare/languages', table: 'Dialog languages', sortBy: 'Name', ...descending },
  'FlexCare profiles': { path: '/flexcare/profiles', table: 'Dialog profiles', sortBy: 'Name', ...descending },
  'RPdb attributes': { path: '/rpdb/attributes', table: 'Attributes', sortBy: 'Name', ...descending },
  'RPdb API keys': { path: '/rpdb/api-keys', table: 'RPdb API keys', sortBy: 'Name', ...descending },
  'SOAJS tenants': { path: '/soajs/tenants', table: 'SOAJS tenants', sortBy: 'Name', ...descending },
  // Names are edited in place (inputs): the rows are told apart by their code (`scale0001`).
  'SOAJS groups': { path: '/soajs/groups', table: 'Groups of SCALE', sortBy: 'Name', ...descending, lastPage: ['scale0024', 'scale0001'] },
  'SOAJS users': { path: '/soajs/users', table: 'SOAJS users', sortBy: 'Name', ...descending, filter: 'scale0' },
  '2N entries': { path: '/twon/entries', table: 'Directory entries', sortBy: 'Name', ...descending },
  'audit log': {
    path: '/audit-log',
    table: 'Audit entries',
    sortBy: 'Time',
    direction: 'ascending',
    size: 50,
    filter: 'rpdb.attribute.create',
    total: SCALE_ROWS,
    lastPage: ['rpdb.attribute.create', 'rpdb.attribute.create'],
  },
  // A record's History tab: the tab and the table's page are in the URL too (`?tab=history&history.page=…`).
  'a record’s History': {
    path: (seeded) => `/flexcare/profiles/${seeded.historyProfileId}?tab=history`,
    table: 'History',
    key: 'history',
    sortBy: 'Time',
    direction: 'ascending',
    size: 10,
    total: SCALE_ROWS + 1,
    lastPage: ['history 1010', 'history 1010'],
  },
};

const SLOW = { timeout: 15_000 };

function parts(page: Page, c: ListCase) {
  const filterForm = page.getByRole('form', { name: `Filter ${c.table.toLowerCase()}` });
  const pager = page.getByRole('navigation', { name: `${c.table} pages` });
  const table = page.getByRole('table', { name: c.table, exact: true });
  return {
    filterForm,
    search: filterForm.getByRole('searchbox'),
    pager,
    range: pager.getByTestId('table-range'),
    table,
    // Not the rows of tables inside a cell (the audit diff).
    rows: table.locator(':scope > tbody > tr'),
    sortHeader: table.getByRole('columnheader', { name: new RegExp(`^${c.sortBy}`) }),
  };
}

const n = (value: number) => value.toLocaleString('en');

describe('every list at 1,000+ rows', () => {
  it.each(Object.entries(lists))('%s: sort, filter and the last page, kept across Back', async (name, c) => {
    browser.screenshotOnFailure(`scale-${name.replaceAll(' ', '-')}`);
    const { page } = browser;
    const ui = parts(page, c);
    if (!scale) throw new Error('the scale workspace is seeded in beforeAll');
    await page.goto(typeof c.path === 'string' ? c.path : c.path(scale));
    await expect.poll(async () => (await ui.range.textContent()) ?? '', SLOW).toMatch(/ of \d{1,3}(,\d{3})+$/);

    const direction = c.direction ?? 'descending';
    // One click sorts by the column (ascending), or flips it when the list is already sorted by it.
    for (let click = 0; click < 2 && (await ui.sortHeader.getAttribute('aria-sort')) !== direction; click++) {
      await ui.sortHeader.getByRole('button').click();
      await expect.poll(() => ui.sortHeader.getAttribute('aria-sort'), SLOW).not.toBeNull();
    }
    expect(await ui.sortHeader.getAttribute('aria-sort')).toBe(direction);
    const size = c.size ?? 25;
    if (c.filter !== undefined) {
      await ui.search.fill(c.filter);
      await ui.filterForm.getByRole('button', { name: 'Apply' }).click();
    }
    await expect.poll(() => ui.range.textContent(), SLOW).toBe(`1–${size} of ${n(c.total)}`);

    const last = Math.ceil(c.total / size);
    await ui.pager.getByLabel('Page number').fill(String(last));
    await ui.pager.getByRole('button', { name: 'Go' }).click();
    const lastRange = `${n((last - 1) * size + 1)}–${n(c.total)} of ${n(c.total)}`;
    await expect.poll(() => ui.range.textContent(), SLOW).toBe(lastRange);
    // The previous page's rows show until the new ones arrive: wait for the page's own rows.
    const lastRows = async () => {
      const texts = await ui.rows.allTextContents();
      return [texts.length, texts[0]?.includes(c.lastPage[0]), texts.at(-1)?.includes(c.lastPage[1])];
    };
    await expect.poll(lastRows, SLOW).toEqual([c.total - (last - 1) * size, true, true]);
    const shown = await ui.rows.allTextContents();
    // The state is in the URL (the table shows a change at once, the URL follows when the router is done).
    const key = (name: string) => (c.key ? `${c.key}.${name}` : name);
    const inUrl = () => {
      const params = new URL(page.url()).searchParams;
      // The sort shows as `sort` and/or `desc`, whichever differs from the list's default.
      return [params.get(key('page')), params.get(key('q')), params.has(key('sort')) || params.has(key('desc'))];
    };
    await expect.poll(inUrl, SLOW).toEqual([String(last), c.filter ?? null, true]);
    const url = page.url();

    // Away (the row's record where it has one, else another page) and Back.
    const link = ui.rows.last().getByRole('link').first();
    if ((await link.count()) > 0) await link.click();
    else await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Overview' }).click();
    await page.waitForURL((u) => u.href !== url);
    await page.goBack();
    await expect.poll(() => ui.range.textContent(), SLOW).toBe(lastRange);
    expect(page.url()).toBe(url);
    if (c.filter !== undefined) expect(await ui.search.inputValue()).toBe(c.filter);
    expect(await ui.sortHeader.getAttribute('aria-sort')).toBe(direction);
    await expect.poll(() => ui.rows.allTextContents(), SLOW).toEqual(shown);
  });
});

import { beforeAll, describe, expect, inject, it } from 'vitest';
import { login, setupBrowser } from './harness';

// The one data table at scale (1,000+ RPdb profiles): sort, filter, page jump, state kept across Back, bulk
// delete and move-to-position; live updates from a vendor REST call; a record's History tab; the outage banner.

const browser = setupBrowser();
const BULK = 1005;

function rpdbKey(): string {
  return (inject('credentials').rpdb as { privilegedApiKey: string }).privilegedApiKey;
}

async function rpdb(method: string, path: string, body?: unknown) {
  const res = await fetch(`${inject('apiUrl')}${path}`, {
    method,
    headers: { 'x-api-key': rpdbKey(), ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await res.text();
  return { status: res.status, body: text ? (JSON.parse(text) as unknown) : undefined };
}

/** 1,005 profiles through the RPdb surface, 25 requests at a time (in beforeAll: the hook has the time). */
async function seedProfiles() {
  const started = Date.now();
  const names = Array.from({ length: BULK }, (_, i) => `bulk ${String(i + 1).padStart(4, '0')}`);
  for (let i = 0; i < names.length; i += 25) {
    const results = await Promise.all(names.slice(i, i + 25).map((name) => rpdb('POST', '/profile', { name })));
    for (const r of results) if (r.status !== 201) throw new Error(`seed: ${r.status} ${JSON.stringify(r.body)}`);
  }
  console.log(`[e2e] seeded ${BULK} RPdb profiles in ${((Date.now() - started) / 1000).toFixed(1)} s`);
}

beforeAll(seedProfiles);

const range = () => browser.page.getByTestId('table-range');
// A loaded CI machine answers in seconds, not milliseconds: polls get time.
const SLOW = { timeout: 15_000 };

describe('the data table at 1,000+ rows', () => {
  it('sorts, filters and jumps pages on the server; Back from another page keeps page, sort and filter', async () => {
    browser.screenshotOnFailure('table-sort-filter-page');
    const { page } = browser;
    await login(page);
    await page.goto('/rpdb/profiles');
    await expect.poll(async () => (await range().textContent()) ?? '', SLOW).toMatch(/^1–25 of 1,0\d\d$/);

    // Sort by name, descending (second click), then filter and jump to the last page.
    const table = page.getByRole('table', { name: 'Profiles' });
    await table.getByRole('button', { name: /^Name/ }).click();
    await page.waitForURL(/sort=name/);
    await table.getByRole('button', { name: /^Name/ }).click();
    await page.waitForURL(/desc=1/);
    await page.getByTestId('profile-row-bulk 1005').waitFor();
    await page.getByRole('searchbox').fill('bulk 0');
    await page.getByRole('button', { name: 'Apply' }).click();
    await expect.poll(async () => range().textContent(), SLOW).toBe('1–25 of 999');
    await page.getByLabel('Page number').fill('40');
    await page.getByRole('button', { name: 'Go' }).click();
    await expect.poll(async () => range().textContent(), SLOW).toBe('976–999 of 999');
    // Descending by name: the last page ends with the smallest name (the previous page shows until it arrives).
    const names = page.getByTestId('profile-name');
    await expect.poll(async () => (await names.allTextContents()).at(-1), { timeout: 15_000 }).toBe('bulk 0001');
    expect(await names.count()).toBe(24);
    const url = page.url();
    expect(new URL(url).searchParams.get('page')).toBe('40');

    // Away and Back: the same page of the same filtered, sorted list.
    await page.getByTestId('profile-row-bulk 0001').getByRole('link', { name: 'History' }).click();
    await page.waitForURL('**/audit-log?**');
    await page.goBack();
    await expect.poll(async () => range().textContent(), SLOW).toBe('976–999 of 999');
    expect(page.url()).toBe(url);
    expect(await page.getByRole('searchbox').inputValue()).toBe('bulk 0');
    await expect.poll(async () => (await names.allTextContents()).at(-1), { timeout: 15_000 }).toBe('bulk 0001');
  });

  it('moves the 1,005th profile to the top', async () => {
    browser.screenshotOnFailure('table-move');
    const { page } = browser;
    await page.goto('/rpdb/profiles?size=25&page=41');
    await expect.poll(async () => (await range().textContent()) ?? '', SLOW).toMatch(/^1,001–/);
    const row = page.getByRole('row').filter({ has: page.getByRole('cell', { name: '1005', exact: true }) });
    const name = ((await row.getByTestId('profile-name').textContent()) ?? '').trim();
    expect(name).not.toBe('');
    await row.getByRole('button', { name: `Move ${name} to the top` }).click();
    await page
      .getByTestId('toast')
      .filter({ hasText: `Moved “${name}” to position 1` })
      .waitFor();
    await page.goto('/rpdb/profiles');
    await expect.poll(async () => (await page.getByTestId('profile-name').first().textContent())?.trim(), SLOW).toBe(name);
    const rest = await rpdb('GET', '/profile?ignore_rights=true&fields[]=name');
    expect((rest.body as { name: string }[])[0]?.name).toBe(name);
  });

  it('deletes 50 selected rows at once', async () => {
    browser.screenshotOnFailure('table-bulk-delete');
    const { page } = browser;
    await page.goto('/rpdb/profiles?size=50&q=bulk+0');
    await expect.poll(async () => range().textContent(), SLOW).toBe('1–50 of 999');
    await page.getByLabel('Select every row on this page').check();
    await expect.poll(() => page.getByTestId('selected-count').textContent(), SLOW).toBe('50 selected');
    await page.getByRole('button', { name: 'Delete 50' }).click();
    await page.getByRole('dialog').getByRole('button', { name: 'Delete profiles' }).click();
    await page.getByTestId('toast').filter({ hasText: 'Deleted 50 profiles' }).waitFor({ timeout: 30_000 });
    await expect.poll(async () => range().textContent(), SLOW).toBe('1–50 of 949');
    const rest = await rpdb('GET', '/profile?ignore_rights=true&fields[]=name');
    expect((rest.body as { name: string }[]).filter((p) => p.name.startsWith('bulk 0'))).toHaveLength(949);
  });
});

describe('live updates', () => {
  it('shows a profile created through the RPdb REST surface in the open list within 2 s, without reload', async () => {
    browser.screenshotOnFailure('live-update');
    const { page } = browser;
    await page.goto('/rpdb/profiles?q=live');
    await page.getByText('No profiles match').waitFor();
    // The feed connects when the page opens; give the stream a moment to be established.
    await page.waitForTimeout(1_000);
    const created = await rpdb('POST', '/profile', { name: 'live from REST' });
    expect(created.status).toBe(201);
    const started = Date.now();
    await page.getByTestId('profile-row-live from REST').waitFor({ timeout: 2_000 });
    expect(Date.now() - started).toBeLessThan(2_000);
    expect(await page.getByTestId('live-updated').textContent()).toContain('rpdb.profile.create');
  });

  it('keeps an open Delete dialog when someone else deletes that profile meanwhile; confirming says it is gone', async () => {
    browser.screenshotOnFailure('live-dialog-row-deleted');
    const { page } = browser;
    const created = await rpdb('POST', '/profile', { name: 'gone meanwhile' });
    expect(created.status).toBe(201);
    await page.goto('/rpdb/profiles?q=gone+meanwhile');
    const row = page.getByTestId('profile-row-gone meanwhile');
    await row.getByRole('button', { name: 'Delete' }).click();
    const dialog = page.getByRole('dialog', { name: 'Delete profile “gone meanwhile”?' });
    await dialog.waitFor();

    expect((await rpdb('DELETE', `/profile/${(created.body as { id: number }).id}`)).status).toBe(200);
    await page.getByText('No profiles match').waitFor();
    expect(await dialog.isVisible()).toBe(true);
    await dialog.getByRole('button', { name: 'Delete profile' }).click();
    const alert = page.getByRole('alert').filter({ hasText: 'Profile request failed' });
    await alert.waitFor();
    expect(await alert.textContent()).toMatch(/not found/i);
  });

  it("shows a FlexCare profile's REST edit on its open History tab, with the diff", async () => {
    browser.screenshotOnFailure('history-tab');
    const { page } = browser;
    const flexcare = inject('credentials').flexcare as { url: string; admin: { username: string; password: string } };
    const { token } = (await (
      await fetch(`${flexcare.url}/auth/login`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(flexcare.admin),
      })
    ).json()) as { token: string };
    const auth = { authorization: `Bearer ${token}`, 'content-type': 'application/json' };
    const list = (await (await fetch(`${flexcare.url}/flexcare/dialog/profile?limit=1`, { headers: auth })).json()) as {
      items: { _id: string }[];
    };
    const id = list.items[0]!._id;
    const current = (await (await fetch(`${flexcare.url}/flexcare/dialog/profile/${id}`, { headers: auth })).json()) as Record<
      string,
      unknown
    >;

    await page.goto(`/flexcare/profiles/${id}`);
    await page.getByRole('tab', { name: 'History' }).click();
    await page.getByRole('table', { name: 'History' }).or(page.getByText('No history match')).first().waitFor();
    await page.waitForTimeout(1_000);
    const { _id, mdmKey, ...body } = current;
    const res = await fetch(`${flexcare.url}/flexcare/dialog/profile/${id}`, {
      method: 'POST',
      headers: auth,
      body: JSON.stringify({ ...body, name: 'Renamed over REST' }),
    });
    expect(res.status).toBe(200);
    const row = page.getByTestId('history-row').filter({ hasText: 'flexcare.profile.update' }).first();
    await row.waitFor({ timeout: 2_000 });
    await row.getByText('Show changes').click();
    expect(await row.textContent()).toContain('Renamed over REST');
    expect(await row.textContent()).toContain(String(current.name));
  });
});

describe('API outage', () => {
  it('shows a banner while the API is down and recovers by itself after it restarts', async () => {
    browser.screenshotOnFailure('outage');
    const { page } = browser;
    await page.goto('/rpdb/profiles?q=live');
    await page.getByTestId('profile-row-live from REST').waitFor();
    const control = inject('controlUrl');
    expect((await fetch(`${control}/api/stop`, { method: 'POST' })).status).toBe(204);
    try {
      await page.getByRole('button', { name: 'Apply' }).click(); // any refetch now fails
      await page.getByRole('searchbox').fill('live f');
      await page.getByRole('button', { name: 'Apply' }).click();
      await page.getByTestId('outage-banner').waitFor({ timeout: 20_000 });
    } finally {
      expect((await fetch(`${control}/api/start`, { method: 'POST' })).status).toBe(204);
    }
    await page.getByTestId('outage-banner').waitFor({ state: 'detached', timeout: 20_000 });
    await page.getByTestId('profile-row-live from REST').waitFor();
  });
});

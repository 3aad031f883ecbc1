import { readFile } from 'node:fs/promises';
import { describe, expect, inject, it } from 'vitest';
import { login, setupBrowser } from './harness';

const browser = setupBrowser();

const ALICE = 'E2E00000-0000-4000-8000-000000000001';

// Names that cannot occur in a uuid: the entry search also matches uuids, and random ones hold any hex run ("E2E").
const csv = [
  'uuid,name,email,access.pin,access.code[0]',
  `${ALICE},Import Alice,alice@example.com,1234,5678`,
  ',Import Bob,bob@example.com,,',
  'E2E00000-0000-4000-8000-000000000003,Import Broken,not-an-email,hello,',
  ',Import Nameless,also-not-an-email,,',
].join('\r\n');

async function dirGet(uuid: string) {
  const { username, password } = inject('credentials').twoN as { username: string; password: string };
  const res = await fetch(`${inject('apiUrl')}/api/dir/get`, {
    method: 'POST',
    headers: { authorization: `Basic ${Buffer.from(`${username}:${password}`).toString('base64')}`, 'content-type': 'application/json' },
    body: JSON.stringify({ users: [{ uuid }], fields: ['name', 'email', 'access.pin'] }),
  });
  return (await res.json()) as { success: boolean; result: { users: Record<string, unknown>[] } };
}

describe('2N admin pages', () => {
  it('imports a small CSV with a per-row error report, edits an entry and sees the edit in "changes since"', async () => {
    browser.screenshotOnFailure('twon-import-edit-changes');
    const { page } = browser;
    await login(page);

    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Directories' }).click();
    await page.waitForURL('**/twon/directories');
    await page.getByTestId('twon-directory-row-Front door (Verso)').waitFor();

    await page.goto('/twon/transfer');
    await page.getByLabel('CSV file').setInputFiles({ name: 'e2e.csv', mimeType: 'text/csv', buffer: Buffer.from(csv) });
    await expect.poll(() => page.getByTestId('twon-import-summary').textContent()).toContain('2 rows were rejected');
    expect(await page.getByTestId('twon-import-progress').textContent()).toBe('4 / 4 rows');
    const rejected = page.getByTestId('twon-import-error-row-4');
    expect(await rejected.textContent()).toContain('EDIR_FIELD_VALUE_ERROR (email)');
    expect(await rejected.textContent()).toContain('EDIR_FIELD_VALUE_ERROR (access.pin)');
    expect(await rejected.textContent()).toContain('E2E00000-0000-4000-8000-000000000003');
    // A rejected row without a uuid of its own lists none: nothing was written under any uuid.
    const nameless = page.getByTestId('twon-import-error-row-5');
    expect(await nameless.textContent()).toContain('none in the file');
    expect(await nameless.textContent()).not.toMatch(/[0-9a-f]{8}-[0-9a-f]{4}-/i);

    await page.goto('/twon/entries');
    await page.getByRole('searchbox').fill('Import');
    await page.getByRole('button', { name: 'Apply' }).click();
    // The filtered list, not the unfiltered one still on screen while the search is on its way.
    await page.waitForURL((url) => url.searchParams.get('q') === 'Import');
    await expect.poll(() => page.getByTestId('table-range').textContent()).toBe('1–2 of 2');
    await page.getByTestId('twon-entry-row-Import Alice').getByRole('link', { name: 'Import Alice' }).click();
    await page.waitForURL(`**/twon/entries/edit?uuid=${ALICE}`);
    const name = page.getByRole('textbox', { name: 'Name', exact: true });
    await expect.poll(() => name.inputValue()).toBe('Import Alice');
    const pin = page.getByRole('textbox', { name: 'Access · Pin', exact: true });
    expect(await pin.inputValue()).toBe('1234');
    // The device refuses a PIN of letters: the error sits on that field and nothing is written.
    await pin.fill('12ab');
    await page.getByRole('button', { name: 'Save entry' }).click();
    await expect.poll(() => pin.getAttribute('aria-invalid')).toBe('true');
    expect(await page.locator('#twon-field-access-pin-error').textContent()).toBe('invalid value');
    await pin.fill('1234');
    await name.fill('Import Alice Edited');
    await page.getByRole('button', { name: 'Save entry' }).click();
    const saved = page.getByText(/^Saved — timestamp \d+$/);
    await saved.waitFor();
    await page.getByTestId('toast').filter({ hasText: 'Saved “Import Alice Edited”' }).waitFor();
    const timestamp = Number(/(\d+)$/.exec((await saved.textContent()) ?? '')?.[1]);

    await page.goto('/twon/changes');
    await page.getByLabel('Changes after timestamp').fill(String(timestamp - 1));
    await page.getByRole('button', { name: 'Show changes' }).click();
    const change = page.getByTestId(`twon-change-${timestamp}`);
    await change.waitFor();
    expect(await change.textContent()).toContain('Import Alice Edited');
    expect(await change.textContent()).toContain(ALICE);

    // The export holds the edited entry in the import format (uuid first, fields by path).
    await page.goto('/twon/transfer');
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Download CSV' }).click()]);
    const exported = (await readFile((await download.path())!, 'utf8')).split('\r\n');
    const header = exported[0]!.split(',');
    expect(header.slice(0, 3)).toEqual(['uuid', 'owner', 'name']);
    const aliceRow = exported.find((line) => line.startsWith(ALICE))!.split(',');
    expect(aliceRow[header.indexOf('name')]).toBe('Import Alice Edited');
    expect(aliceRow[header.indexOf('access.code[0]')]).toBe('5678');

    // The device API sees the edit, and the import's other fields are intact.
    const wire = await dirGet(ALICE);
    expect(wire.result.users).toEqual([
      { uuid: ALICE, name: 'Import Alice Edited', email: 'alice@example.com', access: { pin: '1234' }, timestamp },
    ]);
  });

  it('deletes an entry from the list; devices see it deleted', async () => {
    browser.screenshotOnFailure('twon-delete');
    const { page } = browser;
    await page.goto('/twon/entries?q=Import+Bob');
    const row = page.getByTestId('twon-entry-row-Import Bob');
    await row.waitFor();
    // A tombstone keeps only uuid, owner and timestamp: it is found again by its uuid.
    const uuid = /[0-9A-F]{8}-[0-9A-F]{4}-[0-9A-F]{4}-[0-9A-F]{4}-[0-9A-F]{12}/i.exec((await row.textContent()) ?? '')?.[0];
    expect(uuid).toBeDefined();
    await row.getByRole('button', { name: 'Delete' }).click();
    await page.getByRole('dialog').getByRole('button', { name: 'Delete entry' }).click();
    await page.getByTestId('toast').filter({ hasText: 'Deleted 1 entry' }).waitFor();
    await row.waitFor({ state: 'detached' });
    await page.getByLabel('Show deleted').check();
    await page.waitForURL((url) => url.searchParams.get('deleted') === '1');
    await page.getByRole('searchbox').fill(uuid!);
    await page.getByRole('button', { name: 'Apply' }).click();
    await page.waitForURL((url) => url.searchParams.get('q') === uuid);
    await page.getByTestId('table-range').filter({ hasText: '1–1 of 1' }).waitFor();
    expect(await page.getByRole('table', { name: 'Directory entries' }).textContent()).toContain('deleted');
  });
});

describe('2N directories', () => {
  it('creates a directory and a device account whose password works over Basic auth; a taken user name shows on its field', async () => {
    browser.screenshotOnFailure('twon-directory-account');
    const { page } = browser; // signed in by the first test of this file
    await page.goto('/twon/directories');
    const create = page.getByRole('form', { name: 'Create a directory' });
    // Named to sort after the demo's "Front door": the entry pages default to the first directory.
    await create.getByLabel('Directory name').fill('Lobby E2E');
    await create.getByLabel('Device model').selectOption('style');
    await create.getByRole('button', { name: 'Create directory' }).click();
    await page.getByTestId('toast').filter({ hasText: 'Directory “Lobby E2E” created' }).waitFor();

    // The new directory is the selected one: its device accounts are below.
    const accounts = page.getByRole('region', { name: 'Device accounts of “Lobby E2E”' });
    await accounts.getByLabel('User name').fill('e2e-lobby-device');
    await accounts.getByRole('button', { name: 'Create account' }).click();
    const password = ((await accounts.getByTestId('twon-account-password').textContent()) ?? '').trim();
    expect(password.length).toBeGreaterThanOrEqual(12);
    const res = await fetch(`${inject('apiUrl')}/api/dir/template`, {
      headers: { authorization: `Basic ${Buffer.from(`e2e-lobby-device:${password}`).toString('base64')}` },
    });
    expect(res.status).toBe(200);

    await accounts.getByLabel('User name').fill('e2e-lobby-device');
    await accounts.getByRole('button', { name: 'Create account' }).click();
    const taken = accounts.locator('#twon-account-username-error');
    await taken.waitFor();
    expect(await taken.textContent()).toContain('e2e-lobby-device is taken');
  });
});

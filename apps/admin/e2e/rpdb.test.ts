import { describe, expect, inject, it } from 'vitest';
import { login, setupBrowser } from './harness';

const browser = setupBrowser();

type WireProfile = { id: number; name: string; sort_order: number; attributes: number[] };

async function rpdbGet(path: string, key: string): Promise<{ status: number; body: unknown }> {
  const res = await fetch(`${inject('apiUrl')}${path}`, { headers: { 'x-api-key': key } });
  const text = await res.text();
  return { status: res.status, body: text ? JSON.parse(text) : undefined };
}

describe('RPdb admin pages', () => {
  it('creates an attribute, a profile using it and a key with read on it; the key sees the profile over REST', async () => {
    browser.screenshotOnFailure('rpdb-create');
    const { page } = browser;
    await login(page);

    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Attributes' }).click();
    await page.waitForURL('**/rpdb/attributes');
    await page.getByLabel('Attribute name').fill('e2e-attr');
    // Default none: only keys given a right explicitly can see profiles through it.
    await page.getByLabel('Default right', { exact: true }).selectOption('none');
    await page.getByRole('button', { name: 'Create attribute' }).click();
    await page.getByTestId('attribute-row-e2e-attr').waitFor();

    // Other tests may have filled the account: the filtered list shows the new profile wherever it sorts.
    await page.goto('/rpdb/profiles?q=e2e');
    const createProfile = page.getByRole('form', { name: 'Create a profile' });
    await createProfile.getByLabel('Profile name').fill('e2e profile');
    await createProfile.getByLabel('e2e-attr').check();
    await page.getByRole('button', { name: 'Create profile' }).click();
    const row = page.getByTestId('profile-row-e2e profile');
    await row.waitFor();
    expect(await row.textContent()).toContain('e2e-attr');

    await page.goto('/rpdb/api-keys');
    await page.getByLabel('Key name').fill('e2e key');
    await page.getByLabel('e2e-attr: read').check();
    await page.getByRole('button', { name: 'Create key' }).click();
    const shown = page.getByTestId('new-rpdb-key');
    await shown.waitFor();
    const key = ((await shown.textContent()) ?? '').trim();
    expect(key).toMatch(/^[0-9a-f]{64}$/);
    const keyRow = page.getByTestId('rpdb-key-row-e2e key');
    await keyRow.waitFor();
    expect(await keyRow.textContent()).toContain('e2e-attr: read');

    // The rights editor opens below the table and fits a 1440 px screen (inside a cell it pushed the page wider).
    await page.setViewportSize({ width: 1440, height: 900 });
    await keyRow.getByRole('button', { name: 'Edit rights' }).click();
    await page.getByRole('table', { name: 'Rights of e2e key' }).waitFor();
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(1440);
    await page.getByRole('button', { name: 'Cancel' }).click();
    await page.setViewportSize({ width: 1280, height: 900 });

    // The key works against the RPdb surface and sees the profile through its read right.
    const list = await rpdbGet('/api/v1/profile', key);
    expect(list.status).toBe(200);
    const created = (list.body as WireProfile[]).find((p) => p.name === 'e2e profile');
    expect(created?.attributes).toHaveLength(1);
    // Read is not enough to delete it.
    const del = await fetch(`${inject('apiUrl')}/profile/${created!.id}`, { method: 'DELETE', headers: { 'x-api-key': key } });
    expect(del.status).toBe(412);
  });

  it('moves a profile to a position with Move…, and the order persists (page reload and REST)', async () => {
    browser.screenshotOnFailure('rpdb-reorder');
    const { page } = browser;
    // Its own three profiles (new ones go last), so other tests' rows do not matter.
    const mine = ['move-e2e a', 'move-e2e b', 'move-e2e c'];
    await page.goto('/rpdb/profiles?q=move-e2e');
    const createProfile = page.getByRole('form', { name: 'Create a profile' });
    for (const name of mine) {
      await createProfile.getByLabel('Profile name').fill(name);
      // An attribute, so the privileged key lists it over REST (profiles without one are hidden from keys).
      await createProfile.getByLabel('Alarm', { exact: true }).check();
      await page.getByRole('button', { name: 'Create profile' }).click();
      await page.getByTestId(`profile-row-${name}`).waitFor();
    }
    const names = page.getByTestId('profile-name');
    const shown = async () => (await names.allTextContents()).map((n) => n.trim());
    await expect.poll(shown).toEqual(mine);

    const [first, second, third] = mine as [string, string, string];
    await page.getByRole('button', { name: `Move ${third}`, exact: true }).click();
    await page.getByLabel(/New position of/).fill('1');
    await page.getByRole('button', { name: 'Move', exact: true }).click();
    const expected = [third, first, second];
    await expect.poll(shown).toEqual(expected);

    await page.reload();
    await names.first().waitFor();
    await expect.poll(shown).toEqual(expected);
    // Position 1 of the whole account, not only of the filtered rows.
    await page.goto('/rpdb/profiles');
    await expect.poll(async () => (await shown())[0]).toBe(third);

    const { privilegedApiKey } = inject('credentials').rpdb as { privilegedApiKey: string };
    const rest = await rpdbGet('/profile?ignore_rights=true&fields[]=name', privilegedApiKey);
    expect(rest.status).toBe(200);
    const restNames = (rest.body as { name: string }[]).map((p) => p.name);
    expect(restNames[0]).toBe(third);
    expect(restNames.filter((n) => mine.includes(n))).toEqual(expected);
  });

  // Last: the new account becomes the chosen one for the rest of this browser's RPdb pages.
  it('creates an RPdb account, shows its password once and switches to it; a taken name shows on its field', async () => {
    browser.screenshotOnFailure('rpdb-account');
    const { page } = browser;
    await page.goto('/rpdb/attributes');
    await page.getByRole('button', { name: 'New RPdb account' }).click();
    await page.getByLabel('New account name').fill('e2e account');
    await page.getByRole('button', { name: 'Create account' }).click();
    await page.getByTestId('toast').filter({ hasText: 'Created RPdb account e2e account' }).waitFor();
    expect(((await page.getByTestId('rpdb-account-password').textContent()) ?? '').length).toBeGreaterThan(12);
    const picker = page.getByLabel('RPdb account');
    await expect.poll(async () => picker.locator('option:checked').textContent()).toMatch(/^e2e account \(#\d+\)$/);

    await page.getByRole('button', { name: 'New RPdb account' }).click();
    const name = page.getByLabel('New account name');
    await name.fill('E2E Account');
    await page.getByRole('button', { name: 'Create account' }).click();
    await expect.poll(() => name.getAttribute('aria-invalid')).toBe('true');
    expect(await page.locator('#rpdb-account-name-error').textContent()).toContain('already exists');
  });
});

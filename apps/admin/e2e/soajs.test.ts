import { describe, expect, inject, it } from 'vitest';
import { setupBrowser } from './harness';

type SoajsDemo = { url: string; key: string; accessToken: string; rootKey: string; lockedUserId: string; userId: string };

const browser = setupBrowser({ signIn: true });
const soajs = () => inject('credentials').soajs as SoajsDemo;

/** A URAC call the way a SOAJS client makes it (tenant key header + access_token). */
async function urac(method: string, path: string, body?: unknown) {
  const { url, key, accessToken } = soajs();
  const target = new URL(`/urac${path}`, url);
  target.searchParams.set('access_token', accessToken);
  const res = await fetch(target, {
    method,
    headers: { key, ...(body !== undefined && { 'content-type': 'application/json' }) },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  return (await res.json()) as { result: boolean; data?: unknown; errors?: unknown };
}

type Config = { allowedTenants?: unknown[] };

describe('SOAJS config editor', () => {
  it("edits a user's allowedTenants: a bad entry shows the schema error, a taken pin the server's 407, a good one saves", async () => {
    browser.screenshotOnFailure('soajs-config');
    const { page } = browser;
    const { userId } = soajs();

    // Another user holds pin 9999 in tenant X1, so thyme cannot take it there.
    const elvira = (await urac('GET', '/admin/listUsers?keywords=elvira')).data as { _id: string }[];
    const taken = await urac('POST', `/admin/editUserConfig?uId=${elvira[0]!._id}`, {
      config: { allowedTenants: [{ tenant: { id: 'X1', code: 'X1', pin: { code: '9999', allowed: true } } }] },
    });
    expect(taken).toEqual({ result: true, data: true });

    await page.goto('/soajs/users');
    await page.getByLabel('Keywords').fill('thyme');
    await page.getByRole('button', { name: 'Search' }).click();
    const row = page.getByTestId('soajs-user-thyme');
    await row.waitFor();
    await row.getByRole('link', { name: 'Edit config' }).click();
    await page.getByRole('heading', { name: 'Config of thyme' }).waitFor();

    const editor = page.getByLabel('Allowed tenants');
    expect(await editor.inputValue()).toContain('"code": "****"');
    const before = ((await urac('GET', `/admin/getUser?uId=${userId}`)).data as { config: Config }).config;

    await editor.fill(JSON.stringify([{ tenant: { id: 'X1', code: 'X1' }, groups: ['waiter'], oops: true }]));
    await page.getByRole('button', { name: 'Save config' }).click();
    const schemaAlert = page.getByRole('alert').filter({ hasText: 'does not match the URAC schema' });
    await schemaAlert.waitFor();
    expect(await schemaAlert.textContent()).toContain(
      'config.allowedTenants[0]: additionalProperty "oops" exists in instance when not allowed',
    );
    expect(((await urac('GET', `/admin/getUser?uId=${userId}`)).data as { config: Config }).config).toEqual(before);

    await editor.fill(JSON.stringify([{ tenant: { id: 'X1', code: 'X1', pin: { code: '9999', allowed: true } }, groups: ['waiter'] }]));
    await page.getByRole('button', { name: 'Save config' }).click();
    const serverAlert = page.getByRole('alert').filter({ hasText: 'The server refused the config' });
    await serverAlert.waitFor();
    expect(await serverAlert.textContent()).toContain('Problem validating Request. Please try again.');
    expect(((await urac('GET', `/admin/getUser?uId=${userId}`)).data as { config: Config }).config).toEqual(before);

    await editor.fill(JSON.stringify([{ tenant: { id: 'X1', code: 'X1', pin: { code: '9998', allowed: true } }, groups: ['waiter'] }]));
    await page.getByRole('button', { name: 'Save config' }).click();
    await page.getByText('Config saved').waitFor();
    const after = ((await urac('GET', `/admin/getUser?uId=${userId}`)).data as { config: Config }).config;
    expect(after.allowedTenants).toEqual([{ tenant: { id: 'X1', code: 'X1', pin: { code: '****', allowed: true } }, groups: ['waiter'] }]);
    // Sections left alone keep their values.
    expect(after).toMatchObject({ packages: (before as Record<string, unknown>).packages });
  });

  it('lists users with the lock flag and changes a status', async () => {
    browser.screenshotOnFailure('soajs-users');
    const { page } = browser;
    await page.goto('/soajs/users');
    const owner = page.getByTestId('soajs-user-owner');
    await owner.getByText('Locked', { exact: true }).waitFor();
    const elvira = page.getByTestId('soajs-user-elvira');
    await elvira.getByLabel('Status of elvira').selectOption('inactive');
    await page.waitForResponse((res) => res.url().includes('soajs.user.list') && res.ok());
    const list = (await urac('GET', '/admin/listUsers?keywords=elvira')).data as { status: string }[];
    expect(list[0]!.status).toBe('inactive');
  });
});

import { createProfilehubClient } from '@profilehub/client';
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
    await page.getByLabel('Filter', { exact: true }).fill('thyme');
    await page.getByRole('button', { name: 'Apply' }).click();
    const row = page.getByTestId('soajs-user-thyme');
    await row.waitFor();
    await row.getByRole('link', { name: 'Edit' }).click();
    await page.getByRole('heading', { name: 'SOAJS user thyme' }).waitFor();

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
    expect(await serverAlert.textContent()).toContain('a pin is already used in the tenant');
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
    await page.waitForResponse((res) => res.url().includes('soajs.user.page') && res.ok());
    const list = (await urac('GET', '/admin/listUsers?keywords=elvira')).data as { status: string }[];
    expect(list[0]!.status).toBe('inactive');
  });
});

describe('SOAJS user details', () => {
  it('filters to one user with a total that agrees, edits the details, and shows a taken username on its field', async () => {
    browser.screenshotOnFailure('soajs-user-edit');
    const { page } = browser;
    await page.goto('/soajs/users?q=elvira');
    const row = page.getByTestId('soajs-user-elvira');
    await row.waitFor();
    // The total above the pager counts the rows shown (was "0 matching user(s) in DBTN" above this one row).
    expect(await page.getByTestId('table-range').textContent()).toBe('1–1 of 1');
    await row.getByRole('link', { name: 'Edit' }).click();
    await page.getByRole('heading', { name: 'SOAJS user elvira' }).waitFor();

    const details = page.getByRole('form', { name: 'User details' });
    await details.getByLabel('Username').fill('thyme');
    await details.getByRole('button', { name: 'Save details' }).click();
    const taken = page.locator('#soajs-edit-username-error');
    await taken.waitFor();
    expect(await taken.textContent()).toContain('Another user already has this username');
    expect(await details.getByLabel('Username').getAttribute('aria-invalid')).toBe('true');

    await details.getByLabel('Username').fill('elvira');
    await details.getByLabel('Last name').fill('Lindqvist-E2E');
    await details.getByLabel('Email').fill('elvira.e2e@example.com');
    await details.getByRole('button', { name: 'Save details' }).click();
    await page.getByTestId('toast').filter({ hasText: 'Saved elvira' }).waitFor();

    const users = (await urac('GET', '/admin/listUsers?keywords=elvira')).data as { lastName: string; email: string; groups: string[] }[];
    expect(users[0]).toMatchObject({ lastName: 'Lindqvist-E2E', email: 'elvira.e2e@example.com' });
    // editUser replaces the record: the groups the form showed were sent back, not cleared.
    expect(users[0]!.groups.length).toBeGreaterThan(0);
  });
});

describe('SOAJS add user', () => {
  it('adds an active user with a password, and shows an existing username on its field', async () => {
    browser.screenshotOnFailure('soajs-add-user');
    const { page } = browser;
    await page.goto('/soajs/users');
    const form = page.getByRole('form', { name: 'Add a SOAJS user' });
    const fill = async (username: string) => {
      await form.getByLabel('Username').fill(username);
      await form.getByLabel('First name').fill('Nova');
      await form.getByLabel('Last name').fill('Added');
      await form.getByLabel('Email').fill(`${username}@example.com`);
      await form.getByLabel('Status').selectOption('active');
      await form.getByLabel('Password', { exact: true }).fill('a-long-password-1');
      await form.getByLabel('Confirm password').fill('a-long-password-1');
      await form.getByRole('button', { name: 'Add user' }).click();
    };
    await fill('e2e-nova');
    await page.getByTestId('toast').filter({ hasText: 'User e2e-nova added' }).waitFor();
    await page.getByTestId('soajs-user-e2e-nova').waitFor();
    // Read back through the API: a URAC call sees only its own tenant's users, and the demo's tenant key
    // belongs to another tenant than the one the form adds to.
    const client = createProfilehubClient({ url: inject('apiUrl'), token: inject('credentials').api.token });
    const { items } = await client.soajs.user.page.query({ q: 'e2e-nova', limit: 10 });
    expect(items).toEqual([expect.objectContaining({ username: 'e2e-nova', status: 'active' })]);

    await fill('e2e-nova');
    const taken = page.locator('#soajs-user-username-error');
    await taken.waitFor();
    expect(await taken.textContent()).toContain('already exists');
  });
});

describe('SOAJS tenants', () => {
  it('sorts and filters tenants on the server, and makes an access token that works for the tenant', async () => {
    browser.screenshotOnFailure('soajs-tenants');
    const { page } = browser;
    await page.goto('/soajs/tenants');
    await page.getByRole('table', { name: 'SOAJS tenants' }).getByRole('button', { name: 'Code' }).click();
    await page.getByRole('table', { name: 'SOAJS tenants' }).getByRole('button', { name: 'Code' }).click();
    await page.waitForURL((url) => url.searchParams.get('sort') === 'code' && url.searchParams.get('desc') === '1');
    const codes = () =>
      page.locator('[data-testid^="soajs-tenant-"]').evaluateAll((rows) => rows.map((r) => r.getAttribute('data-testid')));
    await expect.poll(codes).toEqual(['soajs-tenant-TNT1', 'soajs-tenant-DBTN']);
    await page.getByLabel('Filter', { exact: true }).fill('ordinary');
    await page.getByRole('button', { name: 'Apply' }).click();
    await expect.poll(codes).toEqual(['soajs-tenant-TNT1']);

    await page.getByTestId('soajs-tenant-TNT1').getByRole('button', { name: 'Keys and tokens' }).click();
    const panel = page.getByRole('region', { name: 'Keys and tokens of TNT1' });
    await panel.getByRole('button', { name: 'New access token' }).click();
    const token = ((await panel.locator('#soajs-new-secret').textContent()) ?? '').trim();
    expect(token.length).toBeGreaterThan(20);
    // The new token works on the URAC surface with the tenant's demo key.
    const { url, key } = soajs();
    const target = new URL('/urac/admin/listUsers', url);
    target.searchParams.set('access_token', token);
    const res = (await (await fetch(target, { headers: { key } })).json()) as { result: boolean };
    expect(res.result).toBe(true);
  });
});

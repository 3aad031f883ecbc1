import { describe, expect, inject, it } from 'vitest';
import { login, setupBrowser } from './harness';

const browser = setupBrowser();

type FlexcareCredentials = { url: string; admin: { username: string; password: string } };

/** The profile as the TelecomX surface answers it, read with the demo ADMIN employee's token. */
async function restProfile(id: string) {
  const flexcare = inject('credentials').flexcare as FlexcareCredentials;
  const loginRes = await fetch(`${flexcare.url}/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(flexcare.admin),
  });
  const { token } = (await loginRes.json()) as { token: string };
  const res = await fetch(`${flexcare.url}/flexcare/dialog/profile/${id}`, { headers: { authorization: `Bearer ${token}` } });
  return { status: res.status, body: (await res.json()) as Record<string, unknown> };
}

describe('FlexCare admin pages', () => {
  it('creates a language and a profile with an IP range, edits it, and shows the mdmKey', async () => {
    browser.screenshotOnFailure('flexcare-profile');
    const { page } = browser;
    await login(page);

    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Dialog languages' }).click();
    await page.waitForURL('**/flexcare/languages');
    await page.getByLabel('Language name').fill('E2E Faroese');
    await page.getByLabel('Native name').fill('Føroyskt');
    await page.getByLabel('ISO 639-1 code').fill('fo');
    await page.getByLabel('Country (ISO 3166)').fill('FO');
    await page.getByRole('button', { name: 'Add language' }).click();
    await page.getByTestId('language-row-E2E Faroese').waitFor();

    await page.goto('/flexcare/profiles');
    await page.getByRole('link', { name: 'New profile' }).click();
    await page.waitForURL('**/flexcare/profiles/new');
    await page.getByLabel('Profile name').fill('E2E lobby');
    await page.getByLabel('Customer').selectOption({ label: 'Aarhus Care Home (Nordic Care Partners)' });

    // The IP list validates while typing: a bad prefix length is flagged and blocks saving.
    const ipList = page.getByLabel('IP list');
    await ipList.fill('10.0.0.0/33');
    await page.getByText('Line 1: “10.0.0.0/33” must be an IPv4/IPv6 address or a CIDR range').waitFor();
    expect(await ipList.getAttribute('aria-invalid')).toBe('true');
    expect(await page.getByRole('button', { name: 'Create profile' }).isDisabled()).toBe(true);
    await ipList.fill('10.0.0.0/24');
    expect(await ipList.getAttribute('aria-invalid')).toBe('false');

    await page.getByLabel('E2E Faroese').check();
    await page.getByRole('button', { name: 'Create profile' }).click();
    await page.waitForURL(/\/flexcare\/profiles\/[0-9a-f]{24}$/);
    const id = page.url().split('/').pop()!;

    const mdmKey = ((await page.getByTestId('mdm-key').textContent()) ?? '').trim();
    expect(mdmKey).toMatch(/^[0-9a-f]{24}-[0-9a-f]{24}$/);

    // Edit: rename, add an IPv6 range, and a keyboard layout (invalid JSON is refused while typing).
    await page.getByLabel('Profile name').fill('E2E lobby (edited)');
    await ipList.fill('10.0.0.0/24\n2001:db8::/32');
    const large = page.getByLabel('Large keyboard layout (JSON)');
    await large.fill('{"rows": [');
    expect(await large.getAttribute('aria-invalid')).toBe('true');
    expect(await page.getByRole('button', { name: 'Save changes' }).isDisabled()).toBe(true);
    await large.fill('{"rows":[["a","b"]]}');
    await page.getByRole('button', { name: 'Save changes' }).click();
    await page.getByRole('heading', { name: 'E2E lobby (edited)' }).waitFor();
    await page.getByTestId('toast').filter({ hasText: 'Saved E2E lobby (edited)' }).waitFor();

    // An unsaved edit asks before a link leaves the page; staying keeps the edit.
    await page.getByLabel('Profile name').fill('E2E lobby (unsaved)');
    const asked = page.waitForEvent('dialog').then(async (dialog) => {
      const message = dialog.message();
      await dialog.dismiss();
      return message;
    });
    await page.getByRole('link', { name: 'All profiles' }).click();
    expect(await asked).toContain('unsaved changes');
    expect(page.url()).toMatch(new RegExp(`/flexcare/profiles/${id}$`));
    await page.getByLabel('Profile name').fill('E2E lobby (edited)');

    const rest = await restProfile(id);
    expect(rest.status).toBe(200);
    expect(rest.body).toMatchObject({
      _id: id,
      name: 'E2E lobby (edited)',
      ipList: ['10.0.0.0/24', '2001:db8::/32'],
      allLanguages: false,
      mdmKey,
      largeKeyboardLayout: '{"rows":[["a","b"]]}',
      smallKeyboardLayout: '',
    });
    expect(rest.body.languages).toHaveLength(1);

    // Rotating the key shows a new one.
    await page.getByRole('button', { name: 'Rotate key' }).click();
    await page.getByRole('dialog', { name: 'Rotate the MDM key?' }).getByRole('button', { name: 'Rotate key' }).click();
    await page.waitForFunction((old) => document.querySelector('[data-testid="mdm-key"]')?.textContent?.trim() !== old, mdmKey);
    const rotated = ((await page.getByTestId('mdm-key').textContent()) ?? '').trim();
    expect(rotated).toMatch(/^[0-9a-f]{24}-[0-9a-f]{24}$/);
    expect((await restProfile(id)).body.mdmKey).toBe(rotated);
  });

  it('creates an employee with an access level that can sign in to the TelecomX API, and issues then revokes a license', async () => {
    browser.screenshotOnFailure('flexcare-directory');
    const { page } = browser;
    await page.goto('/flexcare/directory');
    const form = page.getByRole('form', { name: 'Create an employee' });
    await form.getByLabel('Customer').selectOption({ label: 'Riga Clinic' });
    await form.getByLabel('Username (e-mail)').fill('e2e-ra@flexcare.test');
    await form.getByLabel('Full name').fill('E2E Reseller Admin');
    await form.getByLabel('Access level').selectOption('RESELLER_ADMIN');
    await form.getByLabel('Password').fill('e2e-password-long');
    await form.getByRole('button', { name: 'Create employee' }).click();
    const row = page.getByTestId('employee-row-e2e-ra@flexcare.test');
    await row.waitFor();
    expect(await row.getByLabel('Access level of e2e-ra@flexcare.test').inputValue()).toBe('RESELLER_ADMIN');

    const flexcare = inject('credentials').flexcare as FlexcareCredentials;
    const loginRes = await fetch(`${flexcare.url}/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username: 'e2e-ra@flexcare.test', password: 'e2e-password-long' }),
    });
    expect(loginRes.status).toBe(200);
    const session = (await loginRes.json()) as { token: string; accessLevel: string; customerName: string };
    expect(session).toMatchObject({ accessLevel: 'RESELLER_ADMIN', customerName: 'Riga Clinic' });
    // Baltic's reseller admin sees only the Riga profile.
    const list = await fetch(`${flexcare.url}/flexcare/dialog/profile`, { headers: { authorization: `Bearer ${session.token}` } });
    expect(((await list.json()) as { items: { name: string }[] }).items.map((p) => p.name)).toEqual(['Riga front desk']);

    await page.goto('/flexcare/profiles');
    await page.getByTestId('profile-row-Riga front desk').getByRole('link').click();
    await page.waitForURL(/\/flexcare\/profiles\/[0-9a-f]{24}$/);
    // No day picked: the form says so on the field and sends nothing.
    await page.getByRole('button', { name: 'Issue license' }).click();
    await page.locator('#license-expire-error').filter({ hasText: 'pick a day' }).waitFor();
    await page.getByLabel('Expires on').fill('2030-06-30');
    await page.getByLabel('Authenticated by').selectOption('AUTHCODE');
    await page.getByRole('button', { name: 'Issue license' }).click();
    await page.getByTestId('toast').filter({ hasText: 'Issued a license until' }).waitFor();
    const licenses = page.getByRole('table', { name: 'Licenses' });
    // Wait for the new license itself, not just any row.
    await licenses
      .getByRole('row')
      .filter({ hasText: /AUTHCODE\d{8}/ })
      .waitFor();
    await licenses.getByRole('button', { name: 'Revoke' }).click();
    await page.getByRole('dialog', { name: 'Revoke this license?' }).getByRole('button', { name: 'Revoke license' }).click();
    await page.getByText('No licenses').waitFor();
  });
});

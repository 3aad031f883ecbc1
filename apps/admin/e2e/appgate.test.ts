import jsQR from 'jsqr';
import { PNG } from 'pngjs';
import { describe, expect, inject, it } from 'vitest';
import { login, setupBrowser } from './harness';

const browser = setupBrowser();

describe('Appgate client profiles', () => {
  it('creates a profile, shows its QR code, edits its tags and deletes it', async () => {
    browser.screenshotOnFailure('appgate-profile-lifecycle');
    const { page } = browser;
    await login(page);

    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Client profiles' }).click();
    await page.waitForURL('**/appgate/client-profiles');
    // The demo seed holds both types.
    await page.getByTestId('profile-row-Company Employee').waitFor();
    await page.getByTestId('profile-row-Developers (all regions)').getByText('Group').waitFor();

    await page.getByRole('link', { name: 'New profile' }).click();
    await page.waitForURL('**/appgate/client-profiles/new');
    // A name already taken is refused by the server and marked on the Name field.
    const name = page.getByLabel('Name', { exact: true });
    await name.fill('Company Employee');
    await page.getByLabel('Tags', { exact: true }).fill('e2e, laptops');
    await page.getByLabel('Hostname', { exact: true }).fill('vpn.e2e.example.com');
    await page.getByRole('button', { name: 'Create profile' }).click();
    await expect.poll(() => name.getAttribute('aria-invalid')).toBe('true');
    expect(await page.locator('#cp-name-error').textContent()).not.toBe('');
    expect(page.url()).toMatch(/\/appgate\/client-profiles\/new$/);
    await name.fill('E2E Laptop Profile');
    await page.getByRole('button', { name: 'Create profile' }).click();
    await page.getByRole('heading', { name: 'E2E Laptop Profile' }).waitFor();
    const profileId = new URL(page.url()).pathname.split('/').pop()!;

    await page.getByRole('button', { name: 'Show URL and QR code' }).click();
    const url = ((await page.getByTestId('profile-url').textContent()) ?? '').trim();
    expect(url).toMatch(/^appgate:\/\/vpn\.e2e\.example\.com\/[A-Za-z0-9+/]+=*$/);
    const qr = page.getByTestId('profile-qr');
    await qr.waitFor();
    // The image the browser shows is a QR code of exactly that URL.
    const src = (await qr.getAttribute('src')) ?? '';
    const png = PNG.sync.read(Buffer.from(src.replace(/^data:image\/png;base64,/, ''), 'base64'));
    expect(jsQR(new Uint8ClampedArray(png.data), png.width, png.height)?.data).toBe(url);
    expect(await qr.evaluate((img: HTMLImageElement) => img.naturalWidth)).toBeGreaterThan(50);
    await expect(page.getByRole('button', { name: 'Copy URL' }).isVisible()).resolves.toBe(true);

    await page.getByLabel('Tags', { exact: true }).fill('e2e, laptops, edited');
    await page.getByRole('button', { name: 'Save changes' }).click();
    await page.getByTestId('toast').filter({ hasText: 'Saved E2E Laptop Profile' }).waitFor();

    await page.getByRole('link', { name: 'All profiles' }).click();
    await page.waitForURL('**/appgate/client-profiles');
    await page.getByRole('searchbox').fill('E2E Laptop');
    await page.getByRole('button', { name: 'Apply', exact: true }).click();
    // The row is on the unfiltered page too: wait for the filtered result itself before reading it.
    await page.getByTestId('table-range').filter({ hasText: '1–1 of 1' }).waitFor();
    const row = page.getByTestId('profile-row-E2E Laptop Profile');
    await row.getByText('edited').waitFor();
    expect(await row.textContent()).toContain('laptops');

    // The REST surface sees the same profile, exported and tagged.
    const apiUrl = inject('apiUrl');
    const appgate = inject('credentials').appgate as { admin: { username: string; password: string } };
    const loginRes = await fetch(`${apiUrl}/admin/login`, {
      method: 'POST',
      headers: { accept: 'application/vnd.appgate.peer-v22+json', 'content-type': 'application/json' },
      body: JSON.stringify({ providerName: 'local', deviceId: '4c07bc67-57ea-42dd-b702-c2d6c45419fc', ...appgate.admin }),
    });
    const { token } = (await loginRes.json()) as { token: string };
    const rest = await fetch(`${apiUrl}/admin/client-profiles/${profileId}`, {
      headers: { accept: 'application/vnd.appgate.peer-v22+json', authorization: `Bearer ${token}` },
    });
    expect(await rest.json()).toMatchObject({
      name: 'E2E Laptop Profile',
      tags: ['e2e', 'laptops', 'edited'],
      exported: expect.any(String),
    });

    await row.getByRole('link', { name: 'E2E Laptop Profile' }).click();
    await page.getByRole('heading', { name: 'E2E Laptop Profile' }).waitFor();
    await page.getByRole('button', { name: 'Delete', exact: true }).click();
    await page.getByRole('dialog', { name: 'Delete “E2E Laptop Profile”?' }).getByRole('button', { name: 'Delete profile' }).click();
    await page.waitForURL('**/appgate/client-profiles');
    await page.getByTestId('profile-row-Company Employee').waitFor();
    await page.getByTestId('profile-row-E2E Laptop Profile').waitFor({ state: 'detached' });
    const gone = await fetch(`${apiUrl}/admin/client-profiles/${profileId}`, {
      headers: { accept: 'application/vnd.appgate.peer-v22+json', authorization: `Bearer ${token}` },
    });
    expect(gone.status).toBe(404);
  });

  it('shows identity providers, global settings and admin users with their privileges', async () => {
    browser.screenshotOnFailure('appgate-admin-pages');
    const { page } = browser;
    await page.goto('/appgate/identity-providers');
    await page.getByTestId('idp-row-local').waitFor();
    expect(await page.getByTestId('idp-row-corp-ldap').textContent()).toContain('Ldap');
    // A taken name is marked on the Name field; a new one is added with a toast.
    const idpName = page.getByLabel('Name', { exact: true });
    await idpName.fill('corp-ldap');
    await page.getByRole('button', { name: 'Add provider' }).click();
    await expect.poll(() => idpName.getAttribute('aria-invalid')).toBe('true');
    await idpName.fill('e2e-radius');
    await page.getByLabel('Type').selectOption('Radius');
    await page.getByRole('button', { name: 'Add provider' }).click();
    await page.getByTestId('toast').filter({ hasText: 'Added e2e-radius' }).waitFor();
    expect(await page.getByTestId('idp-row-e2e-radius').textContent()).toContain('Radius');

    await page.goto('/appgate/settings');
    const hostname = page.getByLabel('Profile Hostname');
    await hostname.waitFor();
    expect(await hostname.inputValue()).toBe(new URL(inject('apiUrl')).hostname);
    const fingerprint = page.getByLabel('CA fingerprint');
    const stored = await fingerprint.inputValue();
    expect(stored).toMatch(/^[0-9a-f]{64}$/);
    // The API's own rule, checked in the browser before anything is sent.
    await fingerprint.fill('not-a-fingerprint');
    await page.getByRole('button', { name: 'Save settings' }).click();
    await page.locator('#gs-fingerprint-error').filter({ hasText: 'must be 64 hexadecimal digits' }).waitFor();
    await fingerprint.fill(stored);

    await page.goto('/appgate/admins');
    const appgate = inject('credentials').appgate as { viewer: { username: string } };
    const viewer = page.getByTestId(`admin-row-${appgate.viewer.username}`);
    await viewer.waitFor();
    await expect(viewer.getByRole('checkbox', { name: 'View', exact: true }).isChecked()).resolves.toBe(true);
    await expect(viewer.getByRole('checkbox', { name: 'Create', exact: true }).isChecked()).resolves.toBe(false);

    // A new admin: its one-time password and a toast; a privilege ticked in the table saves with a toast.
    await page.getByLabel('Username', { exact: true }).fill('e2e-admin');
    await page.getByRole('button', { name: 'Add admin' }).click();
    await page.getByTestId('toast').filter({ hasText: 'Added e2e-admin' }).waitFor();
    const added = page.getByTestId('admin-row-e2e-admin');
    // The box shows the saved state: it turns on once the server has answered.
    const exportBox = added.getByRole('checkbox', { name: 'Export', exact: true });
    await exportBox.click();
    await page.getByTestId('toast').filter({ hasText: 'Privileges of e2e-admin: View, Export' }).waitFor();
    await expect.poll(() => exportBox.isChecked()).toBe(true);
  });
});

import { createProfilehubClient } from '@profilehub/client';
import { describe, expect, inject, it, onTestFailed } from 'vitest';
import { nav } from '../src/nav';
import { launchBrowser, login, screenshot, setupBrowser } from './harness';

const browser = setupBrowser({ signIn: true });

describe('accounts page', () => {
  it('creates an account with a generated password that signs in, changes its role and disables it', async () => {
    browser.screenshotOnFailure('accounts');
    const { page } = browser;
    await page.goto('/accounts');
    await page.getByLabel('Username', { exact: true }).fill('e2e.viewer');
    await page.getByLabel('Display name').fill('E2E Viewer');
    await page.getByRole('button', { name: 'Create account' }).click();
    const generated = ((await page.locator('#generated-password').textContent()) ?? '').trim();
    expect(generated.length).toBeGreaterThanOrEqual(12);

    const row = page.getByRole('row').filter({ hasText: 'e2e.viewer' });
    await row.getByText('Active').waitFor();
    expect(await row.getByLabel('Role of e2e.viewer').inputValue()).toBe('viewer');

    await row.getByLabel('Role of e2e.viewer').selectOption('admin');
    // Wait for the server's answer (the list is refetched after the mutation).
    await page.waitForResponse((res) => res.url().includes('account.page') && res.ok());
    await page.reload();
    expect(await row.getByLabel('Role of e2e.viewer').inputValue()).toBe('admin');

    // The generated password really works: a second browser signs in with it.
    const other = await launchBrowser();
    try {
      await login(other.page, { workspace: 'demo', username: 'e2e.viewer', password: generated });
      expect(await other.page.getByTestId('signed-in-user').textContent()).toContain('E2E Viewer');
    } finally {
      await other.close();
    }

    await row.getByRole('button', { name: 'Disable' }).click();
    await page.getByRole('dialog', { name: 'Disable e2e.viewer?' }).getByRole('button', { name: 'Disable account' }).click();
    await row.getByText('Disabled').waitFor();
    await row.getByRole('button', { name: 'Enable' }).waitFor();
  });

  it('keeps an open confirm dialog open and working while other changes refresh the list', async () => {
    browser.screenshotOnFailure('accounts-live-dialog');
    const client = createProfilehubClient({ url: inject('apiUrl'), token: inject('credentials').api.token });
    await client.account.create.mutate({ username: 'e2e.steady', displayName: 'Steady', role: 'viewer' });
    const { page } = browser;
    await page.goto('/accounts');
    const row = page.getByRole('row').filter({ hasText: 'e2e.steady' });
    await row.getByRole('button', { name: 'Disable' }).click();
    const dialog = page.getByRole('dialog', { name: 'Disable e2e.steady?' });
    await dialog.waitFor();
    const opened = await dialog.elementHandle();

    // Someone else changes the workspace while the dialog is open: the change feed refreshes the list.
    await client.account.create.mutate({ username: 'e2e.meanwhile', displayName: 'Meanwhile', role: 'viewer' });
    await page.getByRole('row').filter({ hasText: 'e2e.meanwhile' }).waitFor();

    // The very dialog the user opened is still there, open (not torn down and re-created closed).
    expect(await opened?.evaluate((el) => el.isConnected && (el as HTMLDialogElement).open)).toBe(true);
    expect(await dialog.isVisible()).toBe(true);
    // Cancel returns the focus to the row's own button: the refresh did not rebuild the row's cells either.
    await dialog.getByRole('button', { name: 'Cancel' }).click();
    const focused = () =>
      page.evaluate(() => {
        const el = document.activeElement;
        return el instanceof HTMLButtonElement ? `${el.closest('tr')?.dataset.testid}: ${el.textContent}` : el?.tagName;
      });
    await expect.poll(focused).toBe('account-row-e2e.steady: Disable');
    await row.getByRole('button', { name: 'Disable' }).click();
    await dialog.getByRole('button', { name: 'Disable account' }).click();
    await row.getByText('Disabled').waitFor();
  });

  it('keeps an open confirm dialog when its row leaves the page meanwhile, and confirming still acts on that row', async () => {
    browser.screenshotOnFailure('accounts-dialog-row-gone');
    const client = createProfilehubClient({ url: inject('apiUrl'), token: inject('credentials').api.token });
    // A full first page of 10: the last row is pushed onto page 2 by an account that sorts before it.
    await Promise.all(
      Array.from({ length: 10 }, (_, i) => client.account.create.mutate({ username: `e2e.page.b${String(i + 1).padStart(2, '0')}` })),
    );
    const { page } = browser;
    await page.goto('/accounts?q=e2e.page&size=10');
    const last = page.getByRole('row').filter({ hasText: 'e2e.page.b10' });
    await last.getByRole('button', { name: 'Disable' }).click();
    const dialog = page.getByRole('dialog', { name: 'Disable e2e.page.b10?' });
    await dialog.waitFor();

    await client.account.create.mutate({ username: 'e2e.page.a00' });
    await page.getByRole('row').filter({ hasText: 'e2e.page.a00' }).waitFor();
    await last.waitFor({ state: 'detached' });

    expect(await dialog.isVisible()).toBe(true);
    await dialog.getByRole('button', { name: 'Disable account' }).click();
    await page.getByTestId('toast').filter({ hasText: 'e2e.page.b10 disabled' }).waitFor();
    expect(await dialog.isVisible()).toBe(false);
    const { items } = await client.account.page.query({ q: 'e2e.page.b10' });
    expect(items.map((a) => [a.username, a.disabledAt !== null])).toEqual([['e2e.page.b10', true]]);
  });

  it('shows a taken username on its field when an account cannot be created', async () => {
    browser.screenshotOnFailure('accounts-error');
    const { page } = browser;
    await page.goto('/accounts');
    await page.getByLabel('Username', { exact: true }).fill(inject('credentials').admin.username);
    await page.getByRole('button', { name: 'Create account' }).click();
    // The conflict is marked on the Username field itself, not a banner.
    const fieldError = page.locator('#new-username-error');
    await fieldError.waitFor();
    expect(await fieldError.textContent()).toContain('already exists');
    expect(await page.getByLabel('Username', { exact: true }).getAttribute('aria-invalid')).toBe('true');
  });
});

describe('audit log page', () => {
  it('filters by free text, entity, actor and dates, and jumps between pages', async () => {
    browser.screenshotOnFailure('audit-paging');
    const client = createProfilehubClient({ url: inject('apiUrl'), token: inject('credentials').api.token });
    // 55 distinctive changes: more than one page (50) of `api_token` entries.
    const created = await Promise.all(
      Array.from({ length: 55 }, (_, i) =>
        client.apiToken.create.mutate({ name: `paging-${String(i).padStart(2, '0')}`, scopes: ['audit:read'] }),
      ),
    );
    expect(created).toHaveLength(55);

    const { page } = browser;
    const range = page.getByTestId('table-range');
    const rows = page.getByTestId('audit-row');
    await page.goto('/audit-log');
    // Free text matches a value (the token's name) or part of an action. Other tests' rows may hold any common
    // word in their values, so the searches are for text only this test's rows have.
    await expect.poll(() => range.textContent()).toMatch(/ of [\d,]+$/);
    await page.getByRole('searchbox').fill('paging-54');
    await page.getByRole('button', { name: 'Apply', exact: true }).click();
    await page.waitForURL((url) => url.searchParams.get('q') === 'paging-54');
    await expect.poll(() => range.textContent()).toBe('1–1 of 1');
    expect(await rows.first().textContent()).toContain('paging-54');
    expect(await rows.locator('code').allTextContents()).toEqual(['api_token.create']);

    await page.getByRole('searchbox').fill('oken.creat');
    await page.getByRole('button', { name: 'Apply', exact: true }).click();
    await page.waitForURL((url) => url.searchParams.get('q') === 'oken.creat');
    await expect.poll(() => range.textContent()).toMatch(/^1–50 of [\d,]+$/);
    expect((await rows.locator('code').allTextContents()).every((a) => a === 'api_token.create')).toBe(true);

    await page.getByRole('searchbox').fill('paging-');
    await page.getByRole('button', { name: 'Apply', exact: true }).click();
    await page.waitForURL((url) => url.searchParams.get('q') === 'paging-');
    await page.getByLabel('Entity', { exact: true }).selectOption({ label: 'API token' });
    await page.getByRole('button', { name: 'Apply filters' }).click();
    await expect.poll(() => range.textContent()).toBe('1–50 of 55');
    expect((await rows.locator('code').allTextContents()).every((a) => a === 'api_token.create')).toBe(true);
    // Readable names, not ids.
    expect(await rows.first().textContent()).toContain('paging-54');

    await page.getByLabel('Page number').fill('2');
    await page.getByRole('button', { name: 'Go' }).click();
    await expect.poll(() => range.textContent()).toBe('51–55 of 55');
    // The range follows the page asked for at once; the rows follow when they arrive.
    await expect.poll(async () => (await rows.last().textContent()) ?? '').toContain('paging-00');

    // The actor: the demo API token's owner made them; nobody else did.
    await page.getByLabel('Actor', { exact: true }).fill('no-such-actor');
    await page.getByRole('button', { name: 'Apply filters' }).click();
    await page.getByText('No audit entries match').waitFor();
    await page.getByLabel('Actor', { exact: true }).fill('');
    // A date range that ends yesterday holds none of today's changes; today holds all of them.
    const day = (offset: number) => new Date(Date.now() + offset * 86_400_000).toISOString().slice(0, 10);
    await page.getByLabel('To', { exact: true }).fill(day(-1));
    await page.getByRole('button', { name: 'Apply filters' }).click();
    await page.getByText('No audit entries match').waitFor();
    await page.getByLabel('From', { exact: true }).fill(day(-1));
    await page.getByLabel('To', { exact: true }).fill(day(1));
    await page.getByRole('button', { name: 'Apply filters' }).click();
    await expect.poll(() => range.textContent()).toBe('1–50 of 55');
  });
});

describe('on a phone', () => {
  it('fits every page into a 390px wide screen, and the menu closes once a page is picked', async () => {
    const phone = await launchBrowser();
    onTestFailed(async () => {
      console.log(`screenshot: ${await screenshot(phone.page, 'phone')}`);
    });
    try {
      const { page } = phone;
      await page.setViewportSize({ width: 390, height: 844 });
      await login(page);
      const overflowing: string[] = [];
      for (const { href } of nav.flatMap((section) => section.items)) {
        await page.goto(href);
        await page.locator('main h1').waitFor();
        // Not 'networkidle': the change feed keeps one request open. Wait for the page's data instead.
        await page.waitForFunction(
          () => ![...document.querySelectorAll('main [role="status"]')].some((e) => e.textContent?.startsWith('Loading')),
        );
        // Wide tables scroll inside their own box; the page itself must never scroll sideways.
        const excess = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
        if (excess > 0) overflowing.push(`${href} (+${excess}px)`);
      }
      expect(overflowing).toEqual([]);

      await page.goto('/');
      await page.getByText('Menu', { exact: true }).click();
      const menu = page.getByRole('navigation', { name: 'Main' });
      await menu.getByRole('link', { name: 'Audit log' }).click();
      await page.waitForURL('**/audit-log');
      await expect.poll(() => menu.isVisible()).toBe(false);
    } finally {
      await phone.close();
    }
  });
});

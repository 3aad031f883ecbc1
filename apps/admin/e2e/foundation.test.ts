import { describe, expect, inject, it } from 'vitest';
import { demoAdmin, launchBrowser, login, setupBrowser } from './harness';

const browser = setupBrowser();

describe('admin shell', () => {
  it('sends an unauthenticated visitor to the sign-in page', async () => {
    browser.screenshotOnFailure('unauthenticated');
    const { page } = browser;
    await page.goto('/api-tokens');
    await page.waitForURL((url) => url.pathname === '/login');
    // The page asked for is remembered for after sign-in.
    expect(new URL(page.url()).searchParams.get('next')).toBe('/api-tokens');
    await expect(page.getByRole('heading', { name: 'Sign in to the admin console' }).isVisible()).resolves.toBe(true);
    await expect(page.getByLabel('Workspace').inputValue()).resolves.toBe('demo');
  });

  it('shows the error for a wrong password and stays on the sign-in page', async () => {
    browser.screenshotOnFailure('wrong-password');
    const { page } = browser;
    await page.goto('/login');
    await page.getByLabel('Username').fill(demoAdmin().username);
    await page.getByLabel('Password').fill('definitely-not-the-password');
    await page.getByRole('button', { name: 'Sign in' }).click();
    const alert = page.getByRole('form', { name: 'Sign in' }).getByRole('alert');
    await alert.waitFor();
    expect(await alert.textContent()).toContain('Wrong workspace, username or password');
    expect(new URL(page.url()).pathname).toBe('/login');
  });

  it("checks the sign-in fields with the API's own schema before anything is sent", async () => {
    browser.screenshotOnFailure('sign-in-fields');
    const { page } = browser;
    await page.goto('/login');
    const sent: string[] = [];
    page.on('request', (req) => {
      if (req.url().includes('auth.login')) sent.push(req.url());
    });
    await page.getByLabel('Workspace').fill('  ');
    await page.getByLabel('Password').fill('whatever');
    await page.getByRole('button', { name: 'Sign in' }).click();
    // LoginInput trims, then wants at least one character: a blank workspace and an empty username are marked.
    await page.locator('#workspace-error').waitFor();
    expect(await page.locator('#workspace-error').textContent()).toBe('required');
    expect(await page.locator('#username-error').textContent()).toBe('required');
    expect(await page.getByLabel('Username').getAttribute('aria-invalid')).toBe('true');
    expect(await page.getByLabel('Password').getAttribute('aria-invalid')).toBeNull();
    expect(sent).toEqual([]);
    // Typing a value clears its mark.
    await page.getByLabel('Workspace').fill('demo');
    await page.locator('#workspace-error').waitFor({ state: 'detached' });
  });

  it('says plainly when sign-in is throttled after repeated failures', async () => {
    browser.screenshotOnFailure('sign-in-throttled');
    const { page } = browser;
    await page.goto('/login');
    // An account name of its own: the per-name counter (10 from one address) trips without locking out the demo owner.
    await page.getByLabel('Username').fill('throttle-probe');
    const attempt = async () => {
      await page.getByLabel('Password').fill('definitely-not-the-password');
      const answer = page.waitForResponse((res) => res.url().includes('auth.login'));
      await page.getByRole('button', { name: 'Sign in' }).click();
      return (await answer).status();
    };
    for (let i = 0; i < 10; i++) expect(await attempt()).toBe(401);
    expect(await attempt()).toBe(429);
    const alert = page.getByRole('form', { name: 'Sign in' }).getByRole('alert');
    // The window's length comes with the refusal: the form says how long to wait.
    await alert.getByText(/^Too many attempts: try again in \d+ (seconds?|minutes?)$/).waitFor();
    expect(await alert.textContent()).toContain('Too many failed sign-in attempts; try again later');
    expect(new URL(page.url()).pathname).toBe('/login');
    // Nothing is locked in the page: once the window passes, the same form tries again.
    expect(await page.getByRole('button', { name: 'Sign in' }).isEnabled()).toBe(true);
  });

  it('creates a token, shows it once, revokes it, and both actions are in the audit log', async () => {
    browser.screenshotOnFailure('token-lifecycle');
    const { page } = browser;
    await login(page);
    expect(await page.getByTestId('signed-in-user').textContent()).toContain(demoAdmin().username);

    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'API tokens' }).click();
    await page.waitForURL('**/api-tokens');
    await page.getByLabel('Name').fill('e2e token');
    await page.getByLabel('tokens:read').check();
    await page.getByLabel('audit:read').check();
    await page.getByRole('button', { name: 'Create token' }).click();

    const shown = page.getByTestId('new-token');
    await shown.waitFor();
    const plaintext = ((await shown.textContent()) ?? '').trim();
    expect(plaintext.length).toBeGreaterThan(20);
    await expect(page.getByText("you won't see this again").isVisible()).resolves.toBe(true);

    // The token works against the real API (it is the plaintext, not a display copy).
    const apiUrl = inject('apiUrl');
    const me = await fetch(`${apiUrl}/trpc/auth.me`, { headers: { authorization: `Bearer ${plaintext}` } });
    expect(me.status).toBe(200);

    const row = page.getByTestId('token-row-e2e token');
    await row.waitFor();
    expect(await row.textContent()).toContain('active');
    const prefix = ((await row.locator('code').textContent()) ?? '').replace('…', '');
    expect(prefix.length).toBeGreaterThan(3);
    expect(plaintext.startsWith(prefix)).toBe(true);

    await page.reload();
    await row.waitFor();
    expect(await page.getByTestId('new-token').count()).toBe(0);
    expect(await page.content()).not.toContain(plaintext);

    await row.getByRole('button', { name: 'Revoke' }).click();
    const dialog = page.getByRole('dialog', { name: 'Revoke “e2e token”?' });
    await dialog.getByRole('button', { name: 'Revoke token' }).click();
    await row.getByText('revoked').waitFor();
    const refused = await fetch(`${apiUrl}/trpc/auth.me`, { headers: { authorization: `Bearer ${plaintext}` } });
    expect(refused.status).toBe(401);

    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Audit log' }).click();
    await page.waitForURL('**/audit-log');
    await page.getByLabel('Entity', { exact: true }).selectOption({ label: 'API token' });
    await page.getByRole('button', { name: 'Apply filters' }).click();
    // The filtered list: the unfiltered one (still on screen until the filter is applied) has the revoke on top too.
    await page.waitForURL((url) => url.searchParams.get('entityType') !== null);
    const actions = () => page.getByTestId('audit-row').locator('code').allInnerTexts();
    await expect.poll(async () => (await actions()).every((a) => a.startsWith('api_token.'))).toBe(true);
    expect(await actions()).toContain('api_token.create');
    expect(await actions()).toContain('api_token.revoke');

    // The revoke row's diff shows the status change, and never the secret.
    const revokeRow = page.getByTestId('audit-row').filter({ hasText: 'api_token.revoke' }).first();
    await revokeRow.getByText('Show changes').click();
    const diff = revokeRow.getByTestId('audit-changes');
    await diff.getByText('revokedAt').first().waitFor();
    expect(await diff.textContent()).toMatch(/revokedAt/);
    expect(await page.content()).not.toContain(plaintext);
  });

  it('brings a signed-out visitor back to the page asked for, and never off this app', async () => {
    browser.screenshotOnFailure('return-path');
    const fresh = await launchBrowser();
    try {
      const { page, context } = fresh;
      const signIn = async () => {
        await page.getByLabel('Username').fill(demoAdmin().username);
        await page.getByLabel('Password').fill(demoAdmin().password);
        await page.getByRole('button', { name: 'Sign in' }).click();
      };

      await page.goto('/audit-log?action=auth.login');
      await page.waitForURL((url) => url.pathname === '/login');
      expect(new URL(page.url()).searchParams.get('next')).toBe('/audit-log?action=auth.login');
      await signIn();
      await page.waitForURL((url) => url.pathname === '/audit-log' && url.searchParams.get('action') === 'auth.login');
      await page.getByTestId('signed-in-user').waitFor();

      // Signed in already: the sign-in page forwards to the return path — or home, if it points elsewhere.
      await page.goto('/login?next=%2Fapi-tokens');
      await page.waitForURL('**/api-tokens');
      for (const hostile of ['https://evil.example/', '//evil.example/x', '/\\evil.example', 'javascript:alert(1)']) {
        await page.goto(`/login?next=${encodeURIComponent(hostile)}`);
        await page.waitForURL((url) => url.pathname === '/');
        expect(new URL(page.url()).origin).toBe(new URL(inject('adminUrl')).origin);
      }

      // And through the form, after signing in.
      await context.clearCookies();
      await page.goto(`/login?next=${encodeURIComponent('//evil.example/x')}`);
      await signIn();
      await page.getByTestId('signed-in-user').waitFor();
      expect(new URL(page.url()).origin).toBe(new URL(inject('adminUrl')).origin);
      expect(new URL(page.url()).pathname).toBe('/');
    } finally {
      await fresh.close();
    }
  });

  it('shows a page-not-found screen with a way back for an unknown address', async () => {
    browser.screenshotOnFailure('not-found');
    const { page } = browser;
    const res = await page.goto('/no-such-page');
    expect(res?.status()).toBe(404);
    await page.getByRole('heading', { name: 'Page not found' }).waitFor();
    await page.getByRole('link', { name: 'Go to the overview' }).click();
    await page.waitForURL((url) => url.pathname === '/');
  });

  it('signs out', async () => {
    browser.screenshotOnFailure('sign-out');
    const { page } = browser;
    await page.goto('/');
    await page.getByRole('button', { name: 'Sign out' }).click();
    await page.waitForURL('**/login');
    await page.goto('/accounts');
    await page.waitForURL((url) => url.pathname === '/login' && url.searchParams.get('next') === '/accounts');
  });
});

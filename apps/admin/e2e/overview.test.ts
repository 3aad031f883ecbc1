import { createProfilehubClient } from '@profilehub/client';
import { describe, expect, inject, it } from 'vitest';
import { setupBrowser } from './harness';

const browser = setupBrowser({ signIn: true });

describe('overview page', () => {
  it('shows how much each surface holds and the latest changes, and follows a change made through the API', async () => {
    browser.screenshotOnFailure('overview');
    const { page } = browser;
    const client = createProfilehubClient({ url: inject('apiUrl'), token: inject('credentials').api.token });
    const tokens = (await client.apiToken.page.query({ limit: 1 })).total;
    const flexcare = (await client.flexcare.profile.list.query({ limit: 1 })).total;
    const soajs = (await client.soajs.user.page.query({ limit: 1 })).total;

    await page.goto('/');
    const countOf = async (label: string) => {
      const card = page.getByTestId(`count-${label}`);
      await expect.poll(async () => (await card.textContent()) ?? '').toMatch(/\d/);
      return Number(((await card.locator('span').nth(1).textContent()) ?? '').replace(/,/g, ''));
    };
    expect(await countOf('API tokens')).toBe(tokens);
    expect(await countOf('FlexCare profiles')).toBe(flexcare);
    expect(flexcare).toBeGreaterThan(0);
    expect(await countOf('SOAJS users')).toBe(soajs);

    // A token made through the typed API while the page is open: the count and the recent list follow.
    const name = `overview-${Date.now()}`;
    await client.apiToken.create.mutate({ name, scopes: ['audit:read'] });
    await expect.poll(() => countOf('API tokens'), { timeout: 5_000 }).toBe(tokens + 1);
    const change = page.getByTestId('recent-change').first();
    await expect.poll(async () => (await change.textContent()) ?? '', { timeout: 5_000 }).toContain(name);
    expect(await change.textContent()).toContain('api_token.create');
    await change.getByRole('link', { name }).click();
    await page.waitForURL('**/api-tokens');
  });
});

import { describe, expect, inject, it } from 'vitest';
import { setupBrowser } from './harness';

// The API reference at the API server's /docs, rendered by a real browser with every request outside the
// server refused: Swagger UI and the OpenAPI documents come from the server itself (machines may be offline).

const browser = setupBrowser();

describe('API reference (/docs)', () => {
  it('renders each surface from the server alone: title, operations and the document picker', async () => {
    browser.screenshotOnFailure('api-docs');
    const { page } = browser;
    const api = inject('apiUrl');
    const outside: string[] = [];
    await page.route('**/*', (route) => {
      const url = route.request().url();
      if (url.startsWith(`${api}/`)) return route.continue();
      outside.push(url);
      return route.abort();
    });
    const failed: string[] = [];
    page.on('requestfailed', (req) => failed.push(req.url()));
    try {
      await page.goto(`${api}/docs`);
      // The first document (the first surface, FlexCare) by default, with its operations.
      await expect.poll(() => page.locator('.swagger-ui .info .title').textContent()).toContain('TelecomX FlexCare');
      await expect.poll(() => page.locator('.opblock-summary-path').count()).toBeGreaterThan(5);

      // Every document is offered; Appgate's shows its client-profile operations and the Accept header.
      const options = await page.locator('.topbar select option').allTextContents();
      expect(options.sort()).toEqual([
        '2N directory',
        'Appgate SDP',
        'RPdb profiles',
        'SOAJS URAC',
        'TelecomX FlexCare',
        'tRPC (typed internal API)',
      ]);
      await page.locator('.topbar select').selectOption({ label: 'Appgate SDP' });
      await expect.poll(() => page.locator('.swagger-ui .info .title').textContent()).toContain('Appgate SDP');
      await expect.poll(() => page.locator('.opblock-summary-path').allTextContents()).toContain('/admin/client-profiles/{id}/barcode');
      await page
        .locator('.opblock-summary-path', { hasText: /^\/admin\/client-profiles$/ })
        .first()
        .click();
      await expect.poll(() => page.locator('.opblock.is-open .parameters').textContent()).toContain('Accept');

      expect(outside).toEqual([]);
      expect(failed).toEqual([]);
    } finally {
      await page.unroute('**/*');
    }
  });
});

import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { type BrowserContext, chromium, type Page } from 'playwright-core';
import { afterAll, beforeAll, inject, onTestFailed } from 'vitest';

// Shared by every browser test (foundation and vendor pages): one headless Chromium with a throwaway profile,
// pointed at the admin app the global setup started, plus a sign-in helper.

export type E2EBrowser = { context: BrowserContext; page: Page; close(): Promise<void> };

export async function launchBrowser(): Promise<E2EBrowser> {
  const profile = await mkdtemp(path.join(os.tmpdir(), 'ph-chromium-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    headless: true,
    baseURL: inject('adminUrl'),
    viewport: { width: 1280, height: 900 },
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
  context.setDefaultTimeout(15_000);
  const page = context.pages()[0] ?? (await context.newPage());
  return {
    context,
    page,
    async close() {
      await context.close();
      await rm(profile, { recursive: true, force: true });
    },
  };
}

export type LoginCredentials = { workspace: string; username: string; password: string };

/** The demo owner from the server's demo-credentials.json. */
export function demoAdmin(): LoginCredentials {
  const { admin } = inject('credentials');
  return { workspace: admin.workspace, username: admin.username, password: admin.password };
}

/** Signs in through the login form and waits for the dashboard. */
export async function login(page: Page, creds: LoginCredentials = demoAdmin()): Promise<void> {
  await page.goto('/login');
  await page.getByLabel('Workspace').fill(creds.workspace);
  await page.getByLabel('Username').fill(creds.username);
  await page.getByLabel('Password').fill(creds.password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.getByTestId('signed-in-user').waitFor();
}

/** Saves a full-page screenshot under apps/admin/.test-results/ (gitignored) — call it from a failing test. */
export async function screenshot(page: Page, name: string): Promise<string> {
  const file = path.resolve(import.meta.dirname, '..', '.test-results', `${name}.png`);
  await page.screenshot({ path: file, fullPage: true });
  return file;
}

export type FileBrowser = {
  readonly page: Page;
  readonly context: BrowserContext;
  /** Call first thing in a test: if the test fails, a screenshot is saved and its path printed. */
  screenshotOnFailure(name: string): void;
};

/**
 * One browser for a test file: launched before its tests (optionally signed in as the demo owner) and
 * closed after them.
 */
export function setupBrowser(options: { signIn?: boolean } = {}): FileBrowser {
  let browser: E2EBrowser | undefined;
  beforeAll(async () => {
    browser = await launchBrowser();
    if (options.signIn) await login(browser.page);
  });
  afterAll(async () => {
    await browser?.close();
  });
  const current = () => {
    if (!browser) throw new Error('the browser starts in beforeAll; use it inside tests');
    return browser;
  };
  return {
    get page() {
      return current().page;
    },
    get context() {
      return current().context;
    },
    screenshotOnFailure(name) {
      onTestFailed(async () => {
        console.log(`screenshot: ${await screenshot(current().page, name)}`);
      });
    },
  };
}

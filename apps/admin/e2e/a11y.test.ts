import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { nav } from '../src/nav';
import { setupBrowser } from './harness';

// axe-core over every page of the menu at desktop and phone size: no serious or critical finding.

const browser = setupBrowser({ signIn: true });
const axeSource = readFile(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

type Finding = { id: string; impact: string | null; nodes: { target: string[] }[] };

async function audit(page: Page): Promise<string[]> {
  await page.addScriptTag({ content: await axeSource });
  const violations = await page.evaluate(async () => {
    const axe = (window as unknown as { axe: { run(ctx: Document, opts: object): Promise<{ violations: Finding[] }> } }).axe;
    const result = await axe.run(document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] } });
    return result.violations;
  });
  return violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map(
      (v) =>
        `${v.id} (${v.impact}) at ${v.nodes
          .map((n) => n.target.join(' '))
          .slice(0, 3)
          .join(', ')}`,
    );
}

async function settle(page: Page) {
  await page.locator('main h1').waitFor();
  await page.waitForFunction(
    () => ![...document.querySelectorAll('main [role="status"]')].some((e) => e.textContent?.startsWith('Loading')),
  );
}

describe('accessibility', () => {
  // One test per menu section and size: each stays well inside the per-test timeout on a loaded machine.
  for (const size of [
    { name: 'desktop', width: 1280, height: 900 },
    { name: 'phone', width: 390, height: 844 },
  ]) {
    for (const section of nav) {
      it(`finds no serious or critical issue on the ${section.title} pages at ${size.name} size`, async () => {
        browser.screenshotOnFailure(`axe-${size.name}-${section.title}`);
        const { page } = browser;
        await page.setViewportSize({ width: size.width, height: size.height });
        const findings: string[] = [];
        for (const { href } of section.items) {
          await page.goto(href);
          await settle(page);
          for (const f of await audit(page)) findings.push(`${href}: ${f}`);
        }
        expect(findings).toEqual([]);
      });
    }
  }
});

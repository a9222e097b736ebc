import AxeBuilder from '@axe-core/playwright';
import { expect, type Page } from '@playwright/test';
import { mkdirSync } from 'node:fs';
import { dirname, join } from 'node:path';

const SCREENS_DIR = join(import.meta.dirname, '..', 'artifacts', 'screens');

/** axe-core on the page: no serious or critical violation (the list is printed when there is one). */
export async function expectNoSeriousA11yViolation(page: Page, label: string): Promise<void> {
  const results = await new AxeBuilder({ page }).analyze();
  const bad = results.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.id} (${v.impact}): ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
  expect(bad, `axe on ${label}`).toEqual([]);
}

/** Every visible button is at least 60 × 60 CSS px (touch targets for unsteady hands). */
export async function expectTouchTargets(page: Page, label: string, min = 60): Promise<void> {
  const small = await page.locator('button:visible').evaluateAll(
    (buttons, minimum) =>
      buttons
        .map((b) => ({
          text: (b.textContent ?? b.getAttribute('aria-label') ?? '').trim().slice(0, 40),
          box: b.getBoundingClientRect(),
        }))
        .filter(({ box }) => box.width < minimum || box.height < minimum)
        .map(({ text, box }) => `${text} ${Math.round(box.width)}×${Math.round(box.height)}`),
    min,
  );
  expect(small, `touch targets on ${label}`).toEqual([]);
}

/** Full-page screenshot under e2e/artifacts/screens/<lang>/<name>.png (test artefacts, gitignored). */
export async function saveScreen(page: Page, lang: string, name: string): Promise<void> {
  const path = join(SCREENS_DIR, lang, `${name}.png`);
  mkdirSync(dirname(path), { recursive: true });
  await page.screenshot({ path, fullPage: true });
}

/** Nothing wider than the kiosk's screen: a patient cannot scroll sideways to find a field. */
async function expectNoSidewaysOverflow(page: Page, name: string): Promise<void> {
  const widths = await page.evaluate(() => ({
    content: document.documentElement.scrollWidth,
    screen: document.documentElement.clientWidth,
  }));
  expect(widths.content, `${name}: content wider than the screen`).toBeLessThanOrEqual(widths.screen);
}

/** The checks every screen gets in the journeys. */
export async function checkScreen(page: Page, lang: string, name: string): Promise<void> {
  await expectNoSidewaysOverflow(page, name);
  await expectTouchTargets(page, name);
  await expectNoSeriousA11yViolation(page, name);
  await saveScreen(page, lang, name);
}

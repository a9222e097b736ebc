/// <reference lib="dom" />
// page.evaluate callbacks below run in the browser.
import { expect, type Locator, type Page } from '@playwright/test';

/** The page's scroll size: equal to the viewport when nothing scrolls. */
export async function pageScrollSize(page: Page): Promise<{ width: number; height: number }> {
  return page.evaluate(() => ({
    width: document.documentElement.scrollWidth,
    height: document.documentElement.scrollHeight,
  }));
}

/**
 * The kiosk's screen fits its viewport (issue 16 item 1): fails naming every element of `must`
 * that sticks out of the viewport, and the page's scroll size when the page itself scrolls.
 */
export async function expectFits(page: Page, label: string, must: Locator[]): Promise<void> {
  const { width, height } = page.viewportSize()!;
  expect(await pageScrollSize(page), `${label}: the page scrolls`).toEqual({ width, height });
  const outside: string[] = [];
  for (const locator of must) {
    for (const element of await locator.all()) {
      const box = await element.boundingBox();
      const name = ((await element.textContent()) ?? (await element.getAttribute('class')) ?? '').trim().slice(0, 30);
      if (!box) outside.push(`${name}: not shown`);
      else if (box.x < 0 || box.y < 0 || box.x + box.width > width + 0.5 || box.y + box.height > height + 0.5)
        outside.push(
          `${name}: ${Math.round(box.x)},${Math.round(box.y)} ${Math.round(box.width)}×${Math.round(box.height)}`,
        );
    }
  }
  expect(outside, `${label}: outside the ${width}×${height} screen`).toEqual([]);
}

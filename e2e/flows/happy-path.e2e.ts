import { test } from './flow-fixtures';
import { walkHappyPath } from './happy-journey';
import type { Lang } from './journey';

for (const lang of ['fr', 'en', 'es', 'ar'] as Lang[]) {
  test(`happy path in ${lang}: card-less identity, three measurements, prescription, rating, wiped`, async ({
    page,
    kioskUrl,
  }) => {
    test.setTimeout(180_000);
    await page.goto(kioskUrl);
    await walkHappyPath(page, lang);
  });
}

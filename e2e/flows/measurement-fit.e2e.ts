import type { MeasurementKind } from '../../common/devices/kinds';
import { JOURNEY_TO_WAITING } from '../../main/flow/testing/whole-journey';
import { saveScreen } from '../support/a11y';
import { expectFits } from '../support/fit';
import { expect, kioskAccepts, platformSends, test } from './flow-fixtures';
import { chooseLanguage, expectStep, words, type Lang } from './journey';

/**
 * The consultation on the kiosk's own screen (the configured 1080×1920 viewport): every step of
 * every guided measurement, its buttons, the doctor's video and the help button lie inside the
 * screen, with nothing to scroll, in the four languages and in large text. The screens before the
 * call are walked by e2e/flows/happy-path; here the patient's answers go straight to the flow so
 * that eight sessions stay quick. Screenshots: e2e/artifacts/screens/<lang>[-large]/fit-*.png.
 */
for (const lang of ['fr', 'en', 'es', 'ar'] as const satisfies readonly Lang[]) {
  for (const large of [false, true]) {
    const variant = `${lang}${large ? '-large' : ''}`;
    test(`every guided measurement fits the kiosk screen without scrolling (${variant})`, async ({
      page,
      kioskUrl,
    }) => {
      const w = words(lang);
      await page.goto(kioskUrl);
      if (lang !== 'fr') await chooseLanguage(page, lang);
      if (large) await page.getByRole('button', { name: w('welcome.largeText') }).click();
      for (const intention of JOURNEY_TO_WAITING)
        expect(await kioskAccepts(page, intention), intention.type).toBe(true);
      await expectStep(page, 'waiting');
      await platformSends(page, { type: 'DOCTOR_ACCEPTED' });
      await expectStep(page, 'consultation');
      if (large) await expect(page.locator('.app')).toHaveClass(/large-text/);

      const overlay = page.getByTestId('measurement');
      const must = [
        overlay,
        overlay.getByRole('button'),
        page.locator('video.doctor'),
        page.getByTestId('help-button'),
      ];
      const check = async (name: string) => {
        await expectFits(page, `${variant} ${name}`, must);
        // The doctor stays in sight, not squeezed to a strip.
        expect((await page.locator('video.doctor').boundingBox())!.height).toBeGreaterThanOrEqual(360);
        await saveScreen(page, variant, `fit-${name}`);
      };

      await check('consultation');
      for (const kind of ['temperature', 'blood-pressure', 'oximetry'] as const satisfies readonly MeasurementKind[]) {
        await platformSends(page, { type: 'DOCTOR_REQUESTED_MEASUREMENT', kind });
        await expect(overlay).toHaveAttribute('data-phase', 'instructions');
        await check(`${kind}-instructions`);
        await page.getByRole('button', { name: w('measure.ready'), exact: true }).click();
        if (kind === 'blood-pressure') {
          await expect(overlay).toHaveAttribute('data-phase', /resting|measuring|result/);
          if ((await overlay.getAttribute('data-phase')) === 'resting') await check(`${kind}-resting`);
        }
        if (kind === 'oximetry') {
          await expect(page.getByTestId('measure-live')).toBeVisible({ timeout: 20_000 });
          await check(`${kind}-measuring`);
        }
        await expect(overlay).toHaveAttribute('data-phase', 'result', { timeout: 60_000 });
        await check(`${kind}-result`);
        await page.getByRole('button', { name: w('measure.confirm') }).click();
        await expect(overlay).toHaveCount(0);
      }
    });
  }
}

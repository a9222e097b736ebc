import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from '@playwright/test';
import { ROOT } from '../support/processes';
import { DEV_DOCTOR, expect, openCallPage, test } from './call-fixtures';
import { kioskDriver } from './page-drivers';

const KIOSK_PAGE = '/renderer/streaming/testing/kiosk.html';

/** Frames the console's <video> of the patient has shown. */
const consoleFrames = (page: Page) =>
  page
    .getByTestId('remote-video')
    .evaluate(
      (video: unknown) =>
        (video as { getVideoPlaybackQuality(): { totalVideoFrames: number } }).getVideoPlaybackQuality()
          .totalVideoFrames,
    );

test('with the real doctor console: accept, see the patient, ask for SpO2, see it, prescribe, the kiosk gets it', async ({
  browser,
  platform,
  pagesUrl,
}) => {
  // npm run test:e2e builds the console first: a missing build is a failure to report, not a skip.
  expect(
    existsSync(join(ROOT, 'dist/console/index.html')),
    'the doctor console is not built: run npm run build (it builds dist/console)',
  ).toBe(true);
  const kioskPage = await openCallPage(browser, pagesUrl + KIOSK_PAGE);
  const consolePage = await openCallPage(browser, `${platform.url}/console/`);
  const kiosk = kioskDriver(kioskPage);

  await consolePage.getByTestId('sign-in-email').fill(DEV_DOCTOR.email);
  await consolePage.getByTestId('sign-in-password').fill(DEV_DOCTOR.password);
  await consolePage.getByTestId('sign-in-submit').click();
  await kiosk.start(await platform.ticket());
  await expect(consolePage.getByTestId('queue-row')).toHaveCount(1);
  await expect(consolePage.getByTestId('queue-reason')).toContainText('Fièvre');
  await consolePage.getByTestId('queue-accept').click();

  await expect(consolePage.getByTestId('consultation')).toBeVisible();
  await expect(consolePage.getByTestId('identity-name')).toContainText('DUPONT');
  await expect.poll(kiosk.state, { timeout: 20_000 }).toBe('connected');
  const kioskStart = await kiosk.framesDecoded();
  await expect.poll(kiosk.framesDecoded, { timeout: 20_000 }).toBeGreaterThan(kioskStart + 10);
  await expect.poll(() => consoleFrames(consolePage), { timeout: 20_000 }).toBeGreaterThan(10);

  // The live view keeps the waveform after the final reading.
  await consolePage.getByTestId('live-view-oximetry').click();
  await consolePage.getByTestId('measure-oximetry').click();
  await expect.poll(kiosk.intentions).toContain('DOCTOR_REQUESTED_MEASUREMENT');
  await expect(consolePage.getByTestId('vital-spo2')).toContainText('97', { timeout: 15_000 });
  await expect(consolePage.getByTestId('pleth-canvas')).toBeVisible();

  await consolePage.getByTestId('rx-item-0').fill('Paracétamol 1 g');
  await consolePage.getByTestId('rx-dosage-0').fill('1 comprimé 3 fois par jour');
  await consolePage.getByTestId('rx-duration-0').fill('5 jours');
  await consolePage.getByTestId('end-call').click();
  // With a prescription, the end shows the PDF to sign first (PrescriptionPreview).
  await consolePage.getByTestId('rx-sign').click();
  await expect(consolePage.getByTestId('report-rx-number')).toContainText(/RX-\d{4}-\d{6}-\d/);
  const number = (await consolePage.getByTestId('report-rx-number').textContent())!.match(/RX-\d{4}-\d{6}-\d/)![0];
  await expect(kioskPage.locator('#prescription')).toHaveText(number);
});

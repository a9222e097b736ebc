import { SAMPLE_PRESCRIPTION } from '../../common/records/testing/samples';
import type { Page } from '@playwright/test';
import { checkScreen } from '../support/a11y';
import { expect, platformSends } from './flow-fixtures';
import {
  chooseLanguage,
  confirmToConsent,
  consentToWaiting,
  expectNoPatientDataLeft,
  expectStep,
  PATIENT,
  startToIdentify,
  typeIdentity,
  words,
  type Lang,
} from './journey';

/**
 * The whole journey of a patient without a card, from the welcome screen to the wipe: typed
 * identity, consent, waiting room, the three measurements the doctor asks for, the prescription,
 * the rating. Shared by the four-language test and the Chromium fallback shell's test, so both
 * walk the same screens. `check` runs axe and keeps a screenshot of every screen.
 */
export async function walkHappyPath(page: Page, lang: Lang, check = true): Promise<void> {
  const w = words(lang);
  if (lang !== 'fr') {
    await chooseLanguage(page, lang);
    if (lang === 'ar') await expect(page.locator('html')).toHaveAttribute('dir', 'rtl');
  }
  const screen = async (name: string) => {
    if (check) await checkScreen(page, lang, name);
  };
  await startToIdentify(page, lang, check);
  await typeIdentity(page, lang, PATIENT.nir, check);
  await confirmToConsent(page, lang, check);
  await consentToWaiting(page, lang, check);
  // The platform's part is played through the kiosk API (see platformSends); the real signalling
  // path is covered by e2e/call/.
  // No doctor on duty for the patient's queue: said in words, with the choices, no minutes.
  await platformSends(page, { type: 'QUEUE_UPDATED', position: 1, wait: { kind: 'no-doctor' } });
  await expect(page.getByTestId('queue')).toHaveAttribute('data-wait', 'no-doctor');
  await expect(page.getByTestId('queue').locator('li')).toHaveCount(3);
  await screen('waiting-no-doctor');
  await platformSends(page, {
    type: 'QUEUE_UPDATED',
    position: 2,
    wait: { kind: 'estimate', minutes: 8, doctorsOnDuty: 1 },
  });
  await expect(page.getByTestId('queue-estimate')).toContainText('8');
  await screen('waiting');
  await platformSends(page, { type: 'DOCTOR_ACCEPTED' });
  await expectStep(page, 'consultation');
  await screen('consultation');

  for (const kind of ['temperature', 'blood-pressure', 'oximetry'] as const) {
    await platformSends(page, { type: 'DOCTOR_REQUESTED_MEASUREMENT', kind });
    await expect(page.getByTestId('measurement')).toHaveAttribute('data-phase', 'instructions');
    await screen(`measure-${kind}-instructions`);
    await page.getByRole('button', { name: w('measure.ready'), exact: true }).click();
    await expect(page.getByTestId('measurement')).toHaveAttribute('data-phase', 'result', { timeout: 60_000 });
    await screen(`measure-${kind}-result`);
    await page.getByRole('button', { name: w('measure.confirm') }).click();
    await expect(page.getByTestId('measurement')).toHaveCount(0);
  }

  await platformSends(page, { type: 'DOCTOR_ENDED_CALL', prescription: SAMPLE_PRESCRIPTION });
  await expectStep(page, 'end');
  await expect(page.getByTestId('prescription-number')).toHaveText(SAMPLE_PRESCRIPTION.number);
  await expect(page.getByTestId('end-measurements').locator('li')).toHaveCount(3);
  await screen('end');
  await page.getByRole('button', { name: w('frame.continue'), exact: true }).click();
  await expectStep(page, 'rating');
  await screen('rating');
  await page.getByRole('button', { name: w('rating.stars').replace('{{count}}', '5') }).click();
  await expectStep(page, 'goodbye');
  await screen('goodbye');
  await expectNoPatientDataLeft(page);
}

import { checkScreen } from '../support/a11y';
import { expect, platformSends, test } from './flow-fixtures';
import { confirmToConsent, consentToWaiting, expectNoPatientDataLeft, expectStep, PATIENT, startToIdentify, typeIdentity, words, type Lang } from './journey';

const PRESCRIPTION = {
  number: 'RX-2026-000123-7',
  issuedAt: '2026-11-22T10:30:00.000Z',
  doctor: { name: 'Dr Claire Martin', rpps: '10101010101' },
  lines: [{ item: 'Paracétamol 1 g', dosage: '1 comprimé 3 fois par jour', duration: '5 jours', notes: '' }],
  qrPayload: 'RX-2026-000123-7 https://platform.invalid/rx/RX-2026-000123-7',
};

for (const lang of ['fr', 'en', 'es', 'ar'] as Lang[]) {
  test(`happy path in ${lang}: card-less identity, three measurements, prescription, rating, wiped`, async ({ page, kioskUrl }) => {
    test.setTimeout(180_000);
    const w = words(lang);
    await page.goto(kioskUrl);
    if (lang !== 'fr') {
      const { chooseLanguage } = await import('./journey');
      await chooseLanguage(page, lang);
      if (lang === 'ar') await expect(page.locator('html')).toHaveAttribute('dir', 'rtl');
    }
    await startToIdentify(page, lang);
    await typeIdentity(page, lang, PATIENT.nir);
    await confirmToConsent(page, lang);
    await consentToWaiting(page, lang);
    // The platform's part is played through the kiosk API (see platformSends); the real signalling
    // path is covered by e2e/call/.
    await platformSends(page, { type: 'QUEUE_UPDATED', position: 2, estimatedWaitMinutes: 8 });
    await expect(page.getByTestId('queue')).toContainText('8');
    await checkScreen(page, lang, 'waiting');
    await platformSends(page, { type: 'DOCTOR_ACCEPTED' });
    await expectStep(page, 'consultation');
    await checkScreen(page, lang, 'consultation');

    for (const kind of ['temperature', 'blood-pressure', 'oximetry'] as const) {
      await platformSends(page, { type: 'DOCTOR_REQUESTED_MEASUREMENT', kind });
      await expect(page.getByTestId('measurement')).toHaveAttribute('data-phase', 'instructions');
      await checkScreen(page, lang, `measure-${kind}-instructions`);
      await page.getByRole('button', { name: w('measure.ready'), exact: true }).click();
      await expect(page.getByTestId('measurement')).toHaveAttribute('data-phase', 'result', { timeout: 60_000 });
      await checkScreen(page, lang, `measure-${kind}-result`);
      await page.getByRole('button', { name: w('measure.confirm') }).click();
      await expect(page.getByTestId('measurement')).toHaveCount(0);
    }

    await platformSends(page, { type: 'DOCTOR_ENDED_CALL', prescription: PRESCRIPTION });
    await expectStep(page, 'end');
    await expect(page.getByTestId('prescription-number')).toHaveText(PRESCRIPTION.number);
    await expect(page.getByTestId('end-measurements').locator('li')).toHaveCount(3);
    await checkScreen(page, lang, 'end');
    await page.getByRole('button', { name: w('frame.continue'), exact: true }).click();
    await expectStep(page, 'rating');
    await checkScreen(page, lang, 'rating');
    await page.getByRole('button', { name: w('rating.stars').replace('{{count}}', '5') }).click();
    await expectStep(page, 'goodbye');
    await checkScreen(page, lang, 'goodbye');
    await expectNoPatientDataLeft(page);
  });
}

import { SAMPLE_PRESCRIPTION } from '../../common/records/testing/samples';
import type { Page } from '@playwright/test';
import type { FlowView } from '../../common/flow/flow-view';
import { checkScreen } from '../support/a11y';
import { currentFlow, devicesWithScenario, expect, kioskAccepts, platformSends, test } from './flow-fixtures';
import {
  chooseLanguage,
  confirmToConsent,
  expectNoPatientDataLeft,
  expectStep,
  PATIENT,
  pharmacistConfirmsHygiene,
  reachConsultation,
  startToIdentify,
  typeIdentity,
  typeKeys,
  words,
  type Lang,
} from './journey';

/**
 * The failure journeys (a device, the card, the call or the patient failing): each ends in a clear message and a way forward, and every
 * screen it passes is checked (touch targets, axe, screenshot). The happy path has the rest.
 */

/**
 * A measurement test's start: welcome → … → the doctor has taken the call, in French (screens checked
 * by the happy path, not again here); gives the French words and the measurement overlay to watch.
 */
async function openToMeasurement(page: Page, kioskUrl: string) {
  await reachConsultation(page, kioskUrl);
  return { w: words('fr'), measurement: page.getByTestId('measurement') };
}

/** The doctor asks for a measurement and the patient says they are ready (French screens). */
async function doctorRequests(page: Page, kind: 'oximetry' | 'temperature' | 'blood-pressure'): Promise<void> {
  await platformSends(page, { type: 'DOCTOR_REQUESTED_MEASUREMENT', kind });
  await page.getByRole('button', { name: words('fr')('measure.ready'), exact: true }).click();
}

async function openKiosk(page: Page, url: string, lang: Lang): Promise<void> {
  await page.goto(url);
  if (lang !== 'fr') await chooseLanguage(page, lang);
}

for (const lang of ['fr', 'ar'] as Lang[]) {
  test(`emergency exit in ${lang}: a red-flag sign stops the session with "call 15 or 112", then welcome, nothing kept`, async ({
    page,
    kioskUrl,
  }) => {
    const w = words(lang);
    await openKiosk(page, kioskUrl, lang);
    await page.getByRole('button', { name: w('welcome.start') }).click();
    await expectStep(page, 'emergency');
    await page.getByRole('button', { name: w('emergency.present') }).click();

    await expectStep(page, 'emergency-stop');
    await expect(page.getByRole('heading', { level: 1 })).toHaveText(w('emergencyStop.title'));
    const numbers = page.getByLabel(w('emergencyStop.numbers'));
    await expect(numbers).toContainText('15');
    await expect(numbers).toContainText('112');
    // This kiosk has no platform credential: nobody can be told, and the screen says so (no false "alerted").
    await expect(page.getByTestId('emergency-pharmacist')).toHaveText(`⚠ ${w('alert.emergency.unreachable')}`);
    await checkScreen(page, lang, 'emergency-stop');
    // The session stops: nothing of a journey goes on from here (no identification, no stop button).
    expect((await currentFlow(page)).sessionId).toBeNull();
    expect(await kioskAccepts(page, { type: 'TYPE_DETAILS' })).toBe(false);
    await expect(page.getByRole('button', { name: w('frame.cancel') })).toHaveCount(0);

    await page.getByRole('button', { name: w('emergencyStop.done') }).click();
    // No patient was identified, so no cleaning is due: the next patient can start at once.
    await expectStep(page, 'welcome');
    await expect(page.getByRole('button', { name: w('welcome.start') })).toBeVisible();
    const flow = await currentFlow(page);
    expect({ sessionId: flow.sessionId, identity: flow.identification.identity }).toEqual({
      sessionId: null,
      identity: null,
    });
    await expectNoPatientDataLeft(page);
  });
}

test('invalid NIR key: the field says so plainly, the corrected number goes on', async ({ page, kioskUrl }) => {
  const w = words('fr');
  await page.goto(kioskUrl);
  await startToIdentify(page, 'fr', false);
  await typeIdentity(page, 'fr', PATIENT.wrongKeyNir, false);

  // Still on the form, the typed values kept, the message on the NIR field only.
  await expectStep(page, 'identify-manual');
  await expect(page.getByTestId('error-nir')).toHaveText(`⚠ ${w('identify.error.nir-key')}`);
  await expect(page.locator('[data-testid^="error-"]')).toHaveCount(1);
  await expect(page.locator('#manual-lastName')).toHaveValue(PATIENT.lastName);
  await checkScreen(page, 'fr', 'identify-manual-nir-error');

  // Correct the key: erase its two digits, type the right ones.
  await page.locator('#manual-nir').click();
  const erase = page.getByTestId('keyboard').getByRole('button', { name: w('keyboard.backspace') });
  await erase.click();
  await erase.click();
  await typeKeys(page, PATIENT.nir.slice(-2));
  await page.getByRole('button', { name: w('manual.submit'), exact: true }).click();

  await expectStep(page, 'identity-confirm');
  await expect(page.getByTestId('screen-identity-confirm')).toContainText(PATIENT.lastName);
  expect((await currentFlow(page)).identification.identity).toMatchObject({ nir: PATIENT.nir, source: 'manual' });
  await page.getByRole('button', { name: w('confirm.yes') }).click();
  await expectStep(page, 'care-pathway');
});

test('consent refused: plainly no call, a way back, then the session ends wiped and the cabin waits for cleaning', async ({
  page,
  kioskUrl,
}) => {
  const lang: Lang = 'fr';
  const w = words(lang);
  await page.goto(kioskUrl);
  await startToIdentify(page, lang, false);
  await typeIdentity(page, lang, PATIENT.nir, false);
  await confirmToConsent(page, lang, false);
  await page.getByRole('button', { name: w('consent.refuse'), exact: true }).click();

  await expectStep(page, 'consent-refused');
  await expect(page.getByText(w('consentRefused.body'))).toBeVisible();
  await checkScreen(page, lang, 'consent-refused');
  // No call: the refusal is recorded, the doctor cannot take this patient.
  const refused: FlowView = await currentFlow(page);
  expect({ consent: refused.consent.teleconsultation, call: refused.call, queue: refused.queue }).toEqual({
    consent: false,
    call: null,
    queue: null,
  });
  expect(await kioskAccepts(page, { type: 'DOCTOR_ACCEPTED' })).toBe(false);

  // A way back: the consent screen again (the patient may change their mind) …
  await page.getByRole('button', { name: w('frame.back') }).click();
  await expectStep(page, 'consent');
  await page.getByRole('button', { name: w('consent.refuse'), exact: true }).click();
  await expectStep(page, 'consent-refused');
  // … or out: the session ends and is wiped; the next patient waits for the cleaning.
  await page.getByRole('button', { name: w('consentRefused.leave'), exact: true }).click();
  await expectStep(page, 'cabin-not-ready');
  await checkScreen(page, lang, 'cabin-not-ready');
  await expectNoPatientDataLeft(page);
  await pharmacistConfirmsHygiene(page, lang, 'staff-hygiene');
  await checkScreen(page, lang, 'welcome-after-cleaning');
});

test.describe('idle timeout', () => {
  // The schema's minimums (kiosk-config/schema.ts): warning after 15 s, wipe 10 s later.
  test.use({ configPatch: { timeouts: { idleWarningSeconds: 15, idleWipeSeconds: 10 } } });

  test('a patient who walks away: warning with a countdown, then the session is wiped', async ({ page, kioskUrl }) => {
    test.setTimeout(90_000);
    const w = words('fr');
    await page.goto(kioskUrl);
    await startToIdentify(page, 'fr', false);
    await typeIdentity(page, 'fr', PATIENT.nir, false);
    await expectStep(page, 'identity-confirm');
    await expect(page.getByTestId('screen-identity-confirm')).toContainText(PATIENT.lastName);

    // No touch from here.
    const warning = page.getByTestId('idle-warning');
    await expect(warning).toBeVisible({ timeout: 20_000 });
    await expect(warning.getByRole('heading')).toHaveText(w('idle.title'));
    const countdown = warning.locator('#idle-body');
    await expect(countdown).toHaveText(w('idle.countdown').replace('{{count}}', '10'));
    await checkScreen(page, 'fr', 'idle-warning');
    await expect(countdown).toHaveText(w('idle.countdown').replace('{{count}}', '5'), { timeout: 10_000 });

    // Wiped: back to the start (the cabin waits for the pharmacist's cleaning after a patient).
    await expectStep(page, 'cabin-not-ready');
    await expect(warning).toHaveCount(0);
    const flow = await currentFlow(page);
    expect({ sessionId: flow.sessionId, identity: flow.identification.identity }).toEqual({
      sessionId: null,
      identity: null,
    });
    await expectNoPatientDataLeft(page);
    await pharmacistConfirmsHygiene(page, 'fr');
    await expectNoPatientDataLeft(page);
  });
});

/** Ends the call and checks the end screen lists `count` measurements: the session went on. */
async function endCall(page: Page, count: number): Promise<void> {
  await platformSends(page, { type: 'DOCTOR_ENDED_CALL', prescription: SAMPLE_PRESCRIPTION });
  await expectStep(page, 'end');
  await expect(page.getByTestId('prescription-number')).toHaveText(SAMPLE_PRESCRIPTION.number);
  await expect(page.getByTestId('end-measurements').locator('li')).toHaveCount(count);
}

test.describe('oximeter: finger out', () => {
  test.use({
    configPatch: { devices: devicesWithScenario('oximeter-1', 'finger-out'), flow: { bloodPressureRestSeconds: 30 } },
  });

  test('the plain-words message, back to the doctor, another measurement works', async ({ page, kioskUrl }) => {
    test.setTimeout(90_000);
    const { w, measurement } = await openToMeasurement(page, kioskUrl);

    await doctorRequests(page, 'oximetry');
    await expect(measurement).toHaveAttribute('data-phase', 'measuring');
    await checkScreen(page, 'fr', 'measure-oximetry-measuring');
    await expect(measurement).toHaveAttribute('data-phase', 'failed', { timeout: 30_000 });
    await expect(page.getByTestId('measure-instruction')).toHaveText(`⚠ ${w('measure.failure.finger-out')}`);
    await expect(measurement.getByRole('button', { name: w('measure.retry') })).toBeVisible();
    await checkScreen(page, 'fr', 'measure-oximetry-failed-finger-out');

    await measurement.getByRole('button', { name: w('measure.backToDoctor'), exact: true }).click();
    await expect(measurement).toHaveCount(0);
    await expectStep(page, 'consultation');

    await doctorRequests(page, 'temperature');
    await expect(measurement).toHaveAttribute('data-phase', 'result', { timeout: 30_000 });
    await page.getByRole('button', { name: w('measure.confirm') }).click();

    // The seated rest before blood pressure (long enough here to see it); the doctor may end the call meanwhile.
    await doctorRequests(page, 'blood-pressure');
    await expect(measurement).toHaveAttribute('data-phase', 'resting');
    await expect(page.getByTestId('measure-timer')).toBeVisible();
    await checkScreen(page, 'fr', 'measure-blood-pressure-resting');
    await endCall(page, 1);
  });
});

test.describe('thermometer: probe error', () => {
  test.use({ configPatch: { devices: devicesWithScenario('thermometer-1', 'probe-error') } });

  test("the plain-words message for a thermometer (not the oximeter's clip), a retry, the call goes on", async ({
    page,
    kioskUrl,
  }) => {
    test.setTimeout(90_000);
    const { w, measurement } = await openToMeasurement(page, kioskUrl);

    await doctorRequests(page, 'temperature');
    await expect(measurement).toHaveAttribute('data-phase', 'failed', { timeout: 30_000 });
    await expect(page.getByTestId('measure-instruction')).toHaveText(
      `⚠ ${w('measure.failureFor.temperature.probe-error')}`,
    );
    await checkScreen(page, 'fr', 'measure-temperature-failed-probe-error');

    // Retry measures again; the doctor may also end the call while it measures: the session goes on.
    await measurement.getByRole('button', { name: w('measure.retry'), exact: true }).click();
    await expect(measurement).toHaveAttribute('data-phase', 'measuring');
    await endCall(page, 0);
    await checkScreen(page, 'fr', 'end-without-measurement');
  });
});

test.describe('oximeter: unplugged', () => {
  test.use({ configPatch: { devices: devicesWithScenario('oximeter-1', 'unplug') } });

  test('the plain-words message and the way back to the doctor', async ({ page, kioskUrl }) => {
    test.setTimeout(90_000);
    const { w, measurement } = await openToMeasurement(page, kioskUrl);

    await doctorRequests(page, 'oximetry');
    // The simulator pulls the cable every few seconds, sooner than a 5 s steady hold can finish.
    await expect(measurement).toHaveAttribute('data-phase', 'failed', { timeout: 30_000 });
    await expect(page.getByTestId('measure-instruction')).toHaveText(`⚠ ${w('measure.failure.device-unplugged')}`);
    await checkScreen(page, 'fr', 'measure-oximetry-failed-unplugged');
    await measurement.getByRole('button', { name: w('measure.backToDoctor'), exact: true }).click();
    await expect(measurement).toHaveCount(0);
    await endCall(page, 0);
  });
});

/// <reference lib="dom" />
// page.evaluate callbacks below run in the browser.
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from '@playwright/test';
import type { MeasurementKind } from '../../common/devices/kinds';
import { CHROMIUM_ARGS } from '../support/chromium';
import { ROOT } from '../support/processes';
import {
  consentToWaiting,
  confirmToConsent,
  expectStep,
  PATIENT,
  startToIdentify,
  typeIdentity,
  words,
} from '../flows/journey';
import { DEV_DOCTOR, E2E_KIOSK_ID, expect, openCallPage, test } from './call-fixtures';
import { startKioskHost } from './kiosk-host';

/**
 * The real kiosk screens (the web host with its simulated devices, dist/renderer), the real
 * platform and the real doctor console, each in its own Chromium context: the doctor asks for the
 * temperature, then the blood pressure, then the oximeter; each final value reaches the console
 * and stays the value shown for 10 s while the devices go on sending, with no running ("en cours")
 * value in its place.
 */
const HOLD_MS = 10_000;

/** Vitals messages the console received from the kiosk's channels (MediaSession.vitalsReceived). */
const received = (page: Page) =>
  page.evaluate(
    () =>
      (globalThis as unknown as { consoleMedia?: { vitalsReceived: Record<string, number> } }).consoleMedia
        ?.vitalsReceived ?? {},
  );

type RecordSample = { record: Record<string, string>; liveInRecord: boolean };
type Watched = typeof globalThis & { recordSamples?: RecordSample[]; stopRecordWatch?: () => void };

/**
 * Records the console's readings of record at every change of the vitals panel (the ages tick every
 * second, so at least once a second): each sample is the text of each `record-<kind>` value and
 * whether a running value shows inside a record block. Read back with `recordedSamples`.
 */
const watchRecords = (page: Page) =>
  page.evaluate(() => {
    const w = globalThis as Watched;
    const snapshot = (): RecordSample => {
      const record: Record<string, string> = {};
      let liveInRecord = false;
      for (const kind of ['temperature', 'blood-pressure', 'oximetry']) {
        const element = document.querySelector(`[data-testid="record-${kind}"]`);
        record[kind] = element?.querySelector('.big')?.textContent ?? '';
        liveInRecord ||= (element?.textContent ?? '').includes('en cours');
      }
      return { record, liveInRecord };
    };
    w.recordSamples = [snapshot()];
    const observer = new MutationObserver(() => w.recordSamples!.push(snapshot()));
    observer.observe(document.querySelector('.vitals')!, { subtree: true, childList: true, characterData: true });
    w.stopRecordWatch = () => observer.disconnect();
  });

const recordedSamples = (page: Page) =>
  page.evaluate(() => {
    const w = globalThis as Watched;
    w.stopRecordWatch?.();
    return w.recordSamples ?? [];
  });

test('each final value the doctor asked for stays the one shown while the devices go on sending', async ({
  browser,
  platform,
}) => {
  test.setTimeout(300_000);
  expect(
    existsSync(join(ROOT, 'dist/console/index.html')) && existsSync(join(ROOT, 'dist/renderer/index.html')),
    'the kiosk screens or the doctor console are not built: run npm run build',
  ).toBe(true);
  const host = await startKioskHost({
    platformUrl: platform.url,
    credentialFile: platform.credentialFile,
    kioskId: E2E_KIOSK_ID,
    flow: { bloodPressureRestSeconds: 2, spo2SettlingSeconds: 2 },
  });
  // The kiosk's warnings (a device that fails, a measurement refused), attached when the test fails.
  let kioskLog = '';
  host.process.stderr?.on('data', (d: Buffer) => (kioskLog += d.toString()));
  // The kiosk's own screen size and camera (the console gets openCallPage's laptop-ish window).
  const kioskContext = await browser.newContext({
    permissions: ['camera', 'microphone'],
    viewport: { width: 1080, height: 1920 },
  });
  try {
    expect(CHROMIUM_ARGS).toContain('--use-fake-device-for-media-stream=device-count=3');
    const kiosk = await kioskContext.newPage();
    await kiosk.goto(host.url);
    const w = words('fr');
    await startToIdentify(kiosk, 'fr', false);
    await typeIdentity(kiosk, 'fr', PATIENT.nir, false);
    await confirmToConsent(kiosk, 'fr', false);
    await consentToWaiting(kiosk, 'fr', false);

    const console_ = await openCallPage(browser, `${platform.url}/console/`);
    await console_.setViewportSize({ width: 1366, height: 900 });
    await console_.getByTestId('sign-in-email').fill(DEV_DOCTOR.email);
    await console_.getByTestId('sign-in-password').fill(DEV_DOCTOR.password);
    await console_.getByTestId('sign-in-submit').click();
    // The platform is shared by the tests of this worker: the newest row (last) is this kiosk.
    await expect(console_.getByTestId('queue-row').first()).toBeVisible({ timeout: 20_000 });
    await console_.getByTestId('queue-row').last().getByTestId('queue-accept').click();
    await expect(console_.getByTestId('consultation')).toBeVisible();
    await expectStep(kiosk, 'consultation');

    // Nothing was asked yet: no running value although the oximeter streams from the start.
    await expect.poll(async () => (await received(console_)).live ?? 0, { timeout: 20_000 }).toBeGreaterThan(0);
    const liveBlocks = console_.locator(
      '[data-testid="live-oximetry"], [data-testid="live-temperature"], [data-testid="live-blood-pressure"]',
    );
    await expect(liveBlocks).toHaveCount(0);

    const finals: Partial<Record<MeasurementKind, string>> = {};
    const overlay = kiosk.getByTestId('measurement');
    for (const kind of ['temperature', 'blood-pressure', 'oximetry'] as const) {
      await console_.getByTestId(`measure-${kind}`).click();
      await expect(overlay).toHaveAttribute('data-phase', 'instructions', { timeout: 15_000 });
      await kiosk.getByRole('button', { name: w('measure.ready'), exact: true }).click();
      if (kind === 'oximetry') {
        // Asked for: the running values show, apart and labelled in progress.
        await expect(console_.getByTestId('live-oximetry')).toContainText('en cours', { timeout: 20_000 });
        await expect
          .poll(async () => Number(await console_.getByTestId('pleth-canvas').getAttribute('data-samples')))
          .toBeGreaterThan(75);
        await console_.screenshot({ path: join(ROOT, 'e2e/artifacts/screens/console-vitals-live.png') });
      }
      await expect(overlay).toHaveAttribute('data-phase', 'result', { timeout: 60_000 });
      const onKiosk = (await kiosk.getByTestId('measure-result').textContent()) ?? '';
      const record = console_.getByTestId(`record-${kind}`).locator('.big');
      await expect(record).toHaveText(/\d/, { timeout: 15_000 });
      const shown = (await record.textContent())!;
      // The console's number is the one the patient sees, written the same French way (36,9).
      for (const number of shown.match(/\d+(,\d+)?/g)!) expect(onKiosk).toContain(number);
      finals[kind] = shown;
      await kiosk.getByRole('button', { name: w('measure.confirm') }).click();

      const before = await received(console_);
      await watchRecords(console_);
      // Holding still is the point here: 10 s of the devices sending while nothing is asked.
      await console_.waitForTimeout(HOLD_MS);
      const samples = await recordedSamples(console_);
      const after = await received(console_);
      // The observer saw the panel change (its ages tick every second) all along.
      expect(samples.length).toBeGreaterThan(HOLD_MS / 2000);
      // The devices went on sending all along (the oximeter's running values and waveform).
      expect((after.live ?? 0) + (after.pleth ?? 0)).toBeGreaterThan((before.live ?? 0) + (before.pleth ?? 0) + 5);
      for (const [k, value] of Object.entries(finals)) {
        const other = samples.filter((s) => s.record[k] !== value).map((s) => s.record[k]);
        expect(other, `${k} after its final ${value}`).toEqual([]);
      }
      expect(samples.filter((s) => s.liveInRecord)).toEqual([]);
      // The request is over: its running values are gone, the final value shows its age (in
      // minutes once past one: on a loaded machine the three requests can take that long).
      await expect(console_.getByTestId(`live-${kind}`)).toHaveCount(0);
      await expect(console_.getByTestId(`record-meta-${kind}-age`)).toHaveText(/^il y a \d+ (s|min)$/);
    }
    // Working devices whose calibration nobody recorded are not called unavailable.
    for (const kind of ['temperature', 'blood-pressure', 'oximetry'])
      await expect(console_.getByTestId(`vitals-${kind}`)).not.toContainText('indisponible');
    await console_.screenshot({ path: join(ROOT, 'e2e/artifacts/screens/console-vitals-of-record.png') });
    await kiosk.screenshot({ path: join(ROOT, 'e2e/artifacts/screens/kiosk-vitals-of-record.png') });
    // The doctor ends the call as a doctor does: the platform is shared by this worker's tests, and
    // a call left in its grace period keeps this doctor busy for the next test.
    await console_.getByTestId('end-call').click();
    await expect(console_.getByTestId('report')).toBeVisible();
  } finally {
    if (test.info().status !== test.info().expectedStatus || kioskLog.includes('ERROR'))
      await test.info().attach('kiosk-host.log', { body: kioskLog, contentType: 'text/plain' });
    await kioskContext.close();
    await host.stop();
  }
});

import { expect, test, type Browser, type Page } from '@playwright/test';
import { existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openCallPage } from '../call/call-fixtures';
import { kioskInWaitingRoom, signInAndAccept } from '../call/exam-journey';
import { startKioskHost } from '../call/kiosk-host';
import { devicesWithScenario } from '../flows/flow-fixtures';
import { words } from '../flows/journey';
import { saveScreen } from '../support/a11y';
import { ROOT } from '../support/processes';
import { calibrateCuff, clickWizard, HOLD_SECONDS, recordCheck } from './cuff-calibration';
import { platformWithTechnician, technicianSignsIn } from './technician-fixtures';

/**
 * Issue 19's "out of service for the patient, the doctor and the pharmacist", across the real
 * stack: a development platform (`--dev`: the development pharmacy owns this kiosk as a cabin, its
 * pharmacist account, the development doctor and technician), the kiosk web host with its cuff
 * reading 5 mmHg high (scenario offset-plus-5), the real kiosk screens, the pharmacist's portal and
 * the doctor's console. The technician fails the cuff's calibration; the portal's cabin then names
 * the cuff out of service and why (from the kiosk's heartbeat), and in the next patient's
 * consultation the console marks the blood pressure unavailable with the reason (from the kiosk's
 * device statuses over the call). The patient's side is e2e/technician/calibration.e2e.ts.
 */
const KIOSK_ID = 'kiosk-out-of-service-e2e';
const w = words('fr');

/** The pharmacist's portal (a tablet at the counter), signed in with the development account. */
async function openPortal(browser: Browser, platformUrl: string): Promise<Page> {
  const context = await browser.newContext({ viewport: { width: 1024, height: 768 }, locale: 'fr-FR' });
  const page = await context.newPage();
  await page.goto(`${platformUrl}/portal/`);
  await page.getByTestId('sign-in-email').fill('pharmacien@kiosk.test');
  await page.getByTestId('sign-in-password').fill('comptoir-dev');
  await page.getByTestId('sign-in-submit').click();
  await expect(page.getByTestId('portal-board')).toHaveAttribute('data-status', 'live');
  return page;
}

/** The development technician fails the cuff's calibration at the kiosk's screens, then leaves. */
async function technicianFailsTheCuff(
  browser: Browser,
  kioskUrl: string,
  whileSignedIn: (recordedAt: number) => Promise<void>,
): Promise<void> {
  const context = await browser.newContext({ viewport: { width: 1080, height: 1920 }, locale: 'fr-FR' });
  const page = await context.newPage();
  try {
    await page.goto(kioskUrl);
    await technicianSignsIn(page);
    await calibrateCuff(page, 'offset-plus-5', 'out-of-service');
    await expect(page.getByTestId('calibration-result')).toHaveAttribute('data-result', 'failed');
    await recordCheck(page, 'out-of-service');
    // The failed check is in the register: the kiosk holds the cuff out of service from now.
    await whileSignedIn(Date.now());
    await clickWizard(page, 'calibration.done');
    await expect(page.getByTestId('calibration-state-bp-1')).toContainText(
      'Hors service : dernier étalonnage non conforme',
    );
    await page
      .getByTestId('staff-dialog')
      .getByRole('button', { name: w('staff.close'), exact: true })
      .click();
  } finally {
    await context.close();
  }
}

test('a cuff that failed its calibration is out of service, with the reason, on the portal and on the console', async ({
  browser,
}) => {
  test.setTimeout(300_000);
  expect(
    existsSync(join(ROOT, 'dist/console/index.html')) && existsSync(join(ROOT, 'dist/renderer/index.html')),
    'the kiosk screens or the doctor console are not built: run npm run build',
  ).toBe(true);
  const dir = mkdtempSync(join(tmpdir(), 'out-of-service-e2e-'));
  const { platform, credentialFile } = await platformWithTechnician(dir, KIOSK_ID);
  const platformUrl = platform.values.PLATFORM_URL!;
  const host = await startKioskHost({
    platformUrl,
    credentialFile,
    kioskId: KIOSK_ID,
    devices: devicesWithScenario('bp-1', 'offset-plus-5') as Record<string, unknown>[],
    maintenance: { leakTestHoldSeconds: HOLD_SECONDS },
  });
  try {
    const portal = await openPortal(browser, platformUrl);
    const cabin = portal.locator(`[data-testid="cabin"][data-kiosk-id="${KIOSK_ID}"]`);
    await expect(cabin).toBeVisible();
    await expect(cabin.getByTestId('cabin-device-out')).toHaveCount(0);

    // The kiosk reports the device's change at once, not at its next 30 s heartbeat: the pharmacist
    // sees which device and why within seconds, while the technician is still at the kiosk.
    const out = cabin.getByTestId('cabin-device-out');
    await technicianFailsTheCuff(browser, host.url, async (recordedAt) => {
      await expect(out).toHaveCount(1, { timeout: 5_000 });
      const reportedAfterMs = Date.now() - recordedAt;
      console.log(
        `out-of-service: the portal showed the cuff ${reportedAfterMs} ms after the failed check was recorded`,
      );
      expect(reportedAfterMs).toBeLessThan(5_000);
    });
    const kiosk = await kioskInWaitingRoom(browser, host.url);
    await expect(out).toHaveAttribute('data-device-id', 'bp-1');
    await expect(out).toHaveText('⛔ Tensiomètre hors service : étalonnage non conforme');
    await saveScreen(portal, 'portal', 'cabin-cuff-out-of-service');

    // The doctor takes the patient: the blood pressure is unavailable, with the reason.
    const console_ = await openCallPage(browser, `${platformUrl}/console/`);
    await signInAndAccept(console_);
    await expect(kiosk.locator('.app')).toHaveAttribute('data-step', 'consultation', { timeout: 30_000 });
    const unavailable = console_.getByTestId('unavailable-blood-pressure');
    await expect(unavailable).toHaveText('⚠ hors service (étalonnage en échec)', { timeout: 20_000 });
    // Nor is it offered: the request button is disabled, described by that reason.
    const measure = console_.getByTestId('measure-blood-pressure');
    await expect(measure).toBeDisabled();
    await expect(measure).toHaveAttribute('aria-describedby', 'unavailable-blood-pressure');
    // The devices that passed or were never checked stay usable.
    await expect(console_.getByTestId('unavailable-oximeter')).toHaveCount(0);
    await console_.screenshot({ path: join(ROOT, 'e2e/artifacts/screens/console-cuff-out-of-service.png') });
  } finally {
    await host.stop();
    await platform.stop();
  }
});

import { expect, type Page } from '@playwright/test';
import { BLOOD_PRESSURE_CALIBRATION } from '../../drivers/catalogue/calibration-procedures';
import { cuffCheckModeDisplay, cuffLinePressureAfter } from '../../drivers/simulators/hid/omron-cuff';
import { checkScreen } from '../support/a11y';
import { typeKeys, words } from '../flows/journey';
import { DEV_TECHNICIAN } from './technician-fixtures';

/**
 * The technician's walk through the cuff's calibration wizard on the kiosk's screens, shared by the
 * calibration e2e and the out-of-service one. The cuff's display in its check mode is its
 * simulator's own (`cuffCheckModeDisplay`); the reference manometer reads the pressure applied.
 */
const w = words('fr');
/** The leak test's hold the kiosks of these e2e are configured with (maintenance.leakTestHoldSeconds). */
export const HOLD_SECONDS = 5;
export const CUFF_SERIAL = 'SIM-HEM7322U-0001';

/** Touches a wizard field, then types on the on-screen keyboard (spaces with its space bar). */
export async function typeInto(page: Page, fieldId: string, text: string): Promise<void> {
  await page.locator(`#calibration-${fieldId}`).click();
  for (const part of text.split(/( )/)) {
    if (part === ' ')
      await page
        .getByTestId('keyboard')
        .getByRole('button', { name: w('keyboard.space') })
        .click();
    else await typeKeys(page, part);
  }
}

export async function clickWizard(page: Page, key: string): Promise<void> {
  await page
    .getByTestId('calibration')
    .getByRole('button', { name: w(key), exact: true })
    .click();
}

/** The whole check of the cuff in `scenario`, up to the review; `name` prefixes the screenshots. */
export async function calibrateCuff(page: Page, scenario: string, name: string): Promise<void> {
  const wizard = page.getByTestId('calibration');
  await page.getByTestId('calibrate-bp-1').click();
  // Nothing to type: the kiosk names the signed-in account.
  await expect(page.getByTestId('calibration-technician')).toHaveText(`Technicien : ${DEV_TECHNICIAN.name}`);
  await expect(wizard.locator('input')).toHaveCount(0);
  await checkScreen(page, 'fr', `${name}-technician`);
  await clickWizard(page, 'calibration.start.submit');
  await expect(wizard).toHaveAttribute('data-step', 'reference');
  await expect(page.getByTestId('calibration-device')).toContainText(CUFF_SERIAL);
  await typeInto(page, 'instrument', 'FLUKE 700G');
  await typeInto(page, 'serialNumber', 'REF 7');
  await typeInto(page, 'certificateNumber', 'COFRAC 117');
  await typeInto(page, 'validUntil', '31122030');
  await checkScreen(page, 'fr', `${name}-reference`);
  await clickWizard(page, 'calibration.continue');
  await expect(wizard).toHaveAttribute('data-step', 'points');

  for (const [index, nominal] of BLOOD_PRESSURE_CALIBRATION.pointsMmHg.entries()) {
    await expect(page.getByTestId('calibration-point')).toContainText(`Point ${index + 1} sur 6 : ${nominal} mmHg`);
    const display = String(cuffCheckModeDisplay(scenario, nominal));
    // At the third point a digit is dropped from the reference: said plainly, nothing counted.
    await typeInto(page, 'ref-pressure', index === 2 ? String(nominal / 10) : String(nominal));
    await typeInto(page, 'dev-pressure', display);
    if (index === 2) {
      await clickWizard(page, 'calibration.point.submit');
      await expect(page.getByTestId('calibration-problem')).toContainText(
        w('calibration.problem.implausible-reference'),
      );
      await expect(page.getByTestId('calibration-point')).toContainText(`Point 3 sur 6`);
      await checkScreen(page, 'fr', `${name}-point-implausible`);
      await typeInto(page, 'ref-pressure', '0');
    }
    if (index === 3) await checkScreen(page, 'fr', `${name}-point`);
    await clickWizard(page, 'calibration.point.submit');
  }

  await expect(wizard).toHaveAttribute('data-step', 'leak-test');
  await typeInto(page, 'start', '250');
  await clickWizard(page, 'calibration.leak.startTimer');
  await expect(page.getByTestId('calibration-hold')).toBeVisible();
  await checkScreen(page, 'fr', `${name}-leak-holding`);
  // The kiosk times the hold itself; the end is asked for once it has passed.
  await expect(page.locator('#calibration-end')).toBeVisible({ timeout: (HOLD_SECONDS + 10) * 1000 });
  await typeInto(page, 'end', String(cuffLinePressureAfter(scenario, 250, HOLD_SECONDS)));
  await clickWizard(page, 'calibration.leak.finish');
  await expect(wizard).toHaveAttribute('data-step', 'review');
}

/** Records the reviewed check; returns to the staff panel once done. */
export async function recordCheck(page: Page, name: string): Promise<void> {
  await checkScreen(page, 'fr', `${name}-review`);
  await page.getByTestId('calibration-record').click();
  await expect(page.getByTestId('calibration')).toHaveAttribute('data-step', 'recorded');
  await expect(page.getByTestId('calibration-recorded')).toContainText(/Certificat n° CAL-\d{8}-[0-9A-F]{8}/);
  await checkScreen(page, 'fr', `${name}-recorded`);
}

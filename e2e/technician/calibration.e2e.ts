import { test, expect, type Page } from '@playwright/test';
import { readFileSync, writeFileSync } from 'node:fs';
import { BLOOD_PRESSURE_CALIBRATION } from '../../drivers/catalogue/calibration-procedures';
import { cuffCheckModeDisplay } from '../../drivers/simulators/hid/omron-cuff';
import jsQR from 'jsqr';
import { pdfFirstRgbImage, pdfTexts } from '../../server/prescriptions/pdf-reader';
import { checkScreen } from '../support/a11y';
import { startEntry, type Started } from '../support/processes';
import { devicesWithScenario, platformSends, writeJourneyConfig } from '../flows/flow-fixtures';
import { reachConsultation, words } from '../flows/journey';
import { cacheTechnicianOnKiosk, DEV_TECHNICIAN, technicianSignsIn } from './technician-fixtures';
import { calibrateCuff, clickWizard, CUFF_SERIAL, HOLD_SECONDS, recordCheck, typeInto } from './cuff-calibration';

/**
 * The technician calibrates the simulated cuff through the kiosk's own screens. Its simulator
 * first reads 5 mmHg high (scenario offset-plus-5): the check fails, is recorded, and the cuff is
 * out of service for the next patient. The kiosk is restarted on the same store with a sound cuff
 * (scenario normal): the check passes and its certificate PDF holds the serial and every point.
 *
 * The cuff is a USB HID device: its simulator is reached through the kiosk's HID opener, not a
 * pty. The technician reads the cuff's display in its check mode (its USB protocol cannot give a
 * static pressure); here the display is the simulator's own (`cuffCheckModeDisplay`), the
 * reference manometer reads the pressure applied.
 */

const w = words('fr');
const SERIAL = CUFF_SERIAL;

/** The kiosk on one data folder, started with the cuff in `scenario`. */
async function startKiosk(configPath: string, env: Record<string, string>, scenario: string): Promise<Started> {
  const config = JSON.parse(readFileSync(configPath, 'utf8')) as Record<string, unknown>;
  writeFileSync(
    configPath,
    JSON.stringify({
      ...config,
      // The thermometer sits in a reference bath reading 0.5 °C high (its wizard is walked too).
      devices: devicesWithScenario('bp-1', scenario).map((d) =>
        (d as { id: string }).id === 'thermometer-1'
          ? { ...(d as object), simulator: { scenario: 'reference-bath-0.5-high' } }
          : d,
      ),
      maintenance: { leakTestHoldSeconds: HOLD_SECONDS },
    }),
  );
  return startEntry('main/web-host/main.ts', ['--port', '0', '--config', configPath], ['KIOSK_URL'], env);
}

/**
 * The thermometer's wizard: the bath's reference typed, the thermometer read by the kiosk through
 * its protocol (its simulator reads the bath 0.5 °C high: the point fails), then abandoned, which
 * leaves the register untouched.
 */
async function thermometerPointThenAbandon(page: Page): Promise<void> {
  const wizard = page.getByTestId('calibration');
  await page.getByTestId('calibrate-thermometer-1').click();
  await clickWizard(page, 'calibration.start.submit');
  await expect(page.getByTestId('calibration-device')).toContainText('Température : tolérance ±0,3 °C');
  await typeInto(page, 'instrument', 'BAIN FLUKE 7109A');
  await typeInto(page, 'serialNumber', 'B 12');
  await typeInto(page, 'certificateNumber', 'COFRAC 9');
  await typeInto(page, 'validUntil', '31122030');
  await clickWizard(page, 'calibration.continue');
  await expect(page.getByTestId('calibration-point')).toContainText('Point 1 sur 4 : 35 °C');
  // A reference far off the bath's point (a slip: 3,5 for 35,0) is refused before the device is read.
  await typeInto(page, 'ref-temperature', '35');
  await expect(page.locator('#calibration-ref-temperature')).toHaveValue('3,5');
  await clickWizard(page, 'calibration.point.measure');
  await expect(page.getByTestId('calibration-problem')).toContainText(w('calibration.problem.implausible-reference'));
  await checkScreen(page, 'fr', 'calibration-thermometer-implausible');
  await page.locator('#calibration-ref-temperature').click();
  for (let i = 0; i < 2; i += 1)
    await page
      .getByTestId('keyboard')
      .getByRole('button', { name: w('keyboard.backspace') })
      .click();
  await typeInto(page, 'ref-temperature', '350');
  await clickWizard(page, 'calibration.point.measure');
  // The kiosk reads the thermometer itself: a row with its reading, 0.5 °C above a whole bath.
  const row = page.getByTestId('calibration-points').locator('tbody tr').first();
  await expect(row).toContainText(/\d\d,5/, { timeout: 30_000 });
  await expect(row.locator('td[data-passed="false"]')).toHaveCount(1);
  await expect(page.getByTestId('calibration-point')).toContainText('Point 2 sur 4 : 37 °C');
  await checkScreen(page, 'fr', 'calibration-thermometer-point');
  await expect(wizard).toHaveAttribute('data-step', 'points');
  await clickWizard(page, 'calibration.abandon');
  await expect(page.getByTestId('calibration-state-thermometer-1')).toHaveText(w('staff.calibration.unknown'));
}

/** A patient reaches the doctor, who asks for the blood pressure. */
async function patientToBloodPressure(page: Page, kioskUrl: string): Promise<void> {
  await reachConsultation(page, kioskUrl);
  await platformSends(page, { type: 'DOCTOR_REQUESTED_MEASUREMENT', kind: 'blood-pressure' });
}

test('a cuff reading 5 mmHg high fails its calibration and is out of service; sound again, it passes with a certificate', async ({
  page,
}) => {
  test.setTimeout(360_000);
  const { configPath, env } = writeJourneyConfig();
  // No platform here: the technician signs in with the account the kiosk received earlier.
  await cacheTechnicianOnKiosk(env.KIOSK_DATA_DIR!);
  const measurement = page.getByTestId('measurement');

  // 1. The cuff's sensor reads 5 mmHg high.
  let kiosk = await startKiosk(configPath, env, 'offset-plus-5');
  try {
    await page.goto(kiosk.values.KIOSK_URL!);
    await technicianSignsIn(page);
    await thermometerPointThenAbandon(page);
    await expect(page.getByTestId('calibration-state-bp-1')).toHaveText(w('staff.calibration.unknown'));
    await calibrateCuff(page, 'offset-plus-5', 'calibration-fail');
    await expect(page.getByTestId('calibration-result')).toHaveAttribute('data-result', 'failed');
    await expect(page.getByTestId('calibration-points').locator('td[data-passed="false"]')).toHaveCount(6);
    await recordCheck(page, 'calibration-fail');
    await clickWizard(page, 'calibration.done');
    await expect(page.getByTestId('calibration-state-bp-1')).toContainText(
      'Hors service : dernier étalonnage non conforme',
    );
    await checkScreen(page, 'fr', 'calibration-staff-out-of-service');
    await page
      .getByTestId('staff-dialog')
      .getByRole('button', { name: w('staff.close'), exact: true })
      .click();

    // The next patient: the doctor's request is answered at once, in a plain sentence, no retry.
    await patientToBloodPressure(page, kiosk.values.KIOSK_URL!);
    await expect(measurement).toHaveAttribute('data-phase', 'failed');
    await expect(page.getByTestId('measure-instruction')).toHaveText(`⚠ ${w('measure.failure.out-of-service')}`);
    await expect(measurement.getByRole('button', { name: w('measure.retry') })).toHaveCount(0);
    await checkScreen(page, 'fr', 'measure-blood-pressure-out-of-service');
  } finally {
    await kiosk.stop();
  }

  // 2. The cuff replaced by a sound one (same store: the failed check is still in the register).
  kiosk = await startKiosk(configPath, env, 'normal');
  try {
    await page.goto(kiosk.values.KIOSK_URL!);
    await technicianSignsIn(page);
    await expect(page.getByTestId('calibration-state-bp-1')).toContainText('Hors service');
    await calibrateCuff(page, 'normal', 'calibration-pass');
    await expect(page.getByTestId('calibration-result')).toHaveAttribute('data-result', 'passed');
    await recordCheck(page, 'calibration-pass');

    const download = page.waitForEvent('download');
    await page.getByTestId('calibration-certificate').click();
    const file = await download;
    expect(file.suggestedFilename()).toMatch(/^CAL-\d{8}-[0-9A-F]{8}\.pdf$/);
    const pdf = readFileSync(await file.path());
    const texts = pdfTexts(pdf);
    const text = texts.join('\n');
    expect(text).toContain(`Numéro de série : ${SERIAL}`);
    expect(text).toContain('Omron HEM-7322U (M500 IT)');
    expect(text).toContain(`Technicien : ${DEV_TECHNICIAN.name} (${DEV_TECHNICIAN.id})`);
    expect(text).toContain("Certificat d'étalonnage : COFRAC 117");
    expect(text).toContain('Résultat : CONFORME');
    // Every point: nominal, reference, cuff, error, tolerance, verdict, in that order.
    for (const nominal of BLOOD_PRESSURE_CALIBRATION.pointsMmHg) {
      const at = texts.findIndex((t, i) => t === String(nominal) && texts[i + 5] === 'Conforme');
      expect(texts.slice(at, at + 6), `the ${nominal} mmHg row`).toEqual([
        String(nominal),
        String(nominal),
        String(cuffCheckModeDisplay('normal', nominal)),
        '0',
        '±3',
        'Conforme',
      ]);
    }
    expect(text).toMatch(/Prochaine vérification avant le \d{1,2} \S+ \d{4}/);
    // Its QR code: the platform page that confirms it from the synced register.
    const image = pdfFirstRgbImage(pdf)!;
    const qr = jsQR(image.rgba, image.width, image.height)?.data ?? '';
    const number = file.suggestedFilename().replace('.pdf', '');
    expect(qr).toMatch(new RegExp(`^https?://[^/]+/verify/calibration/${number}\\?t=[0-9a-f-]{36}$`));
    expect(texts.join('')).toContain(qr);

    await clickWizard(page, 'calibration.done');
    await expect(page.getByTestId('calibration-state-bp-1')).toContainText('Étalonnage conforme, prochain avant le');
    // The cuff's register, from the technician screen: the failed check, then the passed one.
    const csvDownload = page.waitForEvent('download');
    await page.getByTestId('register-bp-1').click();
    const csvFile = await csvDownload;
    expect(csvFile.suggestedFilename()).toMatch(/^registre-bp-1-\d{4}-\d{2}-\d{2}\.csv$/);
    const csv = readFileSync(await csvFile.path(), 'utf8')
      .trimEnd()
      .split('\r\n');
    expect(csv).toHaveLength(3);
    expect(csv[1]).toContain(`,bp-1,omron-hem7322u,${SERIAL},static-pressure,failed,`);
    expect(csv[2]).toContain(`,bp-1,omron-hem7322u,${SERIAL},static-pressure,passed,`);
    // The register names the signed-in account on both lines, not anything typed.
    for (const line of csv.slice(1)) expect(line).toContain(`${DEV_TECHNICIAN.name} (${DEV_TECHNICIAN.id})`);
    await checkScreen(page, 'fr', 'calibration-staff-passed');
    await page
      .getByTestId('staff-dialog')
      .getByRole('button', { name: w('staff.close'), exact: true })
      .click();

    // Back in service: the patient is guided and measured.
    await patientToBloodPressure(page, kiosk.values.KIOSK_URL!);
    await expect(measurement).toHaveAttribute('data-phase', 'instructions');
    await page.getByRole('button', { name: w('measure.ready'), exact: true }).click();
    await expect(measurement).toHaveAttribute('data-phase', 'result', { timeout: 60_000 });
    await expect(page.getByTestId('measure-result')).toContainText('122');
  } finally {
    await kiosk.stop();
  }

  // 3. Thirteen months on (the maintenance clock run ahead): the passed check is past its due
  // date and the cuff is out of service again, for the staff and for the patient.
  kiosk = await startKiosk(configPath, { ...env, KIOSK_SIMULATED_CLOCK_OFFSET_DAYS: '400' }, 'normal');
  try {
    await page.goto(kiosk.values.KIOSK_URL!);
    await technicianSignsIn(page);
    await expect(page.getByTestId('calibration-state-bp-1')).toContainText('Hors service : étalonnage expiré le');
    await checkScreen(page, 'fr', 'calibration-staff-expired');
    await page
      .getByTestId('staff-dialog')
      .getByRole('button', { name: w('staff.close'), exact: true })
      .click();
    await patientToBloodPressure(page, kiosk.values.KIOSK_URL!);
    await expect(measurement).toHaveAttribute('data-phase', 'failed');
    await expect(page.getByTestId('measure-instruction')).toHaveText(`⚠ ${w('measure.failure.out-of-service')}`);
    await checkScreen(page, 'fr', 'measure-blood-pressure-expired');
  } finally {
    await kiosk.stop();
  }
});

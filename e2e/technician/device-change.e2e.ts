import { expect, test, type Page } from '@playwright/test';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { serialSimulation } from '../../drivers/catalogue/simulations';
import type { DeviceModelId } from '../../drivers/catalogue/device-catalogue';
import { PtyRunner } from '../../drivers/simulators/pty-runner';
import { deviceOverridesPath } from '../../kiosk-config/device-overrides';
import { checkScreen, saveScreen } from '../support/a11y';
import { startEntry } from '../support/processes';
import { writeJourneyConfig } from '../flows/flow-fixtures';
import { words } from '../flows/journey';
import { platformWithTechnician, technicianSignsIn } from './technician-fixtures';

const w = words('fr');
const KIOSK_ID = 'dev-kiosk-1';

/** A second simulated unit on its own socat pty pair, as if plugged into another port of the kiosk. */
async function plug(model: DeviceModelId, link: string): Promise<PtyRunner> {
  const simulation = serialSimulation(model);
  if (simulation === null) throw new Error(`no simulator for ${model}`);
  const runner = new PtyRunner({ ...simulation, scenario: 'normal', hostLink: link });
  await runner.start();
  return runner;
}

async function openThermometerChange(page: Page): Promise<void> {
  await page.getByTestId('open-diagnostics').click();
  await page.getByTestId('change-thermometer-1').click();
  await expect(page.getByTestId('device-change-thermometer-1')).toBeVisible();
}

/**
 * A port change validated by a test reading (issue 19), in Chromium against the running kiosk:
 * the technician moves the thermometer to a port where an oximeter talks (its frames never decode
 * as a SureTemp: refused, the old port stays and the screen says why), then to a port where a
 * second SureTemp answers (kept, saved in the data folder, and still there after a restart).
 */
test('a technician changes the thermometer port: refused on an oximeter port, kept where a thermometer answers', async ({
  page,
}) => {
  test.setTimeout(240_000);
  const dir = mkdtempSync(join(tmpdir(), 'device-change-e2e-'));
  const { platform, credentialFile } = await platformWithTechnician(dir, KIOSK_ID);
  const { configPath, env } = writeJourneyConfig({ platform: { url: platform.values.PLATFORM_URL!, credentialFile } });
  const runtime = env.KIOSK_RUNTIME_DIR!;
  const oximeterPort = join(runtime, 'ttyUSB-oximetre');
  const sparePort = join(runtime, 'ttyUSB-thermometre');
  const runners = [await plug('nonin-format2', oximeterPort), await plug('welch-allyn-suretemp', sparePort)];
  const start = () => startEntry('main/web-host/main.ts', ['--port', '0', '--config', configPath], ['KIOSK_URL'], env);
  let kiosk = await start();
  try {
    await page.goto(kiosk.values.KIOSK_URL!);
    await technicianSignsIn(page);
    await openThermometerChange(page);
    // Firmware where the device gives it (the cuff's USB descriptor), else said in words.
    const firmware = (deviceId: string) => page.getByTestId(`diagnostics-${deviceId}`).locator('dd').nth(1);
    await expect(firmware('bp-1')).toHaveText('1.00');
    await expect(firmware('thermometer-1')).toHaveText(w('staff.diagnostics.firmwareNotReported'));
    const form = page.getByTestId('device-change-thermometer-1');
    await expect(form).toContainText(w('staff.change.rule').replace('{{count}}', '10'));
    await expect(form.getByTestId('port-choice')).toContainText([oximeterPort, sparePort]);
    await checkScreen(page, 'fr', 'technician-device-change');

    // An oximeter on that port: bytes come, none decode as a SureTemp.
    await form.getByTestId('port-choice').filter({ hasText: oximeterPort }).click();
    await form.getByTestId('device-change-try').click();
    await expect(page.getByTestId('device-change-trying')).toBeVisible();
    const refused = page.getByTestId('device-change-refused');
    await expect(refused).toContainText(
      w('staff.change.refused.wrong-model')
        .replace('{{port}}', oximeterPort)
        .replace('{{model}}', 'Welch Allyn SureTemp Plus'),
      { timeout: 20_000 },
    );
    const oldPort = join(runtime, 'ttyThermometer');
    await expect(refused).toContainText(
      w('staff.change.old').replace('{{model}}', 'Welch Allyn SureTemp Plus').replace('{{port}}', oldPort),
    );
    await expect(page.getByTestId('diagnostics-thermometer-1')).toContainText(oldPort);
    await refused.scrollIntoViewIfNeeded();
    await checkScreen(page, 'fr', 'technician-device-change-refused');

    // A second thermometer answers on the spare port: kept, with its test frame.
    await form.getByTestId('port-choice').filter({ hasText: sparePort }).click();
    await form.getByTestId('device-change-try').click();
    const kept = page.getByTestId('device-change-kept');
    await expect(kept).toContainText(
      w('staff.change.kept').replace('{{model}}', 'Welch Allyn SureTemp Plus').replace('{{port}}', sparePort),
      {
        timeout: 20_000,
      },
    );
    await expect(kept.locator('code')).toHaveText(/^[0-9A-F]{2}( [0-9A-F]{2})+$/);
    await expect(page.getByTestId('diagnostics-thermometer-1').locator('dd').nth(2)).toHaveText(sparePort);
    await saveScreen(page, 'fr', 'technician-device-change-kept');
    const saved = JSON.parse(readFileSync(deviceOverridesPath(env.KIOSK_DATA_DIR!), 'utf8')) as {
      devices: Record<string, { port: string; by: string }>;
    };
    expect(saved.devices['thermometer-1']).toMatchObject({ port: sparePort, by: 'technician:tech.dev' });

    // After a restart the thermometer is still on the accepted port (its simulator now started there).
    await kiosk.stop();
    await runners.pop()!.stop();
    kiosk = await start();
    await page.goto(kiosk.values.KIOSK_URL!);
    await technicianSignsIn(page);
    await page.getByTestId('open-diagnostics').click();
    const row = page.getByTestId('diagnostics-thermometer-1');
    await expect(row.locator('dd').nth(2)).toHaveText(sparePort);
    await expect(row).toContainText(w('waiting.state.connected'), { timeout: 15_000 });
  } finally {
    await kiosk.stop();
    await Promise.all(runners.map((r) => r.stop()));
    await platform.stop();
  }
});

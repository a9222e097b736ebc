import { expect, test } from '@playwright/test';
import { execFileSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { checkScreen, saveScreen } from '../support/a11y';
import { ROOT, startEntry } from '../support/processes';
import { writeJourneyConfig } from '../flows/flow-fixtures';
import { words } from '../flows/journey';
import {
  DEV_TECHNICIAN,
  openTechnicianSignIn,
  platformWithTechnician,
  submitTechnician,
  technicianSignsIn,
} from './technician-fixtures';

const w = words('fr');
const KIOSK_ID = 'dev-kiosk-1';

/**
 * The field technician's own access (issue 19): a real development platform issues the account
 * (seeded `tech.dev`) and the kiosk's credential; the kiosk fetches the account over it. The
 * technician signs in at the kiosk's screens in Chromium, watches the simulated oximeter's frames
 * live while the kiosk runs (the same frames `kioskctl monitor` reads over the local socket), and
 * five wrong secrets lock the account with a plain sentence, even against the right secret.
 */
test('a technician signs in with their account, sees live frames while the kiosk runs, and 5 wrong secrets lock them out', async ({
  page,
}) => {
  test.setTimeout(180_000);
  const dir = mkdtempSync(join(tmpdir(), 'technician-e2e-'));
  const { platform, credentialFile } = await platformWithTechnician(dir, KIOSK_ID);
  const { configPath, env } = writeJourneyConfig({ platform: { url: platform.values.PLATFORM_URL!, credentialFile } });
  const kiosk = await startEntry('main/web-host/main.ts', ['--port', '0', '--config', configPath], ['KIOSK_URL'], env);
  try {
    await page.goto(kiosk.values.KIOSK_URL!);
    await technicianSignsIn(page);
    await expect(page.getByTestId('staff-dialog').getByRole('heading', { level: 2 })).toHaveText(
      w('staff.technicianTitle'),
    );
    await page.getByTestId('open-diagnostics').click();
    const row = page.getByTestId('diagnostics-oximeter-1');
    await expect(row).toContainText('ttyOximeter');
    await expect(row).toContainText(w('waiting.state.connected'));
    await page.getByTestId('monitor-oximeter-1').click();
    const frames = page.getByTestId('frame');
    await expect(frames).toHaveCount(12, { timeout: 15_000 });
    await expect(frames.first().getByTestId('frame-hex')).toHaveText(/^[0-9A-F]{2}( [0-9A-F]{2})+$/);
    await expect(frames.first().getByTestId('frame-decoded')).toHaveText(/^oximetry spo2=\d+ pulse=\d+/);
    await checkScreen(page, 'fr', 'technician-diagnostics');
    await page.getByTestId('frame-monitor').scrollIntoViewIfNeeded();
    await saveScreen(page, 'fr', 'technician-diagnostics-live-frames');

    // kioskctl reaches the same running kiosk over its local socket, the devices still in its hands.
    const listed = execFileSync(
      process.execPath,
      ['--import', 'tsx', 'main/cli/kioskctl.ts', 'devices', '--config', configPath],
      { cwd: ROOT, env: { ...process.env, ...env }, encoding: 'utf8' },
    );
    expect(listed).toContain('"deviceId":"oximeter-1"');
    expect(listed).toContain('"state":"connected"');

    await page.getByRole('button', { name: w('staff.diagnostics.back'), exact: true }).click();
    await page
      .getByTestId('staff-dialog')
      .getByRole('button', { name: w('staff.close'), exact: true })
      .click();

    // Five wrong secrets: the tries left are said, then the lock, in minutes.
    await openTechnicianSignIn(page);
    const refusal = page.getByTestId('technician-sign-in-error');
    for (let left = 4; left >= 1; left--) {
      await submitTechnician(page, DEV_TECHNICIAN.id, 'pas-le-bon-code');
      await expect(refusal).toHaveText(`⚠ ${w('staff.technician.wrong').replace('{{count}}', String(left))}`);
    }
    await submitTechnician(page, DEV_TECHNICIAN.id, 'pas-le-bon-code');
    const locked = `⚠ ${w('staff.technician.locked').replace('{{count}}', '15')}`;
    await expect(refusal).toHaveText(locked);
    await checkScreen(page, 'fr', 'technician-locked-out');
    // The right secret is refused too while locked.
    await submitTechnician(page, DEV_TECHNICIAN.id, DEV_TECHNICIAN.secret);
    await expect(refusal).toHaveText(locked);
    await expect(page.getByTestId('staff-panel')).toHaveCount(0);
    await saveScreen(page, 'fr', 'technician-locked-right-secret');
  } finally {
    await kiosk.stop();
    await platform.stop();
  }
});

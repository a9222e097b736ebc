import { execFileSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { checkScreen } from '../support/a11y';
import { ROOT, startEntry, type Started } from '../support/processes';
import { expect, test, writeJourneyConfig } from './flow-fixtures';
import {
  confirmToConsent,
  consentToWaiting,
  expectStep,
  PATIENT,
  startToIdentify,
  typeIdentity,
  words,
} from './journey';

const KIOSK_ID = 'kiosk-revoked';

/**
 * A real platform that issued this kiosk its credential, then revoked it with the admin command (as
 * an operator would after a stolen kiosk): every request of the kiosk is refused as revoked.
 */
async function platformThatRevokedTheKiosk(dir: string): Promise<{ platform: Started; credentialFile: string }> {
  const credentialFile = join(dir, 'kiosk-credential');
  const dataDir = join(dir, 'platform');
  const platform = await startEntry(
    'server/main.ts',
    ['--port', '0', '--data-dir', dataDir, '--dev', '--dev-kiosk', `${KIOSK_ID}=${credentialFile}`, '--workers', '1'],
    ['PLATFORM_URL'],
  );
  execFileSync(
    process.execPath,
    ['--import', 'tsx', 'server/admin.ts', 'revoke-kiosk-credential', KIOSK_ID, '--data-dir', dataDir],
    { cwd: ROOT, stdio: 'ignore' },
  );
  return { platform, credentialFile };
}

test('a revoked kiosk credential: the waiting room says the service does not answer and to ask the pharmacist, whose panel says why', async ({
  page,
}) => {
  const dir = mkdtempSync(join(tmpdir(), 'kiosk-revoked-e2e-'));
  const { platform, credentialFile } = await platformThatRevokedTheKiosk(dir);
  const { configPath, env } = writeJourneyConfig({
    platform: { url: platform.values.PLATFORM_URL!, credentialFile },
  });
  const kiosk = await startEntry('main/web-host/main.ts', ['--port', '0', '--config', configPath], ['KIOSK_URL'], env);
  try {
    const w = words('fr');
    await page.goto(kiosk.values.KIOSK_URL!);
    await startToIdentify(page, 'fr', false);
    await typeIdentity(page, 'fr', PATIENT.nir, false);
    await confirmToConsent(page, 'fr', false);
    await consentToWaiting(page, 'fr', false);
    // Said only once the platform's refusal came back; no promise that anyone was alerted.
    await expect(page.getByRole('alert').filter({ hasText: w('waiting.serviceUnreachable') })).toBeVisible({
      timeout: 20_000,
    });
    await checkScreen(page, 'fr', 'waiting-credential-refused');

    await page.getByTestId('staff-corner').click();
    const dialog = page.getByTestId('staff-dialog');
    for (const digit of '2468') await dialog.getByRole('button', { name: digit, exact: true }).click();
    await dialog.getByRole('button', { name: w('staff.signIn'), exact: true }).click();
    const alert = dialog.getByTestId('staff-credential');
    await expect(alert).toContainText(w('staff.credential.credential-revoked'));
    await expect(alert).toContainText(w('staff.credential.consequence'));
    await checkScreen(page, 'fr', 'staff-credential-refused');
    await expectStep(page, 'waiting');
  } finally {
    await kiosk.stop();
    await platform.stop();
  }
});

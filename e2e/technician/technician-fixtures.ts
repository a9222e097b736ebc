import { expect, type Page } from '@playwright/test';
import { join } from 'node:path';
import { KioskStore } from '../../main/db/kiosk-store';
import { openPlatformStores } from '../../server/platform-stores';
import { IN_MEMORY_RECORDS } from '../../server/records/records-database';
import { startEntry, type Started } from '../support/processes';
import { typeKeys, words } from '../flows/journey';

/** The development technician the platform seeds with `--dev` (server/auth/technician-accounts.ts). */
export const DEV_TECHNICIAN = { id: 'tech.dev', secret: 'technicien-dev', name: 'Technicien de développement' };

/**
 * A real development platform that issued `kioskId` its credential (`--dev-kiosk`) and seeded the
 * development technician: the kiosk fetches the account over that credential at its start.
 */
export async function platformWithTechnician(
  dir: string,
  kioskId: string,
): Promise<{ platform: Started; credentialFile: string; dataDir: string }> {
  const credentialFile = join(dir, 'kiosk-credential');
  const dataDir = join(dir, 'platform');
  const platform = await startEntry(
    'server/main.ts',
    ['--port', '0', '--data-dir', dataDir, '--dev', '--dev-kiosk', `${kioskId}=${credentialFile}`, '--workers', '1'],
    ['PLATFORM_URL'],
  );
  return { platform, credentialFile, dataDir };
}

/** Opens the staff corner and chooses the technician's own sign-in. */
export async function openTechnicianSignIn(page: Page): Promise<void> {
  const w = words('fr');
  await page.getByTestId('staff-corner').click();
  await page
    .getByTestId('staff-dialog')
    .getByRole('button', { name: w('staff.roles.technician'), exact: true })
    .click();
  await expect(page.getByTestId('technician-sign-in')).toBeVisible();
}

/** Types an identifier (unless already there: the form keeps it after a refusal) and a secret, and submits. */
export async function submitTechnician(page: Page, identifier: string, secret: string): Promise<void> {
  const w = words('fr');
  const form = page.getByTestId('technician-sign-in');
  const field = page.locator('#technician-identifier');
  if ((await field.inputValue()) !== identifier) {
    await field.click();
    await typeKeys(page, identifier);
  }
  await page.locator('#technician-secret').click();
  await typeKeys(page, secret);
  await form.getByRole('button', { name: w('staff.signIn'), exact: true }).click();
}

/**
 * The development technician signs in at the kiosk's screens. The kiosk fetches the accounts as it
 * starts; should the screen say none was received yet, the sign-in is tried again a moment later.
 */
export async function technicianSignsIn(page: Page): Promise<void> {
  await openTechnicianSignIn(page);
  await expect(async () => {
    if (await page.getByTestId('staff-panel').isVisible()) return;
    await submitTechnician(page, DEV_TECHNICIAN.id, DEV_TECHNICIAN.secret);
    await expect(page.getByTestId('staff-panel')).toBeVisible({ timeout: 2_000 });
  }).toPass({ timeout: 20_000 });
  await expect(page.getByTestId('technician-signed-in')).toContainText(DEV_TECHNICIAN.id);
}

/**
 * The development technician's account in a kiosk's store, as the kiosk keeps what the platform
 * handed it (hash made by the platform's own code): for journeys whose kiosk has no platform to
 * fetch from, i.e. a technician working offline with an account received earlier.
 */
export async function cacheTechnicianOnKiosk(kioskDataDir: string): Promise<void> {
  const platform = openPlatformStores(IN_MEMORY_RECORDS);
  try {
    await platform.technicians.upsert(DEV_TECHNICIAN);
    const store = KioskStore.openInDataDir({ dataDir: kioskDataDir, keyFile: join(kioskDataDir, 'store.key') });
    store.technicians.replaceAll(await platform.technicians.active());
    store.close();
  } finally {
    platform.close();
  }
}

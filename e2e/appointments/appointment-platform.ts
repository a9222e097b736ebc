import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import type { Browser, Page } from '@playwright/test';
import { expect, openCallPage } from '../call/call-fixtures';
import { ROOT, startEntry, type Started } from '../support/processes';

/** The issue 17 e2e's shared pieces: doctors, a platform with its clock hook, the console. */
export const APPOINTMENTS_PASSWORD = 'appointments-e2e-password';

export interface E2eDoctor {
  email: string;
  name: string;
  rpps: string;
}

export function addDoctor(dataDir: string, doctor: E2eDoctor, specialties: string): void {
  execFileSync(
    process.execPath,
    ['--import', 'tsx', join(ROOT, 'server/admin.ts'), 'add-doctor', '--email', doctor.email, '--name', doctor.name]
      .concat(['--rpps', doctor.rpps, '--specialties', specialties, '--territories', '75'])
      .concat(['--data-dir', dataDir]),
    { cwd: ROOT, env: { ...process.env, PLATFORM_DOCTOR_PASSWORD: APPOINTMENTS_PASSWORD }, stdio: 'pipe' },
  );
}

/** The platform with a development kiosk (and `more` kiosks: [id, credential file]) and its test hooks (the clock), one worker. */
export function startAppointmentsPlatform(
  dataDir: string,
  kioskId: string,
  credentialFile: string,
  env: Record<string, string> = {},
  more: [string, string][] = [],
): Promise<Started> {
  const kiosks = [[kioskId, credentialFile], ...more].flatMap(([id, file]) => ['--dev-kiosk', `${id}=${file}`]);
  const args = ['--port', '0', '--data-dir', dataDir, '--dev', ...kiosks];
  return startEntry('server/main.ts', args.concat(['--workers', '1', '--test-hooks']), ['PLATFORM_URL'], env);
}

export async function openConsole(browser: Browser, platformUrl: string, doctor: E2eDoctor): Promise<Page> {
  const page = await openCallPage(browser, `${platformUrl}/console/`);
  await page.setViewportSize({ width: 1280, height: 900 });
  await page.getByTestId('sign-in-email').fill(doctor.email);
  await page.getByTestId('sign-in-password').fill(APPOINTMENTS_PASSWORD);
  await page.getByTestId('sign-in-submit').click();
  await expect(page.getByTestId('doctor-name')).toHaveText(doctor.name);
  return page;
}

/** The doctor publishes Monday's slots from `from` to `to` in the console. */
export async function publishSlots(page: Page, from: string, to: string): Promise<void> {
  await page.getByTestId('appt-from').fill(from);
  await page.getByTestId('appt-to').fill(to);
  await page.getByTestId('appt-publish').click();
  await expect(page.getByTestId('appt-notice')).toHaveText('Créneaux publiés.');
}

/** Moves the platform's clock (its --test-hooks). */
export async function setClock(platformUrl: string, iso: string): Promise<void> {
  const res = await fetch(`${platformUrl}/api/test/clock`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ now: iso }),
  });
  expect(res.ok).toBe(true);
}

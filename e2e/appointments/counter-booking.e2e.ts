import { execFileSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Page } from '@playwright/test';
import { expect, openCallPage, test } from '../call/call-fixtures';
import { expectTouchTargets, saveScreen } from '../support/a11y';
import { expectBuilt } from '../support/built';
import { ROOT, startEntry } from '../support/processes';
import { startKioskHost } from '../call/kiosk-host';
import { expectStep, words } from '../flows/journey';

/**
 * Issue 17 item 5 on the real platform, console and portal, the platform's clock moved by its test
 * hook to Monday 7 December 2026, 09:00 in Paris (and the portal's browser clock with it): a GP
 * publishes slots from 15:00; at the counter the pharmacist books 15:30 for a patient, gets the
 * ticket, and sees it in "Rendez-vous du jour"; on the phone (a second tab) 15:00 is booked while
 * the counter is about to confirm it: the counter is told plainly, with the slots still free. At
 * 15:27 the phone patient types the booking's code at the kiosk: a mistyped one is refused, theirs
 * is found.
 */
const PASSWORD = 'counter-e2e-password';
const GP = { email: 'dr.comptoir@kiosk.test', name: 'Dr Claire Comptoir', rpps: '10000000031' };
const MONDAY_9 = '2026-12-07T08:00:00.000Z';
const w = words('fr');

test('the pharmacist books a slot at the counter, sees it in the day, and is told when a slot was just taken', async ({
  browser,
}) => {
  test.setTimeout(180_000);
  expectBuilt('doctor console', 'portal');
  const dir = mkdtempSync(join(tmpdir(), 'counter-booking-e2e-'));
  const dataDir = join(dir, 'platform');
  execFileSync(
    process.execPath,
    ['--import', 'tsx', join(ROOT, 'server/admin.ts'), 'add-doctor', '--email', GP.email, '--name', GP.name]
      .concat(['--rpps', GP.rpps, '--specialties', 'general-practice', '--territories', '75'])
      .concat(['--data-dir', dataDir]),
    { cwd: ROOT, env: { ...process.env, PLATFORM_DOCTOR_PASSWORD: PASSWORD }, stdio: 'pipe' },
  );
  const credentialFile = join(dir, 'kiosk-credential');
  const platform = await startEntry(
    'server/main.ts',
    ['--port', '0', '--data-dir', dataDir, '--dev', '--dev-kiosk', `kiosk-counter=${credentialFile}`].concat([
      '--workers',
      '1',
      '--test-hooks',
    ]),
    ['PLATFORM_URL'],
  );
  const url = platform.values.PLATFORM_URL!;
  try {
    const clock = await fetch(`${url}/api/test/clock`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ now: MONDAY_9 }),
    });
    expect(clock.ok).toBe(true);
    await publishSlots(browser, url);

    const counter = await openPortal(browser, url);
    const cabin = counter.getByTestId('appointments-cabin');
    await expect(cabin).toContainText('Cabine 1');
    await expect(cabin).toContainText('Aucun rendez-vous aujourd');
    await listSlots(counter);
    await counter.getByTestId('booking-slot').filter({ hasText: '7 déc. 15:30' }).click();
    await counter.getByTestId('booking-confirm').click();
    const ticket = counter.getByTestId('booking-ticket');
    await expect(ticket).toContainText(`Rendez-vous réservé à 15:30 avec ${GP.name}.`);
    const code = (await counter.getByTestId('booking-code').textContent())!;
    expect(code).toMatch(/^[ACEFHJKMNPRTWXY3479]{6}$/);
    await expect(cabin.getByTestId('appointment')).toHaveText([`15:30 ${GP.name} Réservé`]);
    await expectTouchTargets(counter, 'portal appointments');
    await saveScreen(counter, 'portal', 'appointments-booked');

    // The counter lists the slots again and picks 15:00; the phone (another tab) books it first.
    await counter.getByTestId('booking-another').click();
    await listSlots(counter);
    await counter.getByTestId('booking-slot').filter({ hasText: '7 déc. 15:00' }).click();
    const phone = await openPortal(browser, url);
    await listSlots(phone);
    await phone.getByTestId('booking-slot').filter({ hasText: '7 déc. 15:00' }).click();
    await phone.getByTestId('booking-confirm').click();
    await expect(phone.getByTestId('booking-ticket')).toContainText('15:00');
    await counter.getByTestId('booking-confirm').click();
    await expect(counter.getByTestId('booking-taken')).toContainText("Ce créneau vient d'être pris");
    // Monday's 15:00 is not offered again (the other slots left depend on the cabin's cleaning time).
    await expect(counter.getByTestId('booking-slots')).not.toContainText('7 déc. 15:00');
    console.log(
      `offered after the refusal: ${(await counter.getByTestId('booking-slot').allTextContents()).join(' | ')}`,
    );
    await counter.getByTestId('appointments-refresh').click();
    await expect(cabin.getByTestId('appointment')).toHaveText([`15:00 ${GP.name} Réservé`, `15:30 ${GP.name} Réservé`]);
    await saveScreen(counter, 'portal', 'appointments-taken');

    // 15:27: the patient booked by phone types the code said to them at the kiosk (no ticket, no identity).
    await checkInWithCode(browser, url, credentialFile, code);
  } finally {
    await platform.stop();
  }
});

/** The GP publishes Monday's slots from 15:00 to 16:00 in the console. */
async function publishSlots(browser: Browser, url: string) {
  const gp = await openCallPage(browser, `${url}/console/`);
  await gp.getByTestId('sign-in-email').fill(GP.email);
  await gp.getByTestId('sign-in-password').fill(PASSWORD);
  await gp.getByTestId('sign-in-submit').click();
  await expect(gp.getByTestId('doctor-name')).toHaveText(GP.name);
  await gp.getByTestId('appt-from').fill('15:00');
  await gp.getByTestId('appt-to').fill('16:00');
  await gp.getByTestId('appt-publish').click();
  await expect(gp.getByTestId('appt-notice')).toHaveText('Créneaux publiés.');
}

/** The development pharmacist signed in on a tablet-sized portal whose clock is the platform's. */
async function openPortal(browser: Browser, url: string): Promise<Page> {
  const portal = await openCallPage(browser, `${url}/portal/`);
  await portal.clock.setFixedTime(new Date(MONDAY_9));
  await portal.reload();
  await portal.setViewportSize({ width: 1024, height: 1366 });
  await portal.getByTestId('sign-in-email').fill('pharmacien@kiosk.test');
  await portal.getByTestId('sign-in-password').fill('comptoir-dev');
  await portal.getByTestId('sign-in-submit').click();
  await expect(portal.getByTestId('portal-board')).toHaveAttribute('data-status', 'live');
  return portal;
}

async function listSlots(portal: Page) {
  await portal.getByTestId('booking-territory').fill('75');
  await portal.getByTestId('booking-list-slots').click();
  await expect(portal.getByTestId('booking-slot').first()).toBeVisible();
}

/** At the cabin's kiosk: a mistyped code is refused plainly; the right one finds the phone booking. */
async function checkInWithCode(browser: Browser, url: string, credentialFile: string, code: string) {
  const clock = await fetch(`${url}/api/test/clock`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ now: '2026-12-07T14:27:00.000Z' }),
  });
  expect(clock.ok).toBe(true);
  const host = await startKioskHost({ platformUrl: url, credentialFile, kioskId: 'kiosk-counter' });
  const context = await browser.newContext({ viewport: { width: 1080, height: 1920 } });
  try {
    const kiosk = await context.newPage();
    await kiosk.goto(host.url);
    await kiosk.getByTestId('welcome-check-in').click();
    await kiosk.getByRole('button', { name: w('emergency.none') }).click();
    await expectStep(kiosk, 'check-in');
    await kiosk.getByTestId('check-in-type-code').click();
    const keyboard = kiosk.getByTestId('keyboard');
    const type = async (text: string) => {
      for (const c of text) await keyboard.getByRole('button', { name: c, exact: true }).click();
    };
    const wrong = code.startsWith('A') ? 'CCCCCC' : 'AAAAAA';
    await type(wrong);
    await kiosk.getByRole('button', { name: w('checkIn.code.submit') }).click();
    await expect(kiosk.getByTestId('check-in-refusal')).toHaveAttribute('data-refusal', 'no-booking');
    await expectTouchTargets(kiosk, 'check-in, typing the code');
    await saveScreen(kiosk, 'fr', 'appointments-check-in-code-refused');
    for (let i = 0; i < 6; i++) await kiosk.getByRole('button', { name: w('keyboard.backspace') }).click();
    await type(code);
    await kiosk.getByRole('button', { name: w('checkIn.code.submit') }).click();
    // Found: a phone booking carries no identity, so the patient identifies before the doctor's room.
    await expectStep(kiosk, 'identify');
  } finally {
    await context.close();
    await host.stop();
  }
}

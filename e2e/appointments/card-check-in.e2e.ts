import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from '@playwright/test';
import { startVitaleStack } from '../../drivers/simulators/vitale/pcsc-stack';
import type { VitaleControl } from '../../drivers/simulators/vitale/control-client';
import type { VitaleScenarioName } from '../../drivers/simulators/vitale/scenarios';
import { SYNTHETIC_CHILD } from '../../drivers/simulators/vitale/scenarios';
import { expect, test } from '../call/call-fixtures';
import { startKioskHost } from '../call/kiosk-host';
import { confirmToConsent, expectStep, pharmacistConfirmsHygiene, startToIdentify, words } from '../flows/journey';
import { expectTouchTargets, saveScreen } from '../support/a11y';
import { requireStack } from '../support/require-stack';
import { startIppTestPrinter } from '../../main/printing/testing/ipp-test-printer';
import { pdfTexts } from '../../server/prescriptions/pdf-reader';
import { startSmsTestGateway } from '../../server/notify/testing/sms-test-gateway';
import { addDoctor, openConsole, publishSlots, setClock, startAppointmentsPlatform } from './appointment-platform';

/**
 * Issue 17 item 3 with the Carte Vitale, over the real pcscd + vpcd stack and the kiosk's own card
 * service, the platform's clock moved by its test hook: at 09:00 the holder books 15:00 with their
 * card and phone, the ticket comes out of the cabin's printer (ippeveprinter) and the SMS reminder
 * reaches the local gateway; at 14:57 a two-person card is put in at check-in. The child (no booking) goes on as a
 * walk-in, identity read; the holder chosen is recognised: consent again, then the GP's room.
 */
const KIOSK_ID = 'kiosk-card-check-in';
const GP = { email: 'dr.carte@kiosk.test', name: 'Dr Carla Carte', rpps: '10000000041' };
const w = words('fr');

test('the Carte Vitale at check-in finds the chosen person’s booking; the one without goes on as a walk-in', async ({
  browser,
}) => {
  test.setTimeout(300_000);
  const dir = mkdtempSync(join(tmpdir(), 'card-check-in-e2e-'));
  const vitale = await requireStack(
    'pcscd + vpcd (the virtual Carte Vitale)',
    () =>
      startVitaleStack({
        scenario: 'valid-card',
        runtimeDir: join(dir, 'vitale'),
        removed: true,
        readerName: `Kiosk Appointments PCD ${process.pid}`,
      }),
    { stop: (stack) => stack.stop() },
  );
  const printer = await requireStack(
    'ippeveprinter (cups-ipp-utils)',
    () => startIppTestPrinter(join(dir, 'printer')),
    {
      stop: (p) => p.stop(),
    },
  );
  const dataDir = join(dir, 'platform');
  addDoctor(dataDir, GP, 'general-practice');
  const credentialFile = join(dir, 'kiosk-credential');
  // Reminders by SMS through the local gateway (an HTTP server of the tests, as the common SMS APIs).
  const sms = await startSmsTestGateway();
  const smsEnv = { PLATFORM_SMS_URL: sms.url, PLATFORM_SMS_TOKEN: sms.token, PLATFORM_SMS_FROM: 'Pharmacie' };
  const platform = await startAppointmentsPlatform(dataDir, KIOSK_ID, credentialFile, smsEnv);
  const platformUrl = platform.values.PLATFORM_URL!;
  await setClock(platformUrl, '2026-12-07T08:00:00.000Z');
  const reader = { id: 'card-reader-1', model: 'pcsc-vitale', transport: 'pcsc', readerName: vitale.readerName };
  const host = await startKioskHost({
    ...{ platformUrl, credentialFile, kioskId: KIOSK_ID, devices: [reader] },
    printer: { uri: printer.uri, paper: 'receipt-80mm' },
  });
  const kioskContext = await browser.newContext({ viewport: { width: 1080, height: 1920 } });
  const card = vitale.control;
  try {
    const gp = await openConsole(browser, platformUrl, GP);
    await publishSlots(gp, '15:00', '16:00');
    const kiosk = await kioskContext.newPage();
    await kiosk.goto(host.url);
    await bookWithCard(kiosk, card);
    // Booked at 09:00 for 15:00: within the 24 h, the reminder is due at once and goes by SMS.
    await expect.poll(() => sms.sent.length, { timeout: 30_000 }).toBe(1);
    expect(sms.sent[0]).toMatchObject({ to: '+33612345678', from: 'Pharmacie' });
    expect(sms.sent[0]!.text).toContain('lundi 7 décembre à 15:00');
    for (const secret of [GP.name, 'PATIENT', 'TEST', 'générale']) expect(sms.sent[0]!.text).not.toContain(secret);
    // The ticket came out of the cabin's printer: time, doctor and code on the paper.
    const paper = pdfTexts(printer.printed().at(-1)!).join(' ');
    expect(paper).toContain('lundi 7 décembre à 15:00');
    expect(paper).toContain(GP.name);
    expect(paper).toMatch(/[ACEFHJKMNPRTWXY3479]{3} [ACEFHJKMNPRTWXY3479]{3}/);

    // 14:57: a two-person card at check-in; the child has no booking: the walk-in journey, identity read.
    await setClock(platformUrl, '2026-12-07T13:57:00.000Z');
    await toCheckIn(kiosk);
    await putIn(card, 'two-beneficiaries');
    const who = kiosk.getByTestId('check-in-card');
    await expect(who).toContainText(w('checkIn.card.who'));
    await expectTouchTargets(kiosk, 'check-in, who has the appointment');
    await saveScreen(kiosk, 'fr', 'appointments-check-in-card-who');
    await who.getByRole('button', { name: /ENFANT TEST/ }).click();
    await expectStep(kiosk, 'identity-confirm');
    await expect(kiosk.getByTestId('screen-identity-confirm')).toContainText(SYNTHETIC_CHILD.firstName);
    await kiosk.getByRole('button', { name: w('frame.cancel') }).click();
    await card.remove();
    await expectStep(kiosk, 'cabin-not-ready');
    await pharmacistConfirmsHygiene(kiosk, 'fr');

    // The holder chosen on the same card: recognised, consent again, then the GP's waiting room.
    await toCheckIn(kiosk);
    await card.insert();
    await kiosk
      .getByTestId('check-in-card')
      .getByRole('button', { name: /PATIENT TEST/ })
      .click();
    await expectStep(kiosk, 'consent');
    await kiosk.getByRole('button', { name: w('consent.accept'), exact: true }).click();
    await expectStep(kiosk, 'waiting');
    await expect(kiosk.getByTestId('waiting-appointment')).toContainText(GP.name);
    const row = gp.getByTestId('queue-row');
    await expect(row).toHaveCount(1, { timeout: 20_000 });
    await expect(row.getByTestId('queue-appointment')).toContainText('15:00');
    // The console lists no names: the holder's age (born 1969) says it is them, not the child (2012).
    await expect(row).toContainText('57 ans');
  } finally {
    await kioskContext.close();
    await host.stop();
    await platform.stop();
    await vitale.stop();
    await printer.stop();
    await sms.stop();
    rmSync(dir, { recursive: true, force: true });
  }
});

async function putIn(card: VitaleControl, scenario: VitaleScenarioName): Promise<void> {
  await card.setScenario(scenario);
  await card.insert();
}

/** 09:00: the holder identifies with the card, gives the reason, and books 15:00 with the GP. */
async function bookWithCard(kiosk: Page, card: VitaleControl): Promise<void> {
  await startToIdentify(kiosk, 'fr', false);
  await putIn(card, 'valid-card');
  await expectStep(kiosk, 'identity-confirm');
  await confirmToConsent(kiosk, 'fr', false);
  await kiosk.getByRole('button', { name: w('consent.accept'), exact: true }).click();
  await kiosk.getByRole('button', { name: w('reason.specialties.general-practice') }).click();
  await kiosk.getByRole('button', { name: w('frame.continue'), exact: true }).click();
  // The phone for the reminder, on the on-screen digit pad.
  await expectStep(kiosk, 'contact');
  await kiosk.getByLabel(w('contact.phone')).click();
  for (const c of '0612345678')
    await kiosk.getByTestId('keyboard').getByRole('button', { name: c, exact: true }).click();
  await kiosk.getByRole('button', { name: w('frame.continue'), exact: true }).click();
  await expectStep(kiosk, 'when');
  await expect(kiosk.getByTestId('when-remind').getByRole('checkbox')).toBeChecked();
  await kiosk.getByTestId('slot').filter({ hasText: '15:00' }).first().click();
  await expectStep(kiosk, 'booked');
  const print = kiosk.getByTestId('booked-print');
  await expect(print).toHaveAttribute('data-print', 'printed', { timeout: 30_000 });
  await expect(print).toHaveText(w('booked.print.printed'));
  await expect(kiosk.getByTestId('booked-reminder')).toHaveAttribute('data-reminder', 'queued');
  await saveScreen(kiosk, 'fr', 'appointments-ticket-printed');
  await kiosk.getByRole('button', { name: w('booked.done') }).click();
  await card.remove();
  await expectStep(kiosk, 'cabin-not-ready');
  await pharmacistConfirmsHygiene(kiosk, 'fr');
}

/** "I have an appointment" on the welcome screen, the emergency question, then the check-in step. */
async function toCheckIn(kiosk: Page): Promise<void> {
  await expectStep(kiosk, 'welcome');
  await kiosk.getByTestId('welcome-check-in').click();
  await expectStep(kiosk, 'emergency');
  await kiosk.getByRole('button', { name: w('emergency.none') }).click();
  await expectStep(kiosk, 'check-in');
  await expect(kiosk.getByTestId('check-in-card')).toContainText(w('checkIn.card.insert'));
}

import { execFileSync, spawnSync } from 'node:child_process';
import { once } from 'node:events';
import { mkdtempSync, writeFileSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type Browser, type Page } from '@playwright/test';
import { simpleParser, type ParsedMail } from 'mailparser';
import { SMTPServer } from 'smtp-server';
import { DEV_DOCTOR as PLATFORM_DEV_DOCTOR } from '../../server/auth/doctor-accounts';
import { startIppTestPrinter, type IppTestPrinter } from '../../main/printing/testing/ipp-test-printer';
import { CHROMIUM_ARGS, CHROMIUM_PATH } from '../support/chromium';
import { ROOT, startEntry, type Started } from '../support/processes';
import { requireStack } from '../support/require-stack';
import { expectStep, PATIENT } from '../flows/journey';
import { E2E_KIOSK_ID, expect, openCallPage, test as callTest } from '../call/call-fixtures';
import { kioskInWaitingRoom, signInAndAccept } from '../call/exam-journey';
import { startKioskHost } from '../call/kiosk-host';
import { expectBuilt } from '../support/built';

/**
 * The printing test on the real stack: kiosk screens and services (web host), platform,
 * console, and Debian's ippeveprinter as the cabin's IPP printer. The doctor ends the call with a
 * prescription; the printer starts out of paper, so the end screen must send the patient to the
 * counter, not say "printed"; paper is put back, the patient touches "print again", and only once
 * the printer completed the job does the screen say printed. The paper (the file the printer
 * wrote) holds the patient's name and the doctor's RPPS (pdftotext) and is signed (pdfsig). Then
 * the patient types an e-mail address: a real SMTP server on loopback (smtp-server) receives the
 * link, with no health data, and the screen says sent only then.
 *
 * Its own platform (not the shared fixture's): with a signing certificate and that SMTP server.
 */
const SCREENS = join(ROOT, 'e2e/artifacts/screens');

/** The development pharmacy's portal, signed in (its cabin is this file's kiosk). */
async function openPortal(browser: Browser, platformUrl: string): Promise<Page> {
  const portal = await openCallPage(browser, `${platformUrl}/portal/`);
  await portal.setViewportSize({ width: 1024, height: 900 });
  await portal.getByTestId('sign-in-email').fill('pharmacien@kiosk.test');
  await portal.getByTestId('sign-in-password').fill('comptoir-dev');
  await portal.getByTestId('sign-in-submit').click();
  await expect(portal.getByTestId('portal-board')).toHaveAttribute('data-status', 'live');
  return portal;
}

/** The platform of this file: development mode, this kiosk, a throwaway signing certificate, the SMTP server. */
async function startMailingPlatform(
  dir: string,
  smtpPort: number,
): Promise<Started & { url: string; credentialFile: string }> {
  const cert = join(dir, 'signing.crt');
  const key = join(dir, 'signing.key');
  execFileSync(
    'openssl',
    ['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-days', '2', '-subj', '/CN=Plateforme e2e'].concat([
      '-keyout',
      key,
      '-out',
      cert,
    ]),
    { stdio: 'ignore' },
  );
  const credentialFile = join(dir, 'kiosk-credential');
  const platform = await startEntry(
    'server/main.ts',
    [
      '--port',
      '0',
      '--data-dir',
      join(dir, 'data'),
      '--dev',
      '--dev-kiosk',
      `${E2E_KIOSK_ID}=${credentialFile}`,
      '--workers',
      '1',
    ],
    ['PLATFORM_URL'],
    {
      PLATFORM_SIGNING_CERT: cert,
      PLATFORM_SIGNING_KEY: key,
      PLATFORM_SMTP_URL: `smtp://127.0.0.1:${smtpPort}`,
      PLATFORM_MAIL_FROM: 'Téléconsultation <no-reply@platform.test>',
    },
  );
  return { ...platform, url: platform.values.PLATFORM_URL!.replace(/\/$/, ''), credentialFile };
}

/** A loopback SMTP server that keeps what it receives, parsed. */
async function startSmtp(received: ParsedMail[]) {
  const smtp = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    onData(stream, _session, callback) {
      simpleParser(stream).then((mail) => {
        received.push(mail);
        callback();
      }, callback);
    },
  });
  smtp.listen(0, '127.0.0.1');
  await once(smtp.server, 'listening');
  return { smtp, port: (smtp.server.address() as AddressInfo).port };
}

const test = callTest;

function pdfText(pdf: Buffer): string {
  const dir = mkdtempSync(join(tmpdir(), 'printed-'));
  writeFileSync(join(dir, 'printed.pdf'), pdf);
  return execFileSync('pdftotext', ['-layout', join(dir, 'printed.pdf'), '-'], { encoding: 'utf8' });
}

test('the prescription goes through IPP to the printer and its link by e-mail; the screen says each only once done', async ({
  browser,
}) => {
  test.setTimeout(240_000);
  expectBuilt('kiosk screens', 'portal', 'doctor console');
  await requireStack('pdftotext (poppler-utils)', () => execFileSync('pdftotext', ['-v'], { stdio: 'ignore' }));
  const printer: IppTestPrinter = await requireStack('ippeveprinter (cups-ipp-utils)', () =>
    startIppTestPrinter(mkdtempSync(join(tmpdir(), 'e2e-printer-'))),
  );
  const received: ParsedMail[] = [];
  const { smtp, port } = await startSmtp(received);
  const platform = await startMailingPlatform(mkdtempSync(join(tmpdir(), 'e2e-mail-platform-')), port);
  const kioskBrowser = await chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS });
  const host = await startKioskHost({
    platformUrl: platform.url,
    credentialFile: platform.credentialFile,
    kioskId: E2E_KIOSK_ID,
    printer: { uri: printer.uri, paper: 'a4' },
  });
  let logs = '';
  host.process.stderr?.on('data', (d: Buffer) => (logs += d.toString()));
  platform.process.stderr?.on('data', (d: Buffer) => (logs += d.toString()));
  try {
    await printer.outOfPaper(true);
    const portal = await openPortal(browser, platform.url);
    const kiosk = await kioskInWaitingRoom(kioskBrowser, host.url);
    const console_ = await openCallPage(browser, `${platform.url}/console/`);
    await signInAndAccept(console_);
    await expectStep(kiosk, 'consultation');
    await console_.getByTestId('rx-item-0').fill('Paracétamol 1 g');
    await console_.getByTestId('rx-dosage-0').fill('1 comprimé 3 fois par jour');
    await console_.getByTestId('rx-duration-0').fill('5 jours');
    await console_.getByTestId('end-call').click();
    // With a prescription, the end shows the PDF to sign first (PrescriptionPreview).
    await console_.getByTestId('rx-sign').click();

    await expectStep(kiosk, 'end');
    const print = kiosk.getByTestId('print-state');
    await expect(print).toHaveAttribute('data-print-status', 'no-paper', { timeout: 30_000 });
    await expect(print).toContainText("L'imprimante n'a plus de papier. Allez au comptoir");
    await expect(print).not.toContainText('imprimée.');
    await kiosk.screenshot({ path: join(SCREENS, 'kiosk-end-no-paper.png'), fullPage: true });
    // The pharmacist's portal says it at once (the kiosk beats when the print ends), with what to do.
    const cabin = portal.locator(`[data-testid="cabin"][data-kiosk-id="${E2E_KIOSK_ID}"]`);
    const failure = cabin.getByTestId('cabin-print-failure');
    const noPaperAt = Date.now();
    await expect(failure).toHaveAttribute('data-failure', 'no-paper', { timeout: 5_000 });
    console.log(`portal showed the out-of-paper print ${Date.now() - noPaperAt} ms after the kiosk screen did`);
    await expect(failure).toContainText('Remettez du papier, puis relancez');
    await expect(cabin.getByTestId('cabin-paper').first()).toHaveAttribute('data-level', '0');
    await expect(cabin.getByTestId('cabin-supply').first()).toContainText('Black Toner : 75 %');
    await portal.screenshot({ path: join(SCREENS, 'portal-print-no-paper.png'), fullPage: true });

    await printer.outOfPaper(false);
    await kiosk.getByTestId('reprint').click();
    await expect(print).toHaveAttribute('data-print-status', 'printed', { timeout: 30_000 });
    await expect(print).toContainText("L'ordonnance est imprimée.");
    await kiosk.screenshot({ path: join(SCREENS, 'kiosk-end-printed.png'), fullPage: true });
    // The reprint completed: the failure leaves the portal, the paper is back.
    await expect(failure).toHaveCount(0, { timeout: 5_000 });
    await expect(cabin.getByTestId('cabin-paper').first()).not.toHaveAttribute('data-level', '0');
    // A patient is in the cabin: the hygiene checklist waits for the end of the session.
    await expect(cabin.getByTestId('cabin-hygiene')).toHaveAttribute('data-due', 'true');
    await expect(cabin.getByTestId('cabin-hygiene')).toContainText('check-list à faire');
    await portal.screenshot({ path: join(SCREENS, 'portal-print-cleared.png'), fullPage: true });

    const paper = printer.printed().at(-1);
    expect(paper, 'the printer wrote no file').toBeDefined();
    const text = pdfText(paper!);
    console.log(`printed prescription (pdftotext):\n${text}`);
    expect(text).toContain(PATIENT.lastName);
    expect(text).toContain(`RPPS ${PLATFORM_DEV_DOCTOR.rpps}`);
    // The prescriber's practice address, from the doctor's account.
    expect(text).toContain(PLATFORM_DEV_DOCTOR.practiceAddress);
    expect(text).toContain('Paracétamol 1 g');
    const signedFile = join(mkdtempSync(join(tmpdir(), 'printed-sig-')), 'printed.pdf');
    writeFileSync(signedFile, paper!);
    expect(spawnSync('pdfsig', [signedFile], { encoding: 'utf8' }).stdout).toContain('Signature is Valid.');

    // The patient asks for the link by e-mail; sent only once the SMTP server has it.
    const mail = kiosk.getByTestId('email');
    const code = (await kiosk.getByTestId('access-code').locator('strong').textContent())!;
    await kiosk.getByTestId('email-open').click();
    for (const char of 'camille@example.fr')
      await kiosk.getByTestId('keyboard').getByRole('button', { name: char, exact: true }).click();
    await kiosk.screenshot({ path: join(SCREENS, 'kiosk-end-email-typing.png'), fullPage: true });
    await kiosk.getByTestId('email-send').click();
    await expect(mail).toHaveAttribute('data-email-status', 'sent', { timeout: 20_000 });
    expect(received).toHaveLength(1);
    await kiosk.screenshot({ path: join(SCREENS, 'kiosk-end-email-sent.png'), fullPage: true });
    const message = `${received[0]!.subject}\n${received[0]!.text}`;
    console.log(`e-mail received by the SMTP server:\n${message}`);
    const number = (await kiosk.getByTestId('prescription-number').textContent())!;
    expect(message).toContain(`${platform.url}/rx/${number}`);
    for (const health of [
      'Paracétamol',
      PATIENT.lastName,
      PATIENT.firstName,
      'Claire Martin',
      PLATFORM_DEV_DOCTOR.rpps,
      code,
    ])
      expect(message.toLowerCase()).not.toContain(health.toLowerCase());
    // The link with the code on the screen opens the document.
    const opened = await fetch(`${platform.url}/rx/${number}?code=${code}`);
    expect(opened.headers.get('content-type')).toBe('application/pdf');
  } catch (error) {
    // What the kiosk and the platform logged (warnings and errors only: no patient data is logged).
    console.log(
      logs
        .split('\n')
        .filter((line) => /warn|error/i.test(line))
        .join('\n'),
    );
    throw error;
  } finally {
    await kioskBrowser.close();
    await host.stop();
    await printer.stop();
    await platform.stop();
    smtp.close();
  }
});

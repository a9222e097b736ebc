import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium } from '@playwright/test';
import { DEV_DOCTOR as PLATFORM_DEV_DOCTOR } from '../../server/auth/doctor-accounts';
import { startIppTestPrinter, type IppTestPrinter } from '../../main/printing/testing/ipp-test-printer';
import { CHROMIUM_ARGS, CHROMIUM_PATH } from '../support/chromium';
import { ROOT } from '../support/processes';
import { requireStack } from '../support/require-stack';
import { expectStep, PATIENT } from '../flows/journey';
import { E2E_KIOSK_ID, expect, openCallPage, test } from '../call/call-fixtures';
import { kioskInWaitingRoom, signInAndAccept } from '../call/exam-journey';
import { startKioskHost } from '../call/kiosk-host';

/**
 * The printing test on the real stack: kiosk screens and services (web host), platform,
 * console, and Debian's ippeveprinter as the cabin's IPP printer. The doctor ends the call with a
 * prescription; the printer starts out of paper, so the end screen must send the patient to the
 * counter, not say "printed"; paper is put back, the patient touches "print again", and only once
 * the printer completed the job does the screen say printed. The paper (the file the printer
 * wrote) holds the patient's name and the doctor's RPPS (pdftotext).
 */
const SCREENS = join(ROOT, 'e2e/artifacts/screens');

function pdfText(pdf: Buffer): string {
  const dir = mkdtempSync(join(tmpdir(), 'printed-'));
  writeFileSync(join(dir, 'printed.pdf'), pdf);
  return execFileSync('pdftotext', ['-layout', join(dir, 'printed.pdf'), '-'], { encoding: 'utf8' });
}

test('the prescription goes through IPP to the printer; the end screen says printed only once it was', async ({
  browser,
  platform,
}) => {
  test.setTimeout(240_000);
  expect(existsSync(join(ROOT, 'dist/renderer/index.html')), 'the kiosk screens are not built: run npm run build').toBe(
    true,
  );
  await requireStack('pdftotext (poppler-utils)', () => execFileSync('pdftotext', ['-v'], { stdio: 'ignore' }));
  const printer: IppTestPrinter = await requireStack('ippeveprinter (cups-ipp-utils)', () =>
    startIppTestPrinter(mkdtempSync(join(tmpdir(), 'e2e-printer-'))),
  );
  const kioskBrowser = await chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS });
  const host = await startKioskHost({
    platformUrl: platform.url,
    credentialFile: platform.credentialFile,
    kioskId: E2E_KIOSK_ID,
    printer: { uri: printer.uri, paper: 'a4' },
  });
  try {
    await printer.outOfPaper(true);
    const kiosk = await kioskInWaitingRoom(kioskBrowser, host.url);
    const console_ = await openCallPage(browser, `${platform.url}/console/`);
    await signInAndAccept(console_);
    await expectStep(kiosk, 'consultation');
    await console_.getByTestId('rx-item-0').fill('Paracétamol 1 g');
    await console_.getByTestId('rx-dosage-0').fill('1 comprimé 3 fois par jour');
    await console_.getByTestId('rx-duration-0').fill('5 jours');
    await console_.getByTestId('end-call').click();

    await expectStep(kiosk, 'end');
    const print = kiosk.getByTestId('print-state');
    await expect(print).toHaveAttribute('data-print-status', 'no-paper', { timeout: 30_000 });
    await expect(print).toContainText("L'imprimante n'a plus de papier. Allez au comptoir");
    await expect(print).not.toContainText('imprimée.');
    await kiosk.screenshot({ path: join(SCREENS, 'kiosk-end-no-paper.png'), fullPage: true });

    await printer.outOfPaper(false);
    await kiosk.getByTestId('reprint').click();
    await expect(print).toHaveAttribute('data-print-status', 'printed', { timeout: 30_000 });
    await expect(print).toContainText("L'ordonnance est imprimée.");
    await kiosk.screenshot({ path: join(SCREENS, 'kiosk-end-printed.png'), fullPage: true });

    const paper = printer.printed().at(-1);
    expect(paper, 'the printer wrote no file').toBeDefined();
    const text = pdfText(paper!);
    console.log(`printed prescription (pdftotext):\n${text}`);
    expect(text).toContain(PATIENT.lastName);
    expect(text).toContain(`RPPS ${PLATFORM_DEV_DOCTOR.rpps}`);
    expect(text).toContain('Paracétamol 1 g');
  } finally {
    await kioskBrowser.close();
    await host.stop();
    await printer.stop();
  }
});

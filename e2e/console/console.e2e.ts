import AxeBuilder from '@axe-core/playwright';
import type { Page } from '@playwright/test';
import { DEV_DOCTOR, expect, openCallPage, test } from '../call/call-fixtures';
import { kioskDriver } from '../call/page-drivers';

/**
 * The doctor console (console, built into dist/console by `npm run build`) as the platform
 * serves it at /console/, against a real platform process and the kiosk's call test page.
 */
const KIOSK_PAGE = '/renderer/streaming/testing/kiosk.html';

async function signIn(page: Page) {
  await page.getByTestId('sign-in-email').fill(DEV_DOCTOR.email);
  await page.getByTestId('sign-in-password').fill(DEV_DOCTOR.password);
  await page.getByTestId('sign-in-submit').click();
}

/** Accessibility rules axe finds broken on the page (rule ids and where), none expected. */
async function axeViolations(page: Page) {
  const { violations } = await new AxeBuilder({ page }).analyze();
  return violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
}

/**
 * With CONSOLE_SCREENSHOTS=<folder>, the console's screens at a 1366×768 laptop's size for the
 * README (docs/screenshots); nothing otherwise.
 */
async function screenshot(page: Page, name: string) {
  const folder = process.env.CONSOLE_SCREENSHOTS;
  if (!folder) return;
  await page.setViewportSize({ width: 1366, height: 768 });
  await page.evaluate(() => window.scrollTo(0, 0));
  await page.screenshot({ path: `${folder}/console-${name}.png` });
}

/** Video frames the console decoded from the kiosk (ConsultationView exposes its media session). */
const consoleFrames = (page: Page) =>
  page.evaluate(
    () =>
      (
        globalThis as unknown as { consoleMedia?: { framesDecoded(): Promise<number> } }
      ).consoleMedia?.framesDecoded() ?? 0,
  );

test('the doctor signs in, sees the queue live, keeps the session on reload and signs out', async ({
  browser,
  platform,
  pagesUrl,
}) => {
  const doctorPage = await openCallPage(browser, `${platform.url}/console/`);
  await expect(doctorPage.getByTestId('sign-in')).toBeVisible();
  expect(await axeViolations(doctorPage)).toEqual([]);
  await screenshot(doctorPage, 'sign-in');
  await signIn(doctorPage);
  await expect(doctorPage.getByTestId('queue-empty')).toBeVisible();
  // The click that lets the browser play the arrival chime and ask for notifications. Headless
  // Chromium may play without a click (then no button) and refuses notifications even when the
  // context grants them: the console must say so rather than pretend.
  await doctorPage.context().grantPermissions(['notifications'], { origin: platform.url });
  const enable = doctorPage.getByTestId('arrival-enable');
  if (await enable.isVisible()) await enable.click();
  const alerts = doctorPage.getByTestId('arrival-alerts');
  await expect(alerts).toHaveAttribute('data-sound', 'on');
  await expect(alerts).toHaveAttribute('data-notifications', 'denied');
  await expect(doctorPage.getByTestId('arrival-denied')).toContainText('Notifications refusées par le navigateur');
  await expect(doctorPage.getByTestId('doctor-name')).toHaveText('Dr Claire Martin');

  // A wrong password is refused with a clear message (in a second console, same platform).
  const other = await openCallPage(browser, `${platform.url}/console/`);
  await other.getByTestId('sign-in-email').fill(DEV_DOCTOR.email);
  await other.getByTestId('sign-in-password').fill('wrong-password');
  await other.getByTestId('sign-in-submit').click();
  await expect(other.getByTestId('sign-in-error')).toHaveText('Identifiants refusés.');

  const kioskPage = await openCallPage(browser, pagesUrl + KIOSK_PAGE);
  await kioskDriver(kioskPage).start(await platform.ticket());
  const row = doctorPage.getByTestId('queue-row');
  await expect(row).toHaveCount(1);
  await expect(row.getByTestId('queue-reason')).toContainText('Fièvre et toux depuis trois jours');
  await expect(row.getByTestId('queue-age')).toHaveText('41 ans');
  await expect(row.getByTestId('queue-specialty')).toHaveText('Médecine générale');
  await expect(row.getByTestId('queue-waiting')).toHaveText(/^\d+:\d{2}$/);
  // Where the patient is: the kiosk's pharmacy and town from the platform's directory (--dev seeds them).
  await expect(row.getByTestId('queue-place')).toHaveText('Pharmacie de démonstration, Paris (75)');
  await expect(row.getByTestId('queue-sex')).toHaveText(/^ · (femme|homme)$/);
  // The patient arrived while the queue was open: announced (chime, notification if allowed, and in words).
  await expect(doctorPage.getByTestId('arrival-announced')).toHaveText('1 nouveau(x) patient(s) en attente');
  expect(await axeViolations(doctorPage)).toEqual([]);
  await screenshot(doctorPage, 'queue');

  await doctorPage.reload();
  await expect(doctorPage.getByTestId('queue-row')).toHaveCount(1);
  await doctorPage.getByTestId('sign-out').click();
  await expect(doctorPage.getByTestId('sign-in')).toBeVisible();
  await doctorPage.reload();
  await expect(doctorPage.getByTestId('sign-in')).toBeVisible();
  await kioskPage.context().close();
});

test('the doctor accepts, sees and hears the patient, asks for SpO2, prescribes and gets the report', async ({
  browser,
  platform,
  pagesUrl,
}) => {
  const doctorPage = await openCallPage(browser, `${platform.url}/console/`);
  await signIn(doctorPage);
  const kioskPage = await openCallPage(browser, pagesUrl + KIOSK_PAGE);
  const kiosk = kioskDriver(kioskPage);
  await kiosk.start(await platform.ticket());
  // The platform is shared by the tests of this worker: the previous test's kiosk may still wait in
  // the queue, disconnected, for its grace period. Counting rows raced the console's first queue
  // snapshot (the old row could be taken for this one), so this kiosk's row is the connected one.
  const row = doctorPage.getByTestId('queue-row').filter({ hasNotText: 'borne déconnectée' });
  await expect(row).toHaveCount(1);
  await row.getByTestId('queue-accept').click();

  await expect(doctorPage.getByTestId('consultation')).toBeVisible();
  await expect(doctorPage.getByTestId('identity-name')).toContainText('DUPONT');
  await expect(doctorPage.getByTestId('identity-source')).toHaveAttribute('data-source', 'card');
  await doctorPage.getByTestId('identity-verify').click();
  await expect(doctorPage.getByTestId('identity-status')).toContainText('Vérifiée');

  await expect.poll(kiosk.state, { timeout: 20_000 }).toBe('connected');
  await expect.poll(() => consoleFrames(doctorPage), { timeout: 20_000 }).toBeGreaterThan(10);
  await expect.poll(kiosk.framesDecoded, { timeout: 20_000 }).toBeGreaterThan(10);
  // On loopback the link is good, and the doctor reads why: bitrate, loss and round trip.
  const quality = doctorPage.getByTestId('call-quality');
  await expect(quality).toHaveAttribute('data-level', 'good', { timeout: 10_000 });
  expect(Number(await quality.getAttribute('data-kbps'))).toBeGreaterThan(50);
  await expect(quality).toContainText(/Liaison bonne · \d+ kbit\/s · pertes \d+,\d % · aller-retour \d+ ms/);

  // A reload mid-call: the console resumes its session and rejoins the consultation, media included.
  await doctorPage.reload();
  await expect(doctorPage.getByTestId('consultation')).toBeVisible();
  await expect(doctorPage.getByTestId('identity-name')).toContainText('DUPONT');
  await expect.poll(() => consoleFrames(doctorPage), { timeout: 20_000 }).toBeGreaterThan(10);

  // The live view keeps the running values and the waveform after the final reading.
  await doctorPage.getByTestId('live-view-oximetry').click();
  // Asked with the keyboard (Alt+O), as a doctor who knows the shortcuts would.
  await doctorPage.keyboard.press('Alt+KeyO');
  await expect(doctorPage.getByTestId('live-oximetry')).toContainText('en cours');
  await expect(doctorPage.getByTestId('vital-spo2')).toHaveText('97');
  await expect(doctorPage.getByTestId('vital-pulse')).toHaveText('72');
  await expect
    .poll(async () => Number(await doctorPage.getByTestId('pleth-canvas').getAttribute('data-samples')))
    .toBeGreaterThan(60);
  await expect(doctorPage.getByTestId('vitals-oximetry')).toContainText('étalonnage valide');

  expect(await axeViolations(doctorPage)).toEqual([]);
  await screenshot(doctorPage, 'consultation');
  // The doctor mutes their microphone (Alt+M): the track sends silence and the console says so.
  await doctorPage.keyboard.press('Alt+KeyM');
  await expect(doctorPage.getByTestId('controls-state')).toHaveText(
    'Votre micro est coupé : le patient ne vous entend pas.',
  );
  expect(
    await doctorPage
      .getByTestId('local-video')
      .evaluate((v: HTMLVideoElement) => (v.srcObject as MediaStream).getAudioTracks().map((t) => t.enabled)),
  ).toEqual([false]);
  await doctorPage.getByTestId('toggle-microphone').click();
  await expect(doctorPage.getByTestId('controls-state')).toHaveCount(0);
  // The structured note: the SpO2 of record goes into the examination by a click.
  await doctorPage.getByTestId('note-reason').fill('Fièvre et toux');
  await doctorPage.getByTestId('note-examination').fill('Examen à distance, pas de signe de gravité.');
  await doctorPage.getByTestId('note-insert-oximetry').click();
  await expect(doctorPage.getByTestId('note-examination')).toHaveValue(/gravité\.\n.* — SpO2 97 % · pouls 72 bpm$/);
  await doctorPage.getByTestId('rx-item-0').fill('Paracétamol 1 g');
  await doctorPage.getByTestId('rx-dosage-0').fill('1 comprimé 3 fois par jour');
  await doctorPage.getByTestId('rx-duration-0').fill('5 jours');
  await doctorPage.getByTestId('rx-form-0').fill('comprimé');
  await doctorPage.getByTestId('rx-quantity-0').fill('1 boîte de 8');
  // With a prescription, the end first shows the PDF the platform will issue (PrescriptionPreview).
  const [previewResponse] = await Promise.all([
    doctorPage.waitForResponse((r) => r.url().endsWith('/prescription-preview')),
    doctorPage.getByTestId('end-call').click(),
  ]);
  expect(previewResponse.headers()['content-type']).toBe('application/pdf');
  // Playwright hands no body for this response; the PDF's content is prescription-pdf.test.ts's.
  expect(Number(previewResponse.headers()['content-length'])).toBeGreaterThan(1000);
  await expect(doctorPage.getByTestId('rx-preview')).toHaveAttribute('data-status', 'ready');
  await expect(doctorPage.getByTestId('rx-preview-pdf')).toHaveAttribute('src', /^blob:/);
  expect(await axeViolations(doctorPage)).toEqual([]);
  await screenshot(doctorPage, 'prescription-preview');
  await doctorPage.getByTestId('rx-sign').click();

  const report = doctorPage.getByTestId('report');
  await expect(report).toBeVisible();
  await expect(doctorPage.getByTestId('report-rx-number')).toHaveText(/RX-\d{4}-\d{6}-\d/);
  const number = (await doctorPage.getByTestId('report-rx-number').textContent())!.match(/RX-\d{4}-\d{6}-\d/)![0];
  await expect(doctorPage.getByTestId('report-note-reason')).toHaveText('MotifFièvre et toux');
  await expect(doctorPage.getByTestId('report-note-examination')).toContainText('pas de signe de gravité.');
  await expect(doctorPage.getByTestId('report-note-examination')).toContainText('SpO2 97 % · pouls 72 bpm');
  await expect(doctorPage.getByTestId('report-identity-verified')).toHaveText('oui');
  await expect(doctorPage.getByTestId('report-measurements')).toContainText('SpO2 97 %');
  expect(await axeViolations(doctorPage)).toEqual([]);
  await screenshot(doctorPage, 'report');
  await expect(kioskPage.locator('#prescription')).toHaveText(number);
  expect((await kiosk.prescription())?.lines[0]).toMatchObject({ item: 'Paracétamol 1 g', duration: '5 jours' });

  // "Ordonnance PDF" opens the PDF (fetched with the session token) in a new tab.
  const [pdfTab] = await Promise.all([
    doctorPage.context().waitForEvent('page'),
    doctorPage.getByTestId('report-pdf').click(),
  ]);
  expect(pdfTab.url()).toMatch(/^blob:/);
  // The same route, read here to check what it returns.
  const pdf = await doctorPage.evaluate(async (n) => {
    const token = (
      JSON.parse(
        (globalThis as unknown as { sessionStorage: { getItem(key: string): string | null } }).sessionStorage.getItem(
          'doctor-console.session',
        ) ?? '{}',
      ) as { token?: string }
    ).token;
    const res = await fetch(`/api/prescriptions/${n}.pdf`, { headers: { authorization: `Bearer ${token}` } });
    return {
      status: res.status,
      type: res.headers.get('content-type'),
      head: new TextDecoder().decode((await res.arrayBuffer()).slice(0, 5)),
    };
  }, number);
  expect(pdf).toEqual({ status: 200, type: 'application/pdf', head: '%PDF-' });
});

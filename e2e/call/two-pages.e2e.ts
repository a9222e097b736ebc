import type { Browser } from '@playwright/test';
import { DEV_DOCTOR, expect, openCallPage, test } from './call-fixtures';
import { doctorDriver, kioskDriver } from './page-drivers';
import { startTcpProxy } from './tcp-proxy';

/** Resolves once the page's decoded-frame counter has grown by `by` frames. */
async function framesRising(read: () => Promise<number>, by = 10) {
  const start = await read();
  await expect.poll(read, { timeout: 20_000 }).toBeGreaterThan(start + by);
}

const KIOSK_PAGE = '/renderer/streaming/testing/kiosk.html';
const DOCTOR_PAGE = '/renderer/streaming/testing/doctor.html';

/** The kiosk's and the doctor's call pages, each in its own browser context; the doctor signed in. */
async function openPages(browser: Browser, platformUrl: string, pagesUrl: string) {
  const kioskPage = await openCallPage(browser, pagesUrl + KIOSK_PAGE);
  const doctorPage = await openCallPage(browser, pagesUrl + DOCTOR_PAGE);
  const kiosk = kioskDriver(kioskPage);
  const doctor = doctorDriver(doctorPage);
  await doctor.signIn(platformUrl, DEV_DOCTOR.email, DEV_DOCTOR.password);
  return { kioskPage, doctorPage, kiosk, doctor };
}

test('a patient joins, the doctor accepts, both see each other, SpO2 streams, the prescription comes back', async ({
  browser,
  platform,
  pagesUrl,
}) => {
  const { kioskPage, doctorPage, kiosk, doctor } = await openPages(browser, platform.url, pagesUrl);

  await kiosk.start(await platform.ticket());
  await expect.poll(kiosk.state).toBe('waiting');
  // Honest waiting: the position and estimate reached the flow.
  expect(await kiosk.intentions()).toContain('QUEUE_UPDATED');

  await expect.poll(async () => (await doctor.queue()).length).toBe(1);
  const entry = (await doctor.queue())[0]!;
  expect(entry).toMatchObject({
    ageYears: 41,
    specialty: 'general-practice',
    territory: '75',
    reason: 'Fièvre et toux depuis trois jours',
  });
  // Next in the queue with a doctor online, the kiosk prepared the call (transports open, camera
  // and microphone produced) and sends nothing before the accept.
  await expect.poll(kiosk.transportStates).toEqual(['connected', 'new']);
  await kioskPage.waitForTimeout(1000);
  expect(await kiosk.packetsSent()).toBe(0);
  const accepted = await doctor.accept(entry.consultationId);
  expect(accepted.identity).toMatchObject({ lastName: 'DUPONT', source: 'card' });

  await expect.poll(kiosk.state, { timeout: 20_000 }).toBe('connected');
  expect(await kiosk.intentions()).toContain('DOCTOR_ACCEPTED');
  await framesRising(kiosk.framesDecoded);
  await framesRising(doctor.framesDecoded);

  await doctor.requestMeasurement('oximetry');
  await expect.poll(kiosk.intentions).toContain('DOCTOR_REQUESTED_MEASUREMENT');
  await expect(doctorPage.locator('#spo2')).toHaveText('97');
  await expect(doctorPage.locator('#pulse')).toHaveText('72');
  await expect.poll(async () => (await doctor.vitals()).plethSamples).toBeGreaterThan(60);
  expect(await doctor.plethInk()).toBeGreaterThan(100);
  await expect(doctorPage.locator('#measurement')).toContainText('SpO2 97 %');
  await expect(doctorPage.locator('#measurement')).toContainText('étalonnage valid');

  const number = await doctor.endCall([
    { item: 'Paracétamol 1 g', dosage: '1 comprimé 3 fois par jour', duration: '5 jours', notes: '' },
  ]);
  expect(number).toMatch(/^RX-\d{4}-\d{6}-\d$/);
  await expect(kioskPage.locator('#prescription')).toHaveText(number!);
  expect((await kiosk.prescription())?.lines[0]?.item).toBe('Paracétamol 1 g');
  expect(await kiosk.state()).toBe('ended');
});

test('the call resumes after the kiosk loses its connection mid-call', async ({ browser, platform, pagesUrl }) => {
  const proxy = await startTcpProxy(Number(new URL(platform.url).port));
  try {
    const { kioskPage, kiosk, doctor } = await openPages(browser, platform.url, pagesUrl);
    const ticket = await platform.ticket();
    // The kiosk reaches the platform through the proxy, which the test cuts like a network.
    await kiosk.start({ ...ticket, signalingUrl: ticket.signalingUrl.replace(/:\d+\//, `:${proxy.port}/`) });
    await expect.poll(async () => (await doctor.queue()).length).toBe(1);
    await doctor.accept((await doctor.queue())[0]!.consultationId);
    await expect.poll(kiosk.state, { timeout: 20_000 }).toBe('connected');
    await framesRising(doctor.framesDecoded);

    proxy.cut();
    await expect.poll(kiosk.state).toBe('reconnecting');
    expect(await kiosk.intentions()).toContain('CALL_CONNECTION_LOST');
    await expect.poll(doctor.events).toContain('peer-state:reconnecting');
    proxy.restore();

    await expect.poll(kiosk.state, { timeout: 20_000 }).toBe('connected');
    expect(await kiosk.intentions()).toContain('CALL_CONNECTION_RESTORED');
    // Media flows again both ways over new transports, in the same consultation.
    await framesRising(kiosk.framesDecoded);
    await framesRising(doctor.framesDecoded);
    const number = await doctor.endCall([{ item: 'Repos', dosage: '-', duration: '2 jours', notes: '' }]);
    await expect(kioskPage.locator('#prescription')).toHaveText(number!);
  } finally {
    await proxy.close();
  }
});

test('without a camera the call goes on with sound only, and the doctor is told', async ({
  browser,
  platform,
  pagesUrl,
}) => {
  const { kiosk, doctor } = await openPages(browser, platform.url, pagesUrl);
  await kiosk.start(await platform.ticket(), { noCamera: true });
  await expect.poll(async () => (await doctor.queue()).length).toBe(1);
  await doctor.accept((await doctor.queue())[0]!.consultationId);
  await expect.poll(kiosk.state, { timeout: 20_000 }).toBe('connected');
  expect(await kiosk.audioOnly()).toBe(true);
  expect(await kiosk.intentions()).toContain('CALL_AUDIO_ONLY');
  await expect.poll(doctor.events).toContain('peer-state:audio-only');
  await expect.poll(doctor.remoteKinds).toEqual(['audio']);
  // The patient still sees the doctor.
  await framesRising(kiosk.framesDecoded);
  await doctor.endCall([{ item: 'Repos', dosage: '-', duration: '1 jour', notes: '' }]);
});

test('a dead media path with signalling still up: ICE fails, the restart is refused, the kiosk rejoins with new transports', async ({
  browser,
  platform,
  pagesUrl,
}) => {
  // ICE needs its consent-freshness time (about 30 s) to declare the path dead, then the rejoin:
  // the polls below add up to more than the default 60 s on a loaded 2-core machine.
  test.setTimeout(150_000);
  const { kiosk, doctor } = await openPages(browser, platform.url, pagesUrl);
  await kiosk.start(await platform.ticket());
  await expect.poll(async () => (await doctor.queue()).length).toBe(1);
  const { consultationId } = (await doctor.queue())[0]!;
  await doctor.accept(consultationId);
  await expect.poll(kiosk.state, { timeout: 20_000 }).toBe('connected');
  await framesRising(doctor.framesDecoded);

  // The media server loses the kiosk's transports; nobody tells the kiosk (signalling stays up).
  expect(await platform.dropMedia(consultationId, 'kiosk')).toBe(true);
  await expect.poll(kiosk.state, { timeout: 30_000 }).toBe('reconnecting');
  await expect.poll(kiosk.state, { timeout: 30_000 }).toBe('connected');
  const intentions = await kiosk.intentions();
  expect(intentions).toContain('CALL_CONNECTION_LOST');
  expect(intentions).toContain('CALL_CONNECTION_RESTORED');
  await framesRising(doctor.framesDecoded);
  await framesRising(kiosk.framesDecoded);
  await doctor.endCall([{ item: 'Repos', dosage: '-', duration: '1 jour', notes: '' }]);
});

import { DEV_DOCTOR, expect, openCallPage, test } from './call-fixtures';
import { doctorDriver, kioskDriver } from './page-drivers';

const DOCTOR_PAGE = '/renderer/streaming/testing/doctor.html';

test('the kiosk’s simulated oximeter streams through the kiosk API to the doctor: live SpO2 and the pleth waveform', async ({
  browser,
  platform,
  pagesUrl,
  liveKioskPage,
}) => {
  // The kiosk side is the call test page served by the real kiosk web host (its screens' place),
  // so its vitals come from the device manager and the simulated CMS50 on a pty.
  const kioskPage = await openCallPage(browser, liveKioskPage);
  const doctorPage = await openCallPage(browser, pagesUrl + DOCTOR_PAGE);
  const kiosk = kioskDriver(kioskPage);
  const doctor = doctorDriver(doctorPage);
  await doctor.signIn(platform.url, DEV_DOCTOR.email, DEV_DOCTOR.password);
  await kiosk.start(await platform.ticket());
  await expect.poll(async () => (await doctor.queue()).length).toBe(1);
  await doctor.accept((await doctor.queue())[0]!.consultationId);
  await expect.poll(kiosk.state, { timeout: 20_000 }).toBe('connected');
  await doctor.requestMeasurement('oximetry');

  await expect.poll(doctor.plausibleLiveOximetry, { timeout: 20_000 }).toBe(true);
  await expect.poll(async () => (await doctor.vitals()).plethSamples, { timeout: 20_000 }).toBeGreaterThan(120);
  expect(await doctor.plethInk()).toBeGreaterThan(100);
  await doctor.endCall([{ item: 'Repos', dosage: '-', duration: '1 jour', notes: '' }]);
});

/// <reference lib="dom" />
// page.evaluate and addInitScript callbacks below run in the browser.
import { join } from 'node:path';
import { chromium, type Page } from '@playwright/test';
import { CHROMIUM_ARGS, CHROMIUM_PATH } from '../support/chromium';
import { ROOT } from '../support/processes';
import { expectStep } from '../flows/journey';
import { E2E_KIOSK_ID, expect, openCallPage, test } from '../call/call-fixtures';
import { kioskInWaitingRoom, signInAndAccept } from '../call/exam-journey';
import { startKioskHost } from '../call/kiosk-host';

/**
 * The right input for each use, without the patient choosing, over the real kiosk screens,
 * platform and console. Debian's Chromium with device-count=3 has three fake cameras and three fake
 * microphones; the site config makes the system defaults the examination devices (the otoscope is
 * `fake_device_0`, the stethoscope the default microphone), as when they were plugged in last.
 * The call must still open another camera and microphone, and the doctor's request for the
 * examination camera must open the otoscope and bring its picture to the console. (The camera the
 * call falls back to here, `fake_device_1`, is Chromium's Y16 depth camera, whose frames WebRTC
 * cannot encode: the doctor's view of the cabin is not checked, only which inputs were opened.)
 */
type Watched = typeof globalThis & { capturedTracks?: MediaStreamTrack[] };

/** Every track the page opened and still holds, as "kind:label". */
async function liveTracks(kiosk: Page): Promise<string[]> {
  return kiosk.evaluate(() =>
    ((globalThis as Watched).capturedTracks ?? [])
      .filter((t) => t.readyState === 'live')
      .map((t) => `${t.kind}:${t.label}`)
      .sort(),
  );
}

const CALL_INPUTS = ['audio:Fake Audio Input 1', 'video:fake_device_1'];

test('the call never opens the otoscope or the stethoscope; the doctor’s request opens the otoscope', async ({
  browser,
  platform,
}) => {
  test.setTimeout(180_000);
  expect(CHROMIUM_ARGS).toContain('--use-fake-device-for-media-stream=device-count=3');
  const kioskBrowser = await chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS });
  const simulator = { scenario: 'normal' };
  const host = await startKioskHost({
    platformUrl: platform.url,
    credentialFile: platform.credentialFile,
    kioskId: E2E_KIOSK_ID,
    devices: [
      { id: 'otoscope-1', model: 'uvc-otoscope', transport: 'uvc-camera', label: 'fake_device_0', simulator },
      {
        id: 'stethoscope-1',
        model: 'usb-audio-stethoscope',
        transport: 'usb-audio',
        label: 'Fake Default Audio Input',
        simulator,
      },
    ],
  });
  try {
    const kiosk = await kioskInWaitingRoom(kioskBrowser, host.url, async (context) => {
      await context.addInitScript(() => {
        // Notes every track the page opens; the page's own code is unchanged.
        const media = navigator.mediaDevices;
        const open = media.getUserMedia.bind(media);
        const tracks: MediaStreamTrack[] = ((globalThis as Watched).capturedTracks = []);
        media.getUserMedia = async (constraints) => {
          const stream = await open(constraints);
          tracks.push(...stream.getTracks());
          return stream;
        };
      });
    });
    // In the queue the call's camera and microphone are open: neither is an examination device.
    await expect.poll(() => liveTracks(kiosk), { timeout: 20_000 }).toEqual(CALL_INPUTS);

    const console_ = await openCallPage(browser, `${platform.url}/console/`);
    await signInAndAccept(console_);
    await expectStep(kiosk, 'consultation');

    // The doctor asks for the examination camera: the otoscope opens beside the call's camera.
    const panel = console_.getByTestId('exam-camera-panel');
    await panel.getByTestId('exam-request').click();
    await expect(kiosk.getByTestId('exam-camera')).toHaveAttribute('data-phase', 'streaming', { timeout: 20_000 });
    await expect(kiosk.getByTestId('exam-camera-timer')).toContainText('Le médecin regarde depuis');
    await expect(panel.getByTestId('exam-state')).toContainText('Caméra d’examen reçue', { timeout: 15_000 });
    await panel.getByTestId('view-exam').click();
    await expect
      .poll(() => console_.getByTestId('exam-video').evaluate((v: HTMLVideoElement) => v.videoWidth), {
        timeout: 30_000,
      })
      .toBeGreaterThan(0);
    const during = await liveTracks(kiosk);
    console.log(`kiosk inputs open during the examination: ${during.join(', ')}`);
    expect(during).toEqual([...CALL_INPUTS, 'video:fake_device_0'].sort());
    await kiosk.screenshot({ path: join(ROOT, 'e2e/artifacts/screens/kiosk-exam-camera-timer.png') });

    // Put down when the doctor ends it; the call's own inputs stay.
    await panel.getByTestId('exam-end').click();
    await expect(kiosk.getByTestId('exam-camera')).toHaveCount(0, { timeout: 15_000 });
    await expect.poll(() => liveTracks(kiosk), { timeout: 10_000 }).toEqual(CALL_INPUTS);
    // The doctor ends the call (the worker's next test signs the same doctor in).
    await console_.getByTestId('end-call').click();
    await expect(console_.getByTestId('report')).toBeVisible();
    await expectStep(kiosk, 'end');
  } finally {
    await kioskBrowser.close();
    await host.stop();
  }
});

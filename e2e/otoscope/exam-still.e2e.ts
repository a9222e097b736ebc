/// <reference lib="dom" />
// page.evaluate callbacks below run in the browser.
import { existsSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { chromium } from '@playwright/test';
import { imageSize } from '../../common/image/image-size';
import { CHROMIUM_ARGS, CHROMIUM_PATH } from '../support/chromium';
import { ROOT } from '../support/processes';
import { doctorGet, kioskSessionId } from '../support/session-requests';
import { expectStep } from '../flows/journey';
import { E2E_KIOSK_ID, expect, openCallPage, test } from '../call/call-fixtures';
import { kioskInWaitingRoom, signInAndAccept } from '../call/exam-journey';
import { startKioskHost } from '../call/kiosk-host';
import { synthesizeY4m } from './synthetic-y4m';

/**
 * The issue's test of the examination camera over the real media path: a Y4M file of a known size
 * (1280×720) is the kiosk Chromium's fake camera (with a file, Chromium gives one camera, labelled
 * with the file's path: the site config names it as the otoscope's label, and the cabin's camera
 * is the same device, scaled down for the call). Real kiosk screens, platform (mediasoup) and
 * console: the doctor asks for the camera, switches to it, takes a still; the still kept in the
 * record and the one in the FHIR export must have the source's size.
 */
const SOURCE = { width: 1280, height: 720, fps: 10, frames: 20 };

test('a still from the examination camera is kept at the source size, in the record and the FHIR export', async ({
  browser,
  platform,
}) => {
  test.setTimeout(240_000);
  expect(
    existsSync(join(ROOT, 'dist/console/index.html')) && existsSync(join(ROOT, 'dist/renderer/index.html')),
    'the kiosk screens or the doctor console are not built: run npm run build',
  ).toBe(true);
  const dir = mkdtempSync(join(tmpdir(), 'otoscope-e2e-'));
  const y4m = join(dir, 'otoscope-1280x720.y4m');
  writeFileSync(y4m, synthesizeY4m(SOURCE));

  const kioskBrowser = await chromium.launch({
    executablePath: CHROMIUM_PATH,
    args: [...CHROMIUM_ARGS, `--use-file-for-fake-video-capture=${y4m}`],
  });
  const host = await startKioskHost({
    platformUrl: platform.url,
    credentialFile: platform.credentialFile,
    kioskId: E2E_KIOSK_ID,
    devices: [
      {
        id: 'otoscope-1',
        model: 'uvc-otoscope',
        transport: 'uvc-camera',
        label: basename(y4m),
        simulator: { scenario: 'normal' },
      },
    ],
  });
  let kioskLog = '';
  host.process.stderr?.on('data', (d: Buffer) => (kioskLog += d.toString()));
  try {
    const kiosk = await kioskInWaitingRoom(kioskBrowser, host.url);
    const sessionId = await kioskSessionId(kiosk);

    const console_ = await openCallPage(browser, `${platform.url}/console/`);
    const consultationId = await signInAndAccept(console_);
    await expectStep(kiosk, 'consultation');

    // The camera is reported plugged in (the simulated one); the doctor asks for it.
    const panel = console_.getByTestId('exam-camera-panel');
    await expect(panel.getByTestId('unavailable-exam-camera')).toHaveCount(0);
    await panel.getByTestId('exam-request').click();

    // The patient is guided; the kiosk opens the camera at its native size and sends it.
    const overlay = kiosk.getByTestId('exam-camera');
    await expect(overlay).toHaveAttribute('data-phase', 'streaming', { timeout: 20_000 });
    await expect(panel.getByTestId('exam-state')).toHaveText(
      `Caméra d’examen reçue — caméra ${SOURCE.width}×${SOURCE.height}`,
      { timeout: 15_000 },
    );

    // The doctor switches to it: shown large, at the size it arrives.
    await panel.getByTestId('view-exam').click();
    const examVideo = console_.getByTestId('exam-video');
    await expect(examVideo).toBeVisible();
    const received = () =>
      examVideo.evaluate((v: HTMLVideoElement) => ({ width: v.videoWidth, height: v.videoHeight }));
    await expect.poll(received, { timeout: 30_000 }).toEqual({ width: SOURCE.width, height: SOURCE.height });
    const cabin = await console_
      .getByTestId('remote-video')
      .evaluate((v: HTMLVideoElement) => ({ width: v.videoWidth, height: v.videoHeight }));

    // A still, kept in the record: the size the platform read from the image, and the image itself.
    await panel.getByTestId('exam-capture').click();
    const item = panel.getByTestId('exam-still');
    await expect(item).toHaveCount(1, { timeout: 20_000 });
    const kept = {
      width: Number(await item.getAttribute('data-width')),
      height: Number(await item.getAttribute('data-height')),
    };
    const stillId = (await item.getAttribute('data-still-id'))!;
    const image = await doctorGet(console_, `/api/consultations/${consultationId}/exam-stills/${stillId}`);
    expect(image).toMatchObject({ status: 200, type: 'image/png' });
    const stored = imageSize(new Uint8Array(Buffer.from(image.base64, 'base64')), 'image/png');
    await console_.screenshot({ path: join(ROOT, 'e2e/artifacts/screens/console-exam-camera.png'), fullPage: true });
    await kiosk.screenshot({ path: join(ROOT, 'e2e/artifacts/screens/kiosk-exam-camera.png') });

    // The doctor ends it and the call; the consultation's FHIR export carries the still as a Media.
    await panel.getByTestId('exam-end').click();
    await expect(overlay).toHaveCount(0, { timeout: 15_000 });
    await console_.getByTestId('end-call').click();
    await expect(console_.getByTestId('report')).toBeVisible();
    // The report shows the still, read back from the record at its full size.
    const reportStill = console_.getByTestId('report-still').locator('img');
    await expect
      .poll(() => reportStill.evaluate((img: HTMLImageElement) => `${img.naturalWidth}×${img.naturalHeight}`), {
        timeout: 15_000,
      })
      .toBe(`${SOURCE.width}×${SOURCE.height}`);
    await console_.screenshot({
      path: join(ROOT, 'e2e/artifacts/screens/console-report-examination.png'),
      fullPage: true,
    });
    let bundle: { entry?: { resource: Record<string, unknown> }[] } = {};
    await expect
      .poll(
        async () => {
          const res = await doctorGet(console_, `/api/records/sessions/${sessionId}/fhir`);
          if (res.status === 200) bundle = JSON.parse(Buffer.from(res.base64, 'base64').toString('utf8'));
          return res.status;
        },
        { timeout: 60_000, intervals: [1000] },
      )
      .toBe(200);
    const media = (bundle.entry ?? []).map((e) => e.resource).filter((r) => r.resourceType === 'Media');
    const content = media[0]?.content as { contentType: string; data: string } | undefined;
    const exported = content ? imageSize(new Uint8Array(Buffer.from(content.data, 'base64')), 'image/png') : null;
    console.log(
      [
        `examination camera (Y4M ${SOURCE.width}×${SOURCE.height}, ${SOURCE.fps} fps as the kiosk's fake camera):`,
        `  received at the console: ${SOURCE.width}×${SOURCE.height} (the cabin's camera beside it: ${cabin.width}×${cabin.height})`,
        `  still kept in the record: ${kept.width}×${kept.height}, image read back ${stored.ok ? `${stored.value.width}×${stored.value.height}` : stored.error}`,
        `  FHIR Media: ${media.length} resource(s), ${String(media[0]?.width)}×${String(media[0]?.height)}, image ${exported?.ok ? `${exported.value.width}×${exported.value.height}` : 'none'}`,
      ].join('\n'),
    );
    expect(kept).toEqual({ width: SOURCE.width, height: SOURCE.height });
    expect(stored).toEqual({ ok: true, value: { width: SOURCE.width, height: SOURCE.height } });
    expect(media).toHaveLength(1);
    expect(media[0]).toMatchObject({
      width: SOURCE.width,
      height: SOURCE.height,
      content: { contentType: 'image/png' },
    });
    expect(exported).toEqual({ ok: true, value: { width: SOURCE.width, height: SOURCE.height } });
  } finally {
    if (test.info().status !== test.info().expectedStatus)
      await test.info().attach('kiosk-host.log', { body: kioskLog, contentType: 'text/plain' });
    await kioskBrowser.close();
    await host.stop();
  }
});

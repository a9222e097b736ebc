/// <reference lib="dom" />
// page.evaluate callbacks below run in the browser.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type Page } from '@playwright/test';
import { decodeWav } from '../../common/audio/wav';
import { CHROMIUM_ARGS, CHROMIUM_PATH } from '../support/chromium';
import { ROOT } from '../support/processes';
import { requireStack } from '../support/require-stack';
import { doctorGet, kioskSessionId } from '../support/session-requests';
import { expectStep } from '../flows/journey';
import { E2E_KIOSK_ID, expect, openCallPage, test } from '../call/call-fixtures';
import { kioskInWaitingRoom, signInAndAccept } from '../call/exam-journey';
import { startKioskHost } from '../call/kiosk-host';
import { beatRatePerMinute, levelDb } from './heart-sound-analysis';
import { makeHeartSound } from './synthetic-heart-sound';

/**
 * The test of the stethoscope over the real media path: a synthetic heart sound (sox, 70
 * beats a minute, all below 200 Hz) is the kiosk Chromium's fake audio capture; the real kiosk
 * screens (web host, its simulated stethoscope = Chromium's "Fake Audio Input 2"), the real platform
 * (mediasoup) and the real doctor console. The doctor asks for the mitral area; the kiosk guides the
 * patient and sends the stethoscope; the console plays it and draws it. Measured with Web Audio, the
 * same chain at both ends (resampled to 8 kHz, two 200 Hz low-pass biquads, 10 s): the level below
 * 200 Hz at the doctor against the source's (≤ 6 dB lost) and the beat rate at each end (within
 * 3/min of the source's). The Opus stream is checked mono, DTX off. Then a 15 s clip recorded into
 * the record is read back: 15 s, the site, the same rate.
 */
const MEASURE_SECONDS = 10;

interface Capture {
  rateHz: number;
  samples: number[];
}

type Tapped = typeof globalThis & { lowBand?: { blocks: Float32Array[]; stop(): Promise<number> } };

/**
 * The console's own sample tap (an AudioWorklet, served from its origin as the page's policy
 * wants): blocks posted from the audio thread queue up instead of being dropped when the page's
 * main thread is late, as a ScriptProcessorNode's are on a loaded machine.
 */
function consoleTapUrl(): string {
  const file = readdirSync(join(ROOT, 'dist/console/assets')).find((f) => f.startsWith('pcm-tap.worklet'));
  if (!file) throw new Error('dist/console has no pcm-tap worklet: run npm run build');
  return `/console/assets/${file}`;
}

/**
 * Records `seconds` of the stethoscope as the console plays it, below 200 Hz, with Web Audio
 * (resampled to 8 kHz, two 200 Hz Butterworth low-pass sections); the page hands the samples back.
 */
async function doctorLowBand(page: Page, seconds: number): Promise<Capture> {
  await page.evaluate(async (tapUrl) => {
    const audio = document.querySelector<HTMLAudioElement>('[data-testid="stethoscope-audio"]');
    const track = (audio?.srcObject as MediaStream | null)?.getAudioTracks()[0];
    if (!track) throw new Error('the console plays no stethoscope');
    const context = new AudioContext({ sampleRate: 8000 });
    await context.audioWorklet.addModule(tapUrl);
    // Q is in dB for a Web Audio low-pass: −3.01 dB is a Butterworth section (no peak at 200 Hz).
    const lowPass = () => new BiquadFilterNode(context, { type: 'lowpass', frequency: 200, Q: -3.01 });
    const tap = new AudioWorkletNode(context, 'pcm-tap', { numberOfInputs: 1, numberOfOutputs: 0 });
    const blocks: Float32Array[] = [];
    tap.port.onmessage = (e: MessageEvent<Float32Array>) => blocks.push(e.data);
    context
      .createMediaStreamSource(new MediaStream([track]))
      .connect(lowPass())
      .connect(lowPass())
      .connect(tap);
    await context.resume();
    (globalThis as Tapped).lowBand = {
      blocks,
      stop: async () => {
        await context.close();
        return context.sampleRate;
      },
    };
  }, consoleTapUrl());
  // Half a second more than measured: the filters' start-up is left out.
  await page.waitForTimeout(seconds * 1000 + 500);
  return page.evaluate(async (seconds) => {
    const tapped = (globalThis as Tapped).lowBand!;
    const rateHz = await tapped.stop();
    const samples = tapped.blocks.flatMap((b) => Array.from(b));
    return { rateHz, samples: samples.slice(-seconds * rateHz) };
  }, seconds);
}

/**
 * The same chain over the source, the file the kiosk's fake input plays, rendered offline in the
 * kiosk's Chromium. (A live capture at the kiosk is no reference on a loaded machine: when its
 * audio thread starves, Web Audio pads the capture with silence, which the WebRTC path does not.)
 */
function fileLowBand(page: Page, wavBase64: string, seconds: number): Promise<Capture> {
  return page.evaluate(
    async ({ wavBase64, seconds }) => {
      const bytes = Uint8Array.from(atob(wavBase64), (c) => c.charCodeAt(0));
      const rate = 8000;
      const context = new OfflineAudioContext(1, (seconds + 2) * rate, rate);
      const source = new AudioBufferSourceNode(context, { buffer: await context.decodeAudioData(bytes.buffer) });
      const lowPass = () => new BiquadFilterNode(context, { type: 'lowpass', frequency: 200, Q: -3.01 });
      source.connect(lowPass()).connect(lowPass()).connect(context.destination);
      source.start();
      const rendered = await context.startRendering();
      // The last `seconds`: the filters' start-up left out, as in the live captures.
      return { rateHz: rate, samples: Array.from(rendered.getChannelData(0).slice(-seconds * rate)) };
    },
    { wavBase64, seconds },
  );
}

/** The received stethoscope's RTP over `ms`: packets and bits per second, and its Opus parameters. */
async function receivedOpus(page: Page, ms: number) {
  const sample = () =>
    page.evaluate(async () => {
      const media = (globalThis as unknown as { consoleMedia?: { stethoscopeStats(): Promise<unknown> } }).consoleMedia;
      const got = (await media?.stethoscopeStats()) as {
        stats: RTCStatsReport;
        codec: { mimeType: string; channels?: number; parameters?: Record<string, unknown> } | undefined;
      } | null;
      if (!got) return null;
      let packets = 0;
      let bytes = 0;
      let fmtp = '';
      got.stats.forEach(
        (s: { type: string; packetsReceived?: number; bytesReceived?: number; sdpFmtpLine?: string }) => {
          if (s.type === 'inbound-rtp') [packets, bytes] = [s.packetsReceived ?? 0, s.bytesReceived ?? 0];
          if (s.type === 'codec' && s.sdpFmtpLine) fmtp = s.sdpFmtpLine;
        },
      );
      return { at: performance.now(), packets, bytes, fmtp, codec: got.codec };
    });
  const first = await sample();
  await page.waitForTimeout(ms);
  const second = await sample();
  if (!first || !second) throw new Error('the console receives no stethoscope');
  const seconds = (second.at - first.at) / 1000;
  return {
    packetsPerSecond: (second.packets - first.packets) / seconds,
    kbitPerSecond: ((second.bytes - first.bytes) * 8) / seconds / 1000,
    fmtp: second.fmtp,
    codec: second.codec,
  };
}

const fixed = (n: number | null, digits = 1) => (n === null ? 'none' : n.toFixed(digits));

test('a heart sound at the kiosk reaches the doctor with its low frequencies and its rate, and a clip is kept', async ({
  browser,
  platform,
}) => {
  test.setTimeout(300_000);
  expect(
    existsSync(join(ROOT, 'dist/console/index.html')) && existsSync(join(ROOT, 'dist/renderer/index.html')),
    'the kiosk screens or the doctor console are not built: run npm run build',
  ).toBe(true);
  await requireStack('sox (Debian package sox, installed by scripts/setup)', () =>
    execFileSync('sox', ['--version'], { encoding: 'utf8' }),
  );
  const dir = mkdtempSync(join(tmpdir(), 'stethoscope-e2e-'));
  const source = makeHeartSound(dir, { bpm: 70 });
  execFileSync('sox', [source.path, join(dir, 'first-seconds.wav'), 'trim', '0', String(MEASURE_SECONDS + 2)]);
  const fileWav = readFileSync(join(dir, 'first-seconds.wav'));

  // The kiosk's own Chromium: its fake audio inputs all play the heart sound.
  const kioskBrowser = await chromium.launch({
    executablePath: CHROMIUM_PATH,
    args: [...CHROMIUM_ARGS, `--use-file-for-fake-audio-capture=${source.path}`],
  });
  const host = await startKioskHost({
    platformUrl: platform.url,
    credentialFile: platform.credentialFile,
    kioskId: E2E_KIOSK_ID,
  });
  let kioskLog = '';
  host.process.stderr?.on('data', (d: Buffer) => (kioskLog += d.toString()));
  try {
    const kiosk = await kioskInWaitingRoom(kioskBrowser, host.url);
    const console_ = await openCallPage(browser, `${platform.url}/console/`);
    const consultationId = await signInAndAccept(console_);
    await expectStep(kiosk, 'consultation');
    const sessionId = await kioskSessionId(kiosk);

    // The stethoscope is reported plugged in (the simulated one); the doctor picks the mitral area.
    const panel = console_.getByTestId('auscultation-panel');
    await expect(panel.getByTestId('unavailable-stethoscope')).toHaveCount(0);
    await panel.getByTestId('site-mitral').click();
    await panel.getByTestId('ausc-request').click();

    // The patient sees where to put it, then that the doctor listens.
    const overlay = kiosk.getByTestId('auscultation');
    await expect(overlay).toHaveAttribute('data-site', 'mitral', { timeout: 15_000 });
    await expect(overlay.getByTestId('site-mitral')).toBeVisible();
    await expect(overlay).toHaveAttribute('data-phase', 'listening', { timeout: 20_000 });
    await expect(kiosk.getByTestId('auscultation-timer')).toHaveText(/Écoute depuis \d+ s/);
    await expect(panel.getByTestId('ausc-state')).toHaveText('Foyer mitral — Écoute en cours', { timeout: 15_000 });
    await expect
      .poll(async () => Number(await panel.getByTestId('pcg-canvas').getAttribute('data-samples')), { timeout: 20_000 })
      .toBeGreaterThan(8000);

    // The doctor's end live, the source's through the same Web Audio chain offline.
    const atDoctor = await doctorLowBand(console_, MEASURE_SECONDS);
    const atSource = await fileLowBand(kiosk, fileWav.toString('base64'), MEASURE_SECONDS);
    const opus = await receivedOpus(console_, 3000);
    const levels = { source: levelDb(atSource.samples), doctor: levelDb(atDoctor.samples) };
    const rates = {
      source: beatRatePerMinute(atSource.samples, atSource.rateHz),
      doctor: beatRatePerMinute(atDoctor.samples, atDoctor.rateHz),
    };
    const lossDb = levels.source - levels.doctor;
    console.log(
      [
        `stethoscope heart sound (sox, ${source.bpm.toFixed(2)}/min by construction; ${MEASURE_SECONDS} s measured at each end):`,
        `  energy below 200 Hz: source ${fixed(levels.source, 2)} dBFS, doctor ${fixed(levels.doctor, 2)} dBFS`,
        `  low-frequency loss source → doctor: ${fixed(lossDb, 2)} dB (limit 6 dB)`,
        `  beat rate: source ${fixed(rates.source, 2)}/min, doctor ${fixed(rates.doctor, 2)}/min (limit ±3/min of ${source.bpm.toFixed(2)})`,
        `  received Opus: ${fixed(opus.kbitPerSecond)} kbit/s, ${fixed(opus.packetsPerSecond)} packets/s, ${opus.codec?.mimeType} ${JSON.stringify(opus.codec?.parameters ?? {})}, fmtp "${opus.fmtp}"`,
      ].join('\n'),
    );
    expect(lossDb).toBeLessThanOrEqual(6);
    for (const [where, rate] of Object.entries(rates))
      expect(Math.abs((rate ?? Infinity) - source.bpm), `beat rate at the ${where}`).toBeLessThanOrEqual(3);
    // DTX off: a packet every 20 ms, the quiet between beats included.
    expect(opus.packetsPerSecond).toBeGreaterThan(45);
    // Stereo: libopus's audio mode, without the VoIP high-pass that cuts S3/S4 (stethoscope-input.ts).
    expect(opus.codec?.parameters).toMatchObject({ usedtx: 0, 'sprop-stereo': 1 });

    // 15 s into the record, with the site; read back from the platform.
    await panel.getByTestId('ausc-record').click();
    await expect(panel.getByTestId('ausc-recording')).toBeVisible();
    await expect(console_.getByTestId('end-call')).toBeDisabled();
    const clipItem = panel.getByTestId('ausc-clip');
    await expect(clipItem).toHaveAttribute('data-site', 'mitral', { timeout: 45_000 });
    const clipId = (await clipItem.getAttribute('data-clip-id'))!;
    const clip = await console_.evaluate(
      async ({ consultationId, clipId }) => {
        const { token } = JSON.parse(sessionStorage.getItem('doctor-console.session')!) as { token: string };
        const headers = { authorization: `Bearer ${token}` };
        const base = `/api/consultations/${consultationId}/auscultation-clips`;
        const list = (await (await fetch(base, { headers })).json()) as { clips: { id: string; site: string }[] };
        const audio = new Uint8Array(await (await fetch(`${base}/${clipId}.wav`, { headers })).arrayBuffer());
        let text = '';
        for (let i = 0; i < audio.length; i += 0x8000) text += String.fromCharCode(...audio.subarray(i, i + 0x8000));
        return { list: list.clips, wavBase64: btoa(text) };
      },
      { consultationId, clipId },
    );
    expect(clip.list).toEqual([expect.objectContaining({ id: clipId, site: 'mitral' })]);
    const kept = decodeWav(new Uint8Array(Buffer.from(clip.wavBase64, 'base64')));
    if (!kept.ok) throw new Error(kept.error);
    const clipRate = beatRatePerMinute(kept.value.samples, kept.value.sampleRateHz);
    console.log(
      `  clip kept: ${kept.value.durationMs} ms at ${kept.value.sampleRateHz} Hz, mitral, beat rate ${fixed(clipRate, 2)}/min`,
    );
    expect(kept.value.durationMs).toBe(15_000);
    expect(Math.abs((clipRate ?? Infinity) - source.bpm)).toBeLessThanOrEqual(3);
    await console_.screenshot({ path: join(ROOT, 'e2e/artifacts/screens/console-auscultation.png') });
    await kiosk.screenshot({ path: join(ROOT, 'e2e/artifacts/screens/kiosk-auscultation.png') });

    // The doctor ends it: the kiosk stops sending and the patient is back with the doctor.
    await panel.getByTestId('ausc-end').click();
    await expect(overlay).toHaveCount(0, { timeout: 15_000 });
    await expect(panel.getByTestId('ausc-state')).toHaveText('Auscultation terminée', { timeout: 15_000 });
    await expect(panel.getByTestId('stethoscope-audio')).toHaveCount(0);
    await console_.getByTestId('end-call').click();
    await expect(console_.getByTestId('report')).toBeVisible();

    // The consultation's FHIR export carries the clip as an audio Media: its site, length and sound.
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
    console.log(`  FHIR Media: ${media.length} resource(s), ${JSON.stringify(media.map((m) => m.bodySite))}`);
    expect(media).toHaveLength(1);
    expect(media[0]).toMatchObject({
      type: { coding: [{ code: 'audio' }] },
      bodySite: { text: 'auscultation site: mitral' },
      duration: 15,
      content: { contentType: 'audio/wav', data: clip.wavBase64 },
    });
  } finally {
    if (test.info().status !== test.info().expectedStatus)
      await test.info().attach('kiosk-host.log', { body: kioskLog, contentType: 'text/plain' });
    await kioskBrowser.close();
    await host.stop();
  }
});

import { randomBytes } from 'node:crypto';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { DEV_DOCTOR } from '../server/auth/doctor-accounts';
import { Room, type MediaRequest } from '../server/calls/room';
import { LOOPBACK_MEDIA } from '../server/media/media-network';
import { WorkerPool } from '../server/media/worker-pool';
import { startPlatform } from '../server/platform';
import { CHROMIUM_ARGS, CHROMIUM_PATH } from '../e2e/support/chromium';
import { fetchCallTicket, startCallPagesServer } from '../e2e/call/call-pages';
import { buildLiveKioskPage, startKioskHost } from '../e2e/call/kiosk-host';
import { doctorDriver, kioskDriver } from '../e2e/call/page-drivers';
import { percentile as nearestRank, type BenchResult } from './figure';

/**
 * The call's figures, each beside a baseline from the same run, in one headless Chromium with fake
 * camera and microphone, against an in-process platform (one mediasoup worker):
 *
 * - vitals latency from the device: the kiosk web host's simulated oximeter writes on its pty, the
 *   driver decodes, the device manager emits a 100 ms pleth chunk over the kiosk API socket, the call
 *   page sends it on its DataProducer, the SFU forwards it, the doctor page draws it; measured from
 *   the chunk's last sample reaching the driver to the doctor's next painted frame, p50/p99;
 * - the same from the kiosk API event on (in-page source, `CHUNKS` chunks every `INTERVAL_MS`);
 *   baseline for both: a plain RTCDataChannel between two peer connections on loopback, same
 *   message, same paint step;
 * - accept → first decoded frame, on the kiosk and on the doctor page (median of RUNS calls), the
 *   patient having waited QUEUED_MS in the queue;
 *   baseline: a bare mediasoup produce → consume of the fake camera (transports, produce, consume,
 *   first decoded frame) with no queue, signalling socket or second page.
 */
const RUNS = 11;
/** How long the patient is in the queue before the accept (see the accept below). */
const QUEUED_MS = 1500;
const CHUNKS = 300;
const INTERVAL_MS = 20;

const percentile = (values: number[], p: number) => Math.round(nearestRank(values, p) * 10) / 10;
const median = (values: number[]) => percentile(values, 50);

async function open(browser: Browser, url: string): Promise<Page> {
  const context = await browser.newContext({
    permissions: ['camera', 'microphone'],
    viewport: { width: 800, height: 600 },
  });
  const page = await context.newPage();
  await page.goto(url);
  return page;
}

export default async function callBench(): Promise<BenchResult> {
  const platform = await startPlatform({
    port: 0,
    prescriptionKey: randomBytes(32),
    dataDir: null,
    workers: 1,
    seedDevDoctor: true,
  });
  const barePool = await WorkerPool.start(1);
  const vite = await startCallPagesServer();
  const pages = `${vite.url}/renderer/streaming/testing`;
  const browser = await chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS, headless: true });
  const credential = platform.kioskCredentials.issue('bench-kiosk');
  const credentialFile = join(mkdtempSync(join(tmpdir(), 'bench-call-')), 'credential');
  writeFileSync(credentialFile, credential, { mode: 0o600 });
  const ticket = () =>
    fetchCallTicket(platform.url, credential, 'bench-kiosk', {
      ageYears: 50,
      specialty: 'general-practice',
      territory: '75',
      reason: 'bench',
    });

  try {
    const kioskFirst: number[] = [];
    const doctorFirst: number[] = [];
    const bare: number[] = [];
    let vitals: number[] = [];
    let arrivals: number[] = [];
    let fromDevice: number[] = [];
    let rtt: number[] = [];
    let loopback: number[] = [];
    for (let run = 0; run < RUNS; run++) {
      const kioskPage = await open(browser, `${pages}/kiosk.html`);
      const doctorPage = await open(browser, `${pages}/doctor.html`);
      const kiosk = kioskDriver(kioskPage);
      const doctor = doctorDriver(doctorPage);
      await doctor.signIn(platform.url, DEV_DOCTOR.email, DEV_DOCTOR.password);
      await kiosk.start(await ticket());
      await kioskPage.waitForFunction(
        () => (globalThis as unknown as { kioskTest: { state(): string } }).kioskTest.state() === 'waiting',
      );
      await doctorPage.waitForFunction(
        () => (globalThis as unknown as { doctorTest: { queue(): unknown[] } }).doctorTest.queue().length > 0,
      );
      // A patient waits in the queue before a doctor takes them (minutes, in a pharmacy): their call
      // is prepared meanwhile (server/calls/prepared-rooms.ts). An accept the instant the entry
      // shows would time a race no patient meets; QUEUED_MS is far shorter than any real wait.
      await doctorPage.waitForTimeout(QUEUED_MS);
      await doctor.accept((await doctor.queue())[0]!.consultationId);
      const timing = () =>
        doctorPage.evaluate(() =>
          (
            globalThis as unknown as { doctorTest: { timing(): { acceptAt: number; firstFrameAt: number | null } } }
          ).doctorTest.timing(),
        );
      const kioskFrameAt = () =>
        kioskPage.evaluate(() =>
          (globalThis as unknown as { kioskTest: { firstFrameAt(): number | null } }).kioskTest.firstFrameAt(),
        );
      // The pages stamp their first frame themselves (every 10 ms); asking them here only says when
      // both have one, so it is done sparingly: each ask is a DevTools round trip through this
      // process, which also runs the platform under test (the bare baseline has no such asking).
      for (let i = 0; i < 400 && ((await timing()).firstFrameAt === null || (await kioskFrameAt()) === null); i++)
        await kioskPage.waitForTimeout(50);
      const t = await timing();
      const k = await kioskFrameAt();
      if (t.firstFrameAt === null || k === null) throw new Error('no decoded frame within 20 s');
      doctorFirst.push(t.firstFrameAt - t.acceptAt);
      kioskFirst.push(k - t.acceptAt);

      if (run === 0) {
        // Vitals over the running call: wait for the data channels, then time CHUNKS chunks.
        await kioskPage.waitForFunction(
          () => (globalThis as unknown as { kioskTest: { state(): string } }).kioskTest.state() === 'connected',
        );
        await kiosk.sendPleth(-1);
        await doctorPage
          .waitForFunction(
            () =>
              (globalThis as unknown as { doctorTest: { vitals(): { plethSamples: number } } }).doctorTest.vitals()
                .plethSamples > 0,
            undefined,
            { polling: 50, timeout: 10_000 },
          )
          .catch(() => {});
        await doctor.clearLatencies();
        await kioskPage.evaluate(
          ([n, ms]) =>
            (
              globalThis as unknown as { kioskTest: { benchPleth(n: number, ms: number): Promise<void> } }
            ).kioskTest.benchPleth(n!, ms!),
          [CHUNKS, INTERVAL_MS],
        );
        await doctorPage.waitForTimeout(300);
        vitals = await doctor.plethLatencies();
        arrivals = await doctor.plethArrivals();
        rtt = await doctorPage.evaluate(
          (n) =>
            (
              globalThis as unknown as { doctorTest: { signalingRtt(n: number): Promise<number[]> } }
            ).doctorTest.signalingRtt(n),
          200,
        );
      }
      await doctor.endCall([{ item: 'bench', dosage: '-', duration: '-', notes: '' }]);
      await kioskPage.context().close();
      await doctorPage.context().close();

      if (run === 0) {
        // The whole path from the device: the kiosk web host's simulated CMS50 on a pty → driver →
        // device manager → kiosk API socket → the call page (served by the web host) → SFU → doctor.
        const host = await startKioskHost({
          platformUrl: platform.url,
          credentialFile,
          kioskId: 'bench-kiosk',
          staticDir: await buildLiveKioskPage(),
        });
        try {
          const livePage = await open(browser, `${host.url}/`);
          const liveDoctorPage = await open(browser, `${pages}/doctor.html`);
          const liveDoctor = doctorDriver(liveDoctorPage);
          await liveDoctor.signIn(platform.url, DEV_DOCTOR.email, DEV_DOCTOR.password);
          await kioskDriver(livePage).start(await ticket());
          await liveDoctorPage.waitForFunction(
            () => (globalThis as unknown as { doctorTest: { queue(): unknown[] } }).doctorTest.queue().length > 0,
          );
          await liveDoctor.accept((await liveDoctor.queue())[0]!.consultationId);
          await liveDoctorPage.waitForFunction(
            () =>
              (globalThis as unknown as { doctorTest: { vitals(): { plethSamples: number } } }).doctorTest.vitals()
                .plethSamples > 0,
            undefined,
            { timeout: 20_000 },
          );
          await liveDoctor.clearLatencies();
          await liveDoctorPage.waitForTimeout(CHUNKS * INTERVAL_MS);
          fromDevice = await liveDoctor.plethFromDevice();
          await liveDoctor.endCall([{ item: 'bench', dosage: '-', duration: '-', notes: '' }]);
          await livePage.context().close();
          await liveDoctorPage.context().close();
        } finally {
          await host.stop();
        }
      }

      // Baseline: bare produce/consume through a room on its own router.
      const benchPage = await open(browser, `${pages}/bench.html`);
      const room = new Room(await barePool.createRouter(), {
        network: LOOPBACK_MEDIA,
        iceServers: () => [],
        notify: () => {},
      });
      await benchPage.exposeFunction('bareMedia', (role: 'kiosk' | 'doctor', request: MediaRequest) =>
        room.handle(role, request),
      );
      bare.push(
        await benchPage.evaluate(() =>
          (
            globalThis as unknown as { benchTest: { bareProduceConsume(): Promise<number> } }
          ).benchTest.bareProduceConsume(),
        ),
      );
      if (run === 0) {
        loopback = await benchPage.evaluate(
          ([n, ms]) =>
            (
              globalThis as unknown as { benchTest: { loopback(n: number, ms: number): Promise<number[]> } }
            ).benchTest.loopback(n!, ms!),
          [CHUNKS, INTERVAL_MS],
        );
      }
      room.close();
      await benchPage.context().close();
    }

    const figures = {
      vitals_latency_p50_ms: percentile(vitals, 50),
      vitals_latency_p99_ms: percentile(vitals, 99),
      vitals_received: `${vitals.length}/${CHUNKS}`,
      vitals_from_device_p50_ms: percentile(fromDevice, 50),
      vitals_from_device_p99_ms: percentile(fromDevice, 99),
      vitals_from_device_chunks: fromDevice.length,
      vitals_arrival_p50_ms: percentile(arrivals, 50),
      vitals_arrival_p99_ms: percentile(arrivals, 99),
      loopback_signalling_rtt_p50_ms: percentile(rtt, 50),
      loopback_signalling_rtt_p99_ms: percentile(rtt, 99),
      loopback_datachannel_p50_ms: percentile(loopback, 50),
      loopback_datachannel_p99_ms: percentile(loopback, 99),
      accept_to_first_frame_kiosk_ms: median(kioskFirst),
      accept_to_first_frame_doctor_ms: median(doctorFirst),
      bare_produce_consume_first_frame_ms: median(bare),
      runs: RUNS,
    };
    process.stdout.write(
      `vitals from the device (simulated CMS50 → driver → kiosk API → SFU → doctor canvas): p50 ${figures.vitals_from_device_p50_ms} ms, p99 ${figures.vitals_from_device_p99_ms} ms (${figures.vitals_from_device_chunks} chunks of 100 ms)\n` +
        `vitals (kiosk API event → SFU → doctor canvas): p50 ${figures.vitals_latency_p50_ms} ms, p99 ${figures.vitals_latency_p99_ms} ms (${figures.vitals_received} chunks; arrival before drawing p50 ${figures.vitals_arrival_p50_ms} ms, p99 ${figures.vitals_arrival_p99_ms} ms)\n` +
        `  baseline loopback data channel (no SFU, same paint step): p50 ${figures.loopback_datachannel_p50_ms} ms, p99 ${figures.loopback_datachannel_p99_ms} ms\n` +
        `  baseline loopback round trip (signalling request to the platform): p50 ${figures.loopback_signalling_rtt_p50_ms} ms, p99 ${figures.loopback_signalling_rtt_p99_ms} ms\n` +
        `accept → first decoded frame (median of ${RUNS}): kiosk ${figures.accept_to_first_frame_kiosk_ms} ms, doctor ${figures.accept_to_first_frame_doctor_ms} ms\n` +
        `  baseline bare mediasoup produce → consume → first frame: ${figures.bare_produce_consume_first_frame_ms} ms\n`,
    );
    // One-way delay under 150 ms for conversation (ITU-T G.114, PRODUCT.md) holds for vitals too.
    const conversational = { kind: 'at-most', max: 150 } as const;
    const sameAsBare = { kind: 'ratio', max: 1.2 } as const;
    return {
      figures: [
        {
          name: 'vitals device → doctor canvas p50 vs a loopback data channel',
          ours: figures.vitals_from_device_p50_ms,
          baseline: figures.loopback_datachannel_p50_ms,
          unit: 'ms',
          goal: conversational,
        },
        {
          name: 'vitals device → doctor canvas p99 vs a loopback data channel',
          ours: figures.vitals_from_device_p99_ms,
          baseline: figures.loopback_datachannel_p99_ms,
          unit: 'ms',
          goal: conversational,
        },
        {
          name: 'accept → first frame at the kiosk vs bare mediasoup',
          ours: figures.accept_to_first_frame_kiosk_ms,
          baseline: figures.bare_produce_consume_first_frame_ms,
          unit: 'ms',
          goal: sameAsBare,
        },
        {
          name: 'accept → first frame at the doctor vs bare mediasoup',
          ours: figures.accept_to_first_frame_doctor_ms,
          baseline: figures.bare_produce_consume_first_frame_ms,
          unit: 'ms',
          goal: sameAsBare,
        },
      ],
      details: figures,
    };
  } finally {
    await browser.close();
    await vite.close();
    await barePool.close();
    await platform.close();
  }
}

import { sleep, systemClock } from '../../common/util/clock';
import { copyFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { buildCallPage } from '../../e2e/call/kiosk-host';
import { DEV_DOCTOR } from '../../server/auth/doctor-accounts';
import { doctorDriver, kioskDriver } from '../../e2e/call/page-drivers';
import { missingPieces, startCallHosts, type CallHosts } from '../../e2e/network/hosts';
import { ROOT } from '../../e2e/support/processes';
import { within } from './deadline';

/**
 * The harness of the fault runs that break a call across a network (e2e/network/hosts.ts: the
 * platform, coturn, the kiosk web host and two Chromiums in their own namespaces): the doctor
 * accepts, video flows both ways, the kiosk's page records a reading every `intervalMs` on the
 * reliable vitals channel while the fault is injected, then the run waits for the call to be back
 * and counts, by reading id, what the doctor never received and what it received twice.
 */
export interface CallFaultTally {
  sent: number;
  lost: number;
  duplicated: number;
  /** Seconds from the end of the fault (link up, platform started) to video decoding again on both sides. */
  backAfterSeconds: number;
  /** The kiosk call's states seen while the fault lasted (e.g. "connected → reconnecting → connected"). */
  kioskStates: string;
}

export interface CallFault {
  intervalMs: number;
  /** Breaks the call and repairs it; resolves at the moment of the repair. */
  inject(hosts: CallHosts, doctor: ReturnType<typeof doctorDriver>): Promise<void>;
  /** What the doctor's side does once repaired before the call can resume (sign in again, accept). */
  afterRepair?(hosts: CallHosts, doctor: ReturnType<typeof doctorDriver>): Promise<void>;
}

/** Polls `read` until `done` holds, or fails naming `what`. */
async function until<T>(read: () => Promise<T>, done: (value: T) => boolean, ms: number, what: string): Promise<T> {
  return within(
    (async () => {
      for (;;) {
        const value = await read().catch(() => undefined);
        if (value !== undefined && done(value)) return value;
        await sleep(systemClock, 250);
      }
    })(),
    ms,
    what,
  );
}

async function framesRising(read: () => Promise<number>, what: string) {
  const start = await read();
  await until(read, (n) => n > start + 10, 60_000, `${what}: video decoding`);
}

/**
 * The readings the doctor's page got, by path: the reliable data channel, and the platform's relay
 * of what it read on that channel (`kiosk-result`, for a doctor whose data consumer is not ready yet).
 * The console takes each id once from either; each path alone must carry an id at most once.
 */
const receivedIds = (page: Page) =>
  page.evaluate(() => {
    const t = (globalThis as unknown as { doctorTest: { measurementIds(): string[]; relayedIds(): string[] } })
      .doctorTest;
    return { channel: t.measurementIds(), relayed: t.relayedIds() };
  });
const repeats = (ids: string[]) => ids.length - new Set(ids).size;

/**
 * The call page with its in-page vitals source (the readings come from the run, not a device),
 * as the index.html the kiosk host serves inside the kiosk's namespace in place of the live page.
 */
async function inPageVitalsKiosk(pages: string): Promise<string> {
  const dir = await buildCallPage(pages, 'kiosk.html');
  copyFileSync(join(dir, 'kiosk.html'), join(dir, 'index.html'));
  return dir;
}

export async function runCallFault(fault: CallFault): Promise<CallFaultTally> {
  const missing = missingPieces();
  if (missing.length > 0) throw new Error(`cannot build the test network: ${missing.join('; ')}`);
  const pages = join(ROOT, 'renderer/streaming/testing');
  const hosts = await startCallHosts({
    liveKioskBuild: await inPageVitalsKiosk(pages),
    doctorBuild: await buildCallPage(pages, 'doctor.html'),
  });
  try {
    const kiosk = kioskDriver(hosts.kioskPage);
    const doctor = doctorDriver(hosts.doctorPage);
    await doctor.signIn(hosts.platformUrl, DEV_DOCTOR.email, DEV_DOCTOR.password);
    await kiosk.start(hosts.ticket());
    const [entry] = await until(doctor.queue, (q) => q.length === 1, 30_000, 'the patient in the queue');
    await doctor.accept(entry!.consultationId);
    await until(kiosk.state, (s) => s === 'connected', 60_000, 'the call connected');
    await framesRising(kiosk.framesDecoded, 'kiosk before the fault');
    await framesRising(doctor.framesDecoded, 'doctor before the fault');

    // The readings, sent one at a time so a page call never spans the whole run.
    const sent: string[] = [];
    let streaming = true;
    const stream = (async () => {
      while (streaming) sent.push(...(await kiosk.sendMeasurements(1, fault.intervalMs)));
    })();
    const states: string[] = [];
    let watching = true;
    const watch = (async () => {
      while (watching) {
        const state = await kiosk.state().catch(() => 'page-unreachable');
        if (states.at(-1) !== state) states.push(state);
        await sleep(systemClock, 100);
      }
    })();
    await sleep(systemClock, 3_000);

    await fault.inject(hosts, doctor);
    const repairedAt = Date.now();
    await fault.afterRepair?.(hosts, doctor);
    await until(kiosk.state, (s) => s === 'connected', 90_000, 'the call connected again');
    await framesRising(kiosk.framesDecoded, 'kiosk after the fault');
    await framesRising(doctor.framesDecoded, 'doctor after the fault');
    const backAfterSeconds = (Date.now() - repairedAt) / 1000;

    // A few more readings over the repaired call, then everything sent must have arrived.
    await sleep(systemClock, 3_000);
    streaming = false;
    await stream;
    watching = false;
    await watch;
    const held = (r: { channel: string[]; relayed: string[] }) => new Set([...r.channel, ...r.relayed]);
    const received = await until(
      () => receivedIds(hosts.doctorPage),
      (r) => sent.every((id) => held(r).has(id)),
      20_000,
      'every reading at the doctor',
    ).catch(() => receivedIds(hosts.doctorPage));
    return {
      sent: sent.length,
      lost: sent.filter((id) => !held(received).has(id)).length,
      duplicated: repeats(received.channel) + repeats(received.relayed),
      backAfterSeconds,
      kioskStates: states.join(' → '),
    };
  } finally {
    await hosts.close();
  }
}

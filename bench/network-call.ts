import { copyFileSync } from 'node:fs';
import { join } from 'node:path';
import { buildCallPage } from '../e2e/call/kiosk-host';
import { doctorDriver, kioskDriver } from '../e2e/call/page-drivers';
import { missingPieces, startCallHosts, type CallHosts, type CallHostsOptions } from '../e2e/network/hosts';
import { ROOT } from '../e2e/support/processes';
import { sleep, systemClock } from '../common/util/clock';
import { DEV_DOCTOR } from '../server/auth/doctor-accounts';
import { within } from './faults/deadline';

/**
 * A call across the e2e/network namespaces for the benches and fault runs (the e2e tests have
 * their own, with Playwright's expect): the platform with coturn, the kiosk host and the doctor each
 * in a namespace, the kiosk's call page with its in-page vitals source (readings and the simulated
 * oximeter come from the page, not a device), the doctor's test page.
 */
export interface NetworkCall {
  hosts: CallHosts;
  kiosk: ReturnType<typeof kioskDriver>;
  doctor: ReturnType<typeof doctorDriver>;
}

/** Polls `read` until `done` holds, or fails naming `what`. */
export async function until<T>(
  read: () => Promise<T>,
  done: (value: T) => boolean,
  ms: number,
  what: string,
): Promise<T> {
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

/** Resolves once a decoded-frame counter grew by more than 10 frames. */
export async function framesRising(read: () => Promise<number>, what: string): Promise<void> {
  const start = await read();
  await until(read, (n) => n > start + 10, 60_000, `${what}: video decoding`);
}

/**
 * The call page with its in-page vitals source, as the index.html the kiosk host serves inside the
 * kiosk's namespace in place of the live page.
 */
async function inPageVitalsKiosk(pages: string): Promise<string> {
  const dir = await buildCallPage(pages, 'kiosk.html');
  copyFileSync(join(dir, 'kiosk.html'), join(dir, 'index.html'));
  return dir;
}

/** Starts the hosts, the doctor signs in and accepts the patient; resolves with video both ways. */
export async function startNetworkCall(shape?: CallHostsOptions['shape']): Promise<NetworkCall> {
  const missing = missingPieces();
  if (missing.length > 0) throw new Error(`cannot build the test network: ${missing.join('; ')}`);
  const pages = join(ROOT, 'renderer/streaming/testing');
  const hosts = await startCallHosts({
    liveKioskBuild: await inPageVitalsKiosk(pages),
    doctorBuild: await buildCallPage(pages, 'doctor.html'),
    ...(shape && { shape }),
  });
  try {
    const kiosk = kioskDriver(hosts.kioskPage);
    const doctor = doctorDriver(hosts.doctorPage);
    await doctor.signIn(hosts.platformUrl, DEV_DOCTOR.email, DEV_DOCTOR.password);
    await kiosk.start(hosts.ticket());
    const [entry] = await until(doctor.queue, (q) => q.length === 1, 30_000, 'the patient in the queue');
    await doctor.accept(entry!.consultationId);
    await until(kiosk.state, (s) => s === 'connected', 60_000, 'the call connected');
    await framesRising(kiosk.framesDecoded, 'kiosk');
    await framesRising(doctor.framesDecoded, 'doctor');
    return { hosts, kiosk, doctor };
  } catch (error) {
    await hosts.close();
    throw error;
  }
}

import type { doctorDriver } from '../../e2e/call/page-drivers';
import type { CallHosts } from '../../e2e/network/hosts';
import { sleep, systemClock } from '../../common/util/clock';
import { framesRising, startNetworkCall, until } from '../network-call';

/**
 * The harness of the fault runs that break a call across a network (bench/network-call.ts): the
 * doctor accepts, video flows both ways, the kiosk's page records a reading every `intervalMs` on the
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

const repeats = (ids: string[]) => ids.length - new Set(ids).size;

export async function runCallFault(fault: CallFault): Promise<CallFaultTally> {
  const { hosts, kiosk, doctor } = await startNetworkCall();
  try {
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
    // By path: the reliable data channel, and the platform's relay of what it read on that channel
    // (`kiosk-result`, for a doctor whose data consumer is not ready yet). The console takes each
    // id once from either; each path alone must carry an id at most once.
    const receivedIds = async () => ({ channel: await doctor.measurementIds(), relayed: await doctor.relayedIds() });
    const held = (r: { channel: string[]; relayed: string[] }) => new Set([...r.channel, ...r.relayed]);
    const received = await until(
      receivedIds,
      (r) => sent.every((id) => held(r).has(id)),
      20_000,
      'every reading at the doctor',
    ).catch(receivedIds);
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

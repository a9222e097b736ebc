import { oximetry } from '../../../common/records/testing/samples';
import { sleep, systemClock } from '../../../common/util/clock';
import type { FlowIntention } from '../../../common/flow/flow-intention';
import type { CallTicket } from '../../../common/signaling/call-ticket';
import { getKioskApi } from '../../kiosk-api/get-kiosk-api';
import { CallSession } from '../call-session';
import type { CallSnapshot } from '../call-snapshot';
import { createFakeVitalsSource } from './fake-vitals-source';
import { startSimulatedOximeter } from './simulated-oximeter';
import { watchFirstFrame } from './first-frame';

/**
 * The kiosk side of the call e2e and bench, without the kiosk's screens: renderer/streaming's
 * CallSession driven from Playwright through `window.kioskTest`. Flow intentions are recorded
 * instead of sent to main; a doctor's SpO2 request starts a simulated oximeter in the page.
 */
/**
 * Served by the kiosk web host (live/index.html, `data-vitals="kiosk-api"`), the vitals come from
 * the real kiosk API — the device manager and its simulated oximeter — and intentions also go to
 * the kiosk's flow; served alone, an in-page simulated oximeter stands in.
 */
const kioskApi = document.body.dataset.vitals === 'kiosk-api' ? getKioskApi() : null;
const vitals = createFakeVitalsSource();
const intentions: FlowIntention[] = [];
let session: CallSession | null = null;
let stopOximeter = () => {};
let snapshot: CallSnapshot | null = null;
const $ = (id: string) => document.getElementById(id)!;

function show(s: CallSnapshot) {
  snapshot = s;
  ($('local') as HTMLVideoElement).srcObject = s.localStream;
  const remote = $('remote') as HTMLVideoElement;
  if (remote.srcObject !== s.remoteStream) remote.srcObject = s.remoteStream;
  const wait = s.queue?.wait;
  const told = wait?.kind === 'estimate' ? `~${wait.minutes} min` : (wait?.kind ?? '');
  $('state').textContent =
    `${s.state}${s.audioOnly ? ' (audio)' : ''} ${s.queue ? `#${s.queue.position} ${told}` : ''}`;
}

const api = {
  /** `noCamera`: the camera cannot be opened (unplugged, denied): the call goes audio only. */
  async start(ticket: CallTicket, options: { noCamera?: boolean } = {}) {
    session = new CallSession({
      getUserMedia: (constraints) =>
        options.noCamera && constraints.video
          ? Promise.reject(new DOMException('no camera', 'NotFoundError'))
          : navigator.mediaDevices.getUserMedia(constraints),
      ticket,
      identity: {
        lastName: 'DUPONT',
        firstName: 'Marie',
        birthDate: '1984-06-15',
        nir: '284067512345610',
        source: 'card',
      },
      devices: [],
      flowSend: (intention) => {
        intentions.push(intention);
        void kioskApi?.flowSend(intention).catch(() => {});
        if (!kioskApi && intention.type === 'DOCTOR_REQUESTED_MEASUREMENT' && intention.kind === 'oximetry')
          stopOximeter = startSimulatedOximeter(vitals);
        if (intention.type === 'DOCTOR_ENDED_CALL') {
          stopOximeter();
          $('prescription').textContent = intention.prescription?.number ?? '';
        }
      },
      vitals: kioskApi ?? vitals.source,
      backoff: { initialMs: 200, maxMs: 1600 },
    });
    session.subscribe(show);
    await session.start();
  },
  state: () => snapshot?.state ?? 'none',
  /** The call's error code (e.g. 'media-unreachable'), or null. */
  error: () => snapshot?.error ?? null,
  transportStates: () => session?.transportStates() ?? [],
  audioOnly: () => snapshot?.audioOnly ?? false,
  intentions: () => intentions.map((i) => i.type),
  prescription: () => {
    const ended = intentions.find(
      (i): i is Extract<FlowIntention, { type: 'DOCTOR_ENDED_CALL' }> => i.type === 'DOCTOR_ENDED_CALL',
    );
    return ended?.prescription ?? null;
  },
  async framesDecoded(): Promise<number> {
    let frames = 0;
    (await session?.receiveStats())?.forEach((s: { type: string; kind?: string; framesDecoded?: number }) => {
      if (s.type === 'inbound-rtp' && s.kind === 'video') frames += s.framesDecoded ?? 0;
    });
    return frames;
  },
  /** RTP packets the kiosk sent so far (its send transport's outbound-rtp), null without a send transport. */
  async packetsSent(): Promise<number | null> {
    const report = await session?.sendStats();
    if (!report) return null;
    let packets = 0;
    report.forEach((s: { type: string; packetsSent?: number }) => {
      if (s.type === 'outbound-rtp') packets += s.packetsSent ?? 0;
    });
    return packets;
  },
  cut: () => session?.simulateNetworkCut(),
  /**
   * The receive transport's selected ICE candidate pair: the local candidate's type ('relay' when
   * through TURN), its protocol, the relay's protocol to TURN, and the bytes received so far.
   */
  async mediaPath() {
    const report = await session?.receiveStats();
    if (!report) return null;
    const stats = new Map<string, Record<string, unknown>>();
    report.forEach((s: Record<string, unknown> & { id: string }) => stats.set(s.id, s));
    const transport = [...stats.values()].find((s) => s.type === 'transport' && s.selectedCandidatePairId);
    const pair = transport ? stats.get(transport.selectedCandidatePairId as string) : undefined;
    const local = pair ? stats.get(pair.localCandidateId as string) : undefined;
    if (!pair || !local) return null;
    return {
      localType: local.candidateType as string,
      protocol: local.protocol as string,
      relayProtocol: (local.relayProtocol as string | undefined) ?? null,
      bytesReceived: (pair.bytesReceived as number | undefined) ?? 0,
    };
  },
  /** Date.now() when the doctor's video first decoded a frame (polled every 10 ms), or null. */
  firstFrameAt: () => firstFrameAt(),
  /** Bench: `count` pleth chunks `intervalMs` apart, each stamped when the kiosk API emits it. */
  async benchPleth(count: number, intervalMs: number) {
    for (let i = 0; i < count; i++) {
      api.sendPleth(i);
      await sleep(systemClock, intervalMs);
    }
  },
  /** Fault run: `count` recorded readings `intervalMs` apart on the reliable channel; returns their ids. */
  async sendMeasurements(count: number, intervalMs: number): Promise<string[]> {
    const ids: string[] = [];
    for (let i = 0; i < count; i++) {
      const measurement = oximetry(new Date().toISOString(), 90 + (i % 10), 60 + (i % 40));
      vitals.measurement(measurement);
      ids.push(measurement.id);
      await sleep(systemClock, intervalMs);
    }
    return ids;
  },
  /** Bench: one pleth chunk stamped now, straight onto the lossy channel. */
  sendPleth(seq: number) {
    vitals.pleth({ deviceId: 'bench-oximeter', rateHz: 60, startedAt: Date.now(), samples: [seq % 100] });
  },
};

const firstFrameAt = watchFirstFrame(() => api.framesDecoded());

declare global {
  interface Window {
    kioskTest: typeof api;
  }
}
window.kioskTest = api;

import type { PrescriptionLine } from '../../../common/consultation/prescription';
import type { MeasurementKind } from '../../../common/devices/kinds';
import {
  DoctorMethods,
  PlatformToDoctor,
  SIGNALING_PATH,
  type DoctorEvent,
  type QueueItem,
} from '../../../common/signaling/messages';
import { SignalingClient } from '../../../common/signaling/signaling-client';
import { parseVitalsMessage, VITALS_PROTOCOL } from '../../../common/signaling/vitals';
import { PreparedDevice } from '../../../web-shared/media/prepared-device';
import { MediaSession, type OutgoingTrack } from '../../../web-shared/media/media-session';
import type { RemoteTrack } from '../../../web-shared/media/remote-consumers';
import { watchFirstFrame } from './first-frame';

/**
 * The doctor's side of the call e2e and bench while the console (console) is built: sign
 * in, queue, accept, two-way media, the kiosk's vitals channels drawn as they arrive, requests and
 * the end of the call — through the same signalling messages the console uses. Driven from
 * Playwright through `window.doctorTest`.
 */
type Client = SignalingClient<typeof DoctorMethods, DoctorEvent>;
const $ = (id: string) => document.getElementById(id)!;

let client: Client;
/** The call's media: the shared session, in the console's order (see negotiate). */
let media: MediaSession | null = null;
let local: MediaStream | null = null;
let consultationId = '';
let queue: QueueItem[] = [];
let remote: readonly RemoteTrack[] = [];
const events: string[] = [];
const vitals = {
  spo2: null as number | null,
  pulseRate: null as number | null,
  plethSamples: 0,
  measurement: null as string | null,
};
/** ms from the kiosk's send (sentAt) to the doctor's waveform being drawn (bench). */
const plethLatencies: number[] = [];
/** ms from the kiosk's send to the message's arrival on the doctor's data consumer (before drawing). */
const plethArrivals: number[] = [];
/** ms from the chunk's last sample reaching the kiosk's driver (from the device) to being drawn. */
const plethFromDevice: number[] = [];
/** Ids of every recorded reading that arrived on the reliable channel, repeats included (fault run). */
const measurementIds: string[] = [];
/** Ids of every recorded reading the platform relayed over signalling (`kiosk-result`), repeats included. */
const relayedIds: string[] = [];
const pendingDraw: { sentAt: number; lastSampleAt: number }[] = [];
const plethBuffer: number[] = [];
let acceptAt: number | null = null;

/** Loaded at sign-in, as the console does (console/consultation-media.ts prepareDevice). */
const device = new PreparedDevice();

function remoteStream(tracks: readonly RemoteTrack[]) {
  remote = tracks;
  const live = tracks.map((t) => t.consumer.track);
  ($('remote') as HTMLVideoElement).srcObject = live.length ? new MediaStream(live) : null;
}

function onVitals(data: unknown) {
  const message = parseVitalsMessage(data);
  if (!message) return;
  if (message.type === 'live') {
    // The simulated thermometer and cuff stream their running values too: only the oximeter's are SpO2.
    if (message.reading.kind !== 'oximetry') return;
    vitals.spo2 = message.reading.spo2 ?? null;
    vitals.pulseRate = message.reading.pulseRate ?? null;
    $('spo2').textContent = String(vitals.spo2 ?? '--');
    $('pulse').textContent = String(vitals.pulseRate ?? '--');
  } else if (message.type === 'pleth') {
    plethBuffer.push(...message.chunk.samples);
    plethBuffer.splice(0, Math.max(0, plethBuffer.length - 600));
    vitals.plethSamples += message.chunk.samples.length;
    const sentAt = message.sentAt;
    plethArrivals.push(Date.now() - sentAt);
    const { chunk } = message;
    const nominal = chunk.startedAt + ((chunk.samples.length - 1) * 1000) / chunk.rateHz;
    pendingDraw.push({ sentAt, lastSampleAt: chunk.receivedAt ?? nominal });
    // One draw per painted frame, however many chunks arrived since the last one.
    if (pendingDraw.length === 1) {
      requestAnimationFrame(() => {
        drawPleth();
        const drawnAt = Date.now();
        for (const p of pendingDraw.splice(0)) {
          plethLatencies.push(drawnAt - p.sentAt);
          plethFromDevice.push(drawnAt - p.lastSampleAt);
        }
      });
    }
  } else if (message.type === 'measurement') {
    measurementIds.push(message.measurement.id);
    if (message.measurement.kind !== 'oximetry') return;
    vitals.measurement = `SpO2 ${message.measurement.spo2} % · ${message.measurement.pulseRate} bpm · ${message.measurement.model} · étalonnage ${message.measurement.calibration}`;
    $('measurement').textContent = vitals.measurement;
  }
}

function drawPleth() {
  const canvas = $('pleth') as HTMLCanvasElement;
  const g = canvas.getContext('2d')!;
  g.clearRect(0, 0, canvas.width, canvas.height);
  g.beginPath();
  plethBuffer.forEach((v, i) => (i === 0 ? g.moveTo(i, 100 - v) : g.lineTo(i, 100 - v)));
  g.stroke();
}

/**
 * Device, transports, camera and microphone, then everything the kiosk produces (after accept or
 * media-reset) — through the console's shared media session and in its order
 * (console/consultation-media.ts): both transports at once, then the kiosk's tracks consumed while
 * the doctor's camera opens and is produced (camera before microphone), side by side.
 */
async function negotiate() {
  const camera = local
    ? Promise.resolve(local)
    : navigator.mediaDevices.getUserMedia({ audio: true, video: { width: 640, height: 480 } });
  media ??= new MediaSession(
    {
      signaling: client,
      device,
      order: 'side-by-side',
      dataProtocol: VITALS_PROTOCOL,
    },
    {
      onRemoteTracks: remoteStream,
      onDataConsumer: (dc) => dc.on('message', (data: unknown) => onVitals(data)),
    },
  );
  const outgoing = camera.then((stream): OutgoingTrack[] => {
    local = stream;
    ($('local') as HTMLVideoElement).srcObject = local;
    return [
      { track: local.getVideoTracks()[0]!, source: 'camera' },
      { track: local.getAudioTracks()[0]!, source: 'microphone' },
    ];
  });
  await media.start(outgoing);
}

async function onEvent(event: DoctorEvent) {
  events.push(event.type === 'peer-state' ? `peer-state:${event.state}` : event.type);
  if (event.type === 'queue-list') queue = event.entries;
  // The console takes results from both paths, once per id (console/vitals-state.ts).
  if (event.type === 'kiosk-result' && event.result.type === 'measurement')
    relayedIds.push(event.result.measurement.id);
  if (event.type === 'media-reset') {
    media?.reset();
    await negotiate();
    return;
  }
  if (event.type === 'new-producer') await media?.consume(event.producer);
  if (event.type === 'new-data-producer') await media?.consumeData(event.dataProducer.dataProducerId);
  if (event.type === 'producer-closed') media?.producerClosed(event.producerId);
}

const api = {
  async signIn(platformUrl: string, email: string, password: string) {
    client = new SignalingClient({
      url: `${platformUrl.replace(/^http/, 'ws')}${SIGNALING_PATH}`,
      methods: DoctorMethods,
      incoming: PlatformToDoctor,
    });
    client.on((e) => void onEvent(e));
    await client.opened;
    await client.request('sign-in', { email, password });
    queue = (await client.request('subscribe-queue', {})).entries;
    device.prepare(client).catch(() => {});
  },
  queue: () => queue,
  async accept(id: string) {
    acceptAt = Date.now();
    const accepted = await client.request('accept', { consultationId: id });
    consultationId = id;
    await negotiate();
    return { identity: accepted.identity, reason: accepted.queueEntry.reason };
  },
  requestMeasurement: (kind: MeasurementKind) => client.request('request-measurement', { consultationId, kind }),
  verifyIdentity: () => client.request('verify-identity', { consultationId, verified: true }),
  async endCall(lines: PrescriptionLine[]) {
    const { report } = await client.request('end-call', {
      consultationId,
      prescription: { lines },
      note: { reason: '', history: '', examination: 'Examen à distance.', conclusion: '' },
    });
    return report.prescription?.number ?? null;
  },
  framesDecoded: (): Promise<number> => media?.framesDecoded() ?? Promise.resolve(0),
  /** The kiosk's video as received here: frames, and freezes as the WebRTC stats define them. */
  async videoReceive() {
    const total = { framesDecoded: 0, freezeCount: 0, totalFreezesDurationSeconds: 0 };
    (await media?.receiveStats())?.forEach(
      (s: {
        type: string;
        kind?: string;
        framesDecoded?: number;
        freezeCount?: number;
        totalFreezesDuration?: number;
      }) => {
        if (s.type !== 'inbound-rtp' || s.kind !== 'video') return;
        if (s.freezeCount === undefined) throw new Error('this Chromium does not report freezeCount in inbound-rtp');
        total.framesDecoded += s.framesDecoded ?? 0;
        total.freezeCount += s.freezeCount;
        total.totalFreezesDurationSeconds += s.totalFreezesDuration ?? 0;
      },
    );
    return total;
  },
  vitals: () => ({ ...vitals }),
  /** Bench: round trips (ms) of `count` cheap signalling requests to the platform on loopback. */
  async signalingRtt(count: number): Promise<number[]> {
    const rtts: number[] = [];
    for (let i = 0; i < count; i++) {
      const started = performance.now();
      await client.request('subscribe-queue', {});
      rtts.push(performance.now() - started);
    }
    return rtts;
  },
  /** Kinds of the kiosk's tracks being received. */
  remoteKinds: () => remote.map((t) => t.consumer.kind).sort(),
  /** Date.now() when accept was sent, and when the kiosk's video first decoded here (bench). */
  timing: () => ({ acceptAt, firstFrameAt: firstFrameAt() }),
  events: () => [...events],
  plethLatencies: () => [...plethLatencies],
  plethArrivals: () => [...plethArrivals],
  plethFromDevice: () => [...plethFromDevice],
  measurementIds: () => [...measurementIds],
  relayedIds: () => [...relayedIds],
  clearLatencies: () => {
    plethLatencies.splice(0);
    plethArrivals.splice(0);
    plethFromDevice.splice(0);
  },
  /** Dark pixels on the waveform canvas (the waveform is drawn). */
  plethInk(): number {
    const canvas = $('pleth') as HTMLCanvasElement;
    const data = canvas.getContext('2d')!.getImageData(0, 0, canvas.width, canvas.height).data;
    let ink = 0;
    for (let i = 3; i < data.length; i += 4) if (data[i]! > 0) ink++;
    return ink;
  },
};

const firstFrameAt = watchFirstFrame(() => api.framesDecoded());

declare global {
  interface Window {
    doctorTest: typeof api;
  }
}
window.doctorTest = api;

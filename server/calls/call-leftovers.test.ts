import { noteOf } from '../../common/records/testing/samples';
import type { EventEmitter } from 'node:events';
import * as mediasoup from 'mediasoup';
import type { types } from 'mediasoup';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { VITALS_LIVE_LABEL, VITALS_PROTOCOL, VITALS_RESULTS_LABEL } from '../../common/signaling/vitals';
import { sleep, systemClock } from '../../common/util/clock';
import type { Platform } from '../platform';
import { requireMediasoupWorker } from '../testing/mediasoup-stack';
import { connectDoctor, joinQueue, OPUS_RTP, type DoctorClient, type KioskClient } from '../testing/signal-clients';
import { startTestPlatform } from '../testing/test-platform';

/**
 * Issue 22: nothing is left behind a consultation. Whole calls run through the real platform (its
 * signalling sockets, call center and a real mediasoup worker): a kiosk joins, the doctor accepts,
 * both negotiate transports, producers, consumers and the vitals channels (the platform's tap
 * included), the doctor ends the call with a prescription, the kiosk's socket goes. Between the
 * first calls and many more, the live mediasoup objects, the worker's routers, the process's
 * timers and handles and the listeners on the worker stay the same.
 */
const stack = await requireMediasoupWorker();

/** Every mediasoup object alive in this process, by kind, from mediasoup's observers. */
const live = {
  workers: new Set<types.Worker>(),
  routers: new Set<string>(),
  transports: new Set<string>(),
  producers: new Set<string>(),
  consumers: new Set<string>(),
  dataProducers: new Set<string>(),
  dataConsumers: new Set<string>(),
};
type Observed = { id: string; observer: EventEmitter };
/** The live producers themselves (a prepared room's are looked at before the accept). */
const producers = new Map<string, types.Producer>();
function track(set: Set<string>, item: Observed) {
  set.add(item.id);
  item.observer.once('close', () => set.delete(item.id));
}
mediasoup.observer.on('newworker', (worker: types.Worker) => {
  live.workers.add(worker);
  worker.observer.once('close', () => live.workers.delete(worker));
  worker.observer.on('newrouter', (router: types.Router) => {
    track(live.routers, router);
    router.observer.on('newtransport', (transport: types.Transport) => {
      track(live.transports, transport);
      transport.observer.on('newproducer', (p: types.Producer) => {
        track(live.producers, p);
        producers.set(p.id, p);
        p.observer.once('close', () => producers.delete(p.id));
      });
      transport.observer.on('newconsumer', (c: Observed) => track(live.consumers, c));
      transport.observer.on('newdataproducer', (p: Observed) => track(live.dataProducers, p));
      transport.observer.on('newdataconsumer', (c: Observed) => track(live.dataConsumers, c));
    });
  });
});

let platform: Platform;
let doctor: DoctorClient;
beforeAll(async () => {
  if (stack.missing) return;
  platform = await startTestPlatform();
  doctor = await connectDoctor(platform);
  await doctor.request('subscribe-queue', {});
  await doctor.request('set-on-duty', { onDuty: true });
});
afterAll(async () => {
  doctor?.close();
  await platform?.close();
});

const DTLS = {
  role: 'client' as const,
  fingerprints: [{ algorithm: 'sha-256', value: Array.from({ length: 32 }, () => 'AB').join(':') }],
};
const rtp = (ssrc: number, cname: string) => ({ ...OPUS_RTP, encodings: [{ ssrc }], rtcp: { cname } });

/** One side's media as the browsers negotiate it: a send and a receive transport, a microphone. */
async function openMedia(side: KioskClient | DoctorClient, ssrc: number) {
  const client = side as KioskClient;
  const { rtpCapabilities } = await client.request('get-router-capabilities', {});
  const send = await client.request('create-transport', { direction: 'send' });
  const recv = await client.request('create-transport', { direction: 'recv' });
  for (const t of [send, recv])
    await client.request('connect-transport', { transportId: t.transportId, dtlsParameters: DTLS });
  const { producerId } = await client.request('produce', {
    transportId: send.transportId,
    kind: 'audio',
    rtpParameters: rtp(ssrc, `c${ssrc}`),
    source: 'microphone',
  });
  return { client, rtpCapabilities, send, recv, producerId };
}

async function consumeOther(side: Awaited<ReturnType<typeof openMedia>>, producerId: string) {
  const consumer = await side.client.request('consume', {
    transportId: side.recv.transportId,
    producerId,
    rtpCapabilities: side.rtpCapabilities,
  });
  await side.client.request('resume-consumer', { consumerId: consumer.consumerId });
}

const liveCounts = () =>
  Object.fromEntries(
    Object.entries(live)
      .filter(([kind]) => kind !== 'workers')
      .map(([kind, set]) => [kind, set.size]),
  );
/** What the last consultation held just before it ended (the counting sees what a call opens). */
let duringCall: Record<string, number> = {};

/** One whole consultation, from the queue to the prescription, with media both ways. */
async function consultation(n: number) {
  const { kiosk, joined } = await joinQueue(platform, `kiosk-leftovers-${n % 3}`);
  await doctor.request('accept', { consultationId: joined.consultationId });
  await kiosk.events.next('doctor-accepted');
  const kioskMedia = await openMedia(kiosk, 1000 + n);
  const dataProducers = [];
  for (const [streamId, label] of [VITALS_LIVE_LABEL, VITALS_RESULTS_LABEL].entries())
    dataProducers.push(
      await kiosk.request('produce-data', {
        transportId: kioskMedia.send.transportId,
        sctpStreamParameters: { streamId, ordered: label === VITALS_RESULTS_LABEL },
        label,
        protocol: VITALS_PROTOCOL,
      }),
    );
  const doctorMedia = await openMedia(doctor, 2000 + n);
  await consumeOther(doctorMedia, kioskMedia.producerId);
  for (const { dataProducerId } of dataProducers)
    await doctor.request('consume-data', { transportId: doctorMedia.recv.transportId, dataProducerId });
  await consumeOther(kioskMedia, doctorMedia.producerId);
  await doctor.request('request-measurement', { consultationId: joined.consultationId, kind: 'oximetry' });
  duringCall = liveCounts();
  await doctor.request('end-call', {
    consultationId: joined.consultationId,
    note: noteOf('RAS'),
    prescription: { lines: [{ item: 'Paracétamol 1 g', dosage: '1 cp x3/j', duration: '5 jours', notes: '' }] },
  });
  await kiosk.events.next('call-ended');
  kiosk.close();
}

/**
 * What is alive between consultations. Process resources are sampled ten times 50 ms apart, each
 * kind counting its fewest (a request in flight is not a leak; a leak only grows).
 */
async function leftovers() {
  const byKind: Record<string, number> = {};
  for (let sample = 0; sample < 10; sample++) {
    await sleep(systemClock, 50);
    const counts: Record<string, number> = {};
    for (const kind of process.getActiveResourcesInfo()) counts[kind] = (counts[kind] ?? 0) + 1;
    for (const kind of new Set([...Object.keys(byKind), ...Object.keys(counts)]))
      byKind[kind] = sample === 0 ? (counts[kind] ?? 0) : Math.min(byKind[kind] ?? 0, counts[kind] ?? 0);
  }
  for (const [kind, count] of Object.entries(byKind)) if (count === 0) delete byKind[kind];
  const listeners = (e: EventEmitter) => e.eventNames().reduce((n, name) => n + e.listenerCount(name), 0);
  const workers = [...live.workers];
  const dumps = await Promise.all(workers.map((w) => w.dump()));
  return {
    resources: byKind,
    mediasoup: liveCounts(),
    workerRouters: dumps.map((d) => d.routerIds.length),
    workerListeners: workers.map((w) => listeners(w) + listeners(w.observer)),
    calls: platform.calls.stats(),
    sockets: platform.signalingStats(),
  };
}

stack.describe('a consultation leaves nothing behind on the platform (real signalling and mediasoup worker)', () => {
  it('holds the same objects, timers, handles and listeners after 2 consultations and after 8', async () => {
    // The first calls open what lives as long as the platform (the worker's WebRtcServer, caches).
    for (let n = 0; n < 2; n++) await consultation(n);
    const after2 = await leftovers();
    for (let n = 2; n < 8; n++) await consultation(n);
    const after8 = await leftovers();
    // Each call held its room: four WebRTC transports and the platform's vitals tap, a microphone
    // each way, the two vitals channels, the doctor's consumers of them and the tap's.
    expect(duringCall).toEqual({
      routers: 1,
      transports: 5,
      producers: 2,
      consumers: 2,
      dataProducers: 2,
      dataConsumers: 3,
    });
    expect(after8).toEqual(after2);
    // And what a call opens is gone: no router, transport, producer or consumer of any call.
    expect(after8.mediasoup).toEqual({
      routers: 0,
      transports: 0,
      producers: 0,
      consumers: 0,
      dataProducers: 0,
      dataConsumers: 0,
    });
    expect(after8.workerRouters).toEqual([0]);
    expect(after8.calls).toMatchObject({ waiting: 0, inCall: 0 });
    // The counts are of something: the worker's pipes and the listening server.
    expect(Object.values(after8.resources).reduce((a, b) => a + b, 0)).toBeGreaterThan(0);
  }, 60_000);

  it('leaves nothing of a patient who waited and left, nor of the transports a media reset closed', async () => {
    const none = { routers: 0, transports: 0, producers: 0, consumers: 0, dataProducers: 0, dataConsumers: 0 };
    // The patient next in the queue (a doctor is online) has the room of their call prepared: the
    // kiosk opens its transports and produces in it as a browser would, and the SFU holds what it
    // produces paused — nothing reaches it (a browser sends with no encoding active) nor could be
    // forwarded, as nothing that receives is allowed before the accept.
    const waiting = await joinQueue(platform, 'kiosk-leftovers-waiting');
    await waiting.kiosk.events.next('prepare-media');
    const prepared = await openMedia(waiting.kiosk, 4000);
    // Its vitals channel too, open but empty until the call (only the platform's tap consumes it).
    await waiting.kiosk.request('produce-data', {
      transportId: prepared.send.transportId,
      sctpStreamParameters: { streamId: 0, ordered: true },
      label: VITALS_RESULTS_LABEL,
      protocol: VITALS_PROTOCOL,
    });
    const preparedCounts = { ...none, routers: 1, transports: 3, producers: 1, dataProducers: 1, dataConsumers: 1 };
    expect(liveCounts()).toEqual(preparedCounts);
    const held = producers.get(prepared.producerId)!;
    expect(held.paused).toBe(true);
    expect(held.score).toEqual([]);
    expect(await held.getStats()).toEqual([]);
    await expect(waiting.kiosk.request('list-producers', {})).rejects.toThrow(/no call yet/);
    // A second patient behind them waits with nothing open on the media server.
    const behind = await joinQueue(platform, 'kiosk-leftovers-behind');
    await waiting.kiosk.request('get-router-capabilities', {});
    await behind.kiosk.request('get-router-capabilities', {});
    expect(liveCounts()).toEqual(preparedCounts);
    // The first leaves: everything prepared for them is closed; the second is next and prepared.
    await waiting.kiosk.request('leave-queue', {});
    waiting.kiosk.close();
    await behind.kiosk.events.next('prepare-media');
    // Its router and the platform's vitals tap (made as the room opens, off the accept's path).
    await expect.poll(liveCounts).toEqual({ ...none, routers: 1, transports: 1 });
    // They leave too: nothing of either is left.
    await behind.kiosk.request('leave-queue', {});
    behind.kiosk.close();
    expect(liveCounts()).toEqual(none);
    // A kiosk whose transports the media server dropped (a dead path) negotiates again in the same
    // room: the old transports and their producers are gone, only the new ones and the tap remain.
    const { kiosk, joined } = await joinQueue(platform, 'kiosk-leftovers-reset');
    await doctor.request('accept', { consultationId: joined.consultationId });
    await kiosk.events.next('doctor-accepted');
    await openMedia(kiosk, 3000);
    expect(platform.calls.dropMedia(joined.consultationId, 'kiosk')).toBe(true);
    await openMedia(kiosk, 3001);
    expect(liveCounts()).toEqual({ ...none, routers: 1, transports: 3, producers: 1 });
    await doctor.request('end-call', {
      consultationId: joined.consultationId,
      note: noteOf('RAS'),
      prescription: null,
    });
    await kiosk.events.next('call-ended');
    kiosk.close();
    expect((await leftovers()).mediasoup).toEqual(none);
  }, 30_000);
});

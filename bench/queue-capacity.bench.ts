import { randomUUID } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import type { DoctorEvent, KioskEvent } from '../common/signaling/messages';
import { systemClock } from '../common/util/clock';
import { setLogLevel } from '../common/util/logger';
import { CallCenter } from '../server/calls/call-center';
import { memoryPrescriptionIssuer } from '../server/calls/testing/memory-prescription-issuer';
import type { Bench } from './figure';
import { fakeRouter } from '../server/calls/testing/fake-router';

/**
 * The live queue's cost at peak (issue 15 item 7): 10,000 patients waiting in 20 queues (two
 * specialties × ten départements) while 40 doctors' consoles follow their lists. Then the patient
 * at the head of each queue leaves, one after another: every patient behind moves up a place, so
 * each departure is one publish that tells ~500 kiosks their new place and 40 consoles their list.
 * Ours: the queue-updated messages the kiosks received per second, each serialised as the socket
 * would (JSON), over those departures, consoles' lists included in the time. Baseline in the same
 * run: the same number of queue-updated messages serialised and handed to the same links in a bare
 * loop, i.e. the floor of delivering them at all.
 *
 * In-process links, no sockets: the figure is the platform's own CPU per update (positions,
 * estimates, lists), which is what grows with the queue; the socket write is the same per message
 * whatever the queue's size.
 */
const WAITING = Number(process.env.QUEUE_BENCH_WAITING ?? 10_000);
const DOCTORS = 40;
const TERRITORIES = Array.from({ length: 10 }, (_, i) => String(70 + i));
const SPECIALTIES = ['general-practice', 'paediatrics'] as const;
/** Departures measured (each one a publish over the whole queue). */
const DEPARTURES = 40;

interface Counted<E> {
  link: { id: string; send: (e: E) => void };
  updates: number;
}

function countingLink<E extends { type: string }>(id: string, bytes: { n: number }): Counted<E> {
  const counted: Counted<E> = {
    updates: 0,
    link: {
      id,
      send: (event: E) => {
        bytes.n += JSON.stringify(event).length;
        if (event.type === 'queue-updated') counted.updates++;
      },
    },
  };
  return counted;
}

const queueBench: Bench = async () => {
  setLogLevel('warn');
  const calls = new CallCenter({
    createRouter: async () => fakeRouter(),
    prescriptions: memoryPrescriptionIssuer(systemClock),
  });
  const bytes = { n: 0 };
  for (let d = 0; d < DOCTORS; d++) {
    const console_ = countingLink<DoctorEvent>(`d${d}`, bytes);
    const doctor = { id: `doctor-${d}`, name: `Dr ${d}`, rpps: String(10_000_000_000 + d) };
    const scope = { specialties: [SPECIALTIES[d % 2]!], territories: [TERRITORIES[d % TERRITORIES.length]!] };
    calls.doctorOnline(console_.link, { doctor, scope, token: `t${d}`, onDuty: true });
    calls.subscribeQueue(console_.link, doctor);
  }

  const kiosks: Counted<KioskEvent>[] = [];
  let t = performance.now();
  for (let i = 0; i < WAITING; i++) {
    const kiosk = countingLink<KioskEvent>(`k${i}`, bytes);
    kiosks.push(kiosk);
    const sessionId = randomUUID();
    const queueEntry = {
      ageYears: 40,
      specialty: SPECIALTIES[i % 2]!,
      territory: TERRITORIES[Math.floor(i / 2) % TERRITORIES.length]!,
      reason: 'fièvre',
    };
    const grant = { kioskId: `kiosk-${i}`, sessionId, expiresAt: Number.MAX_SAFE_INTEGER };
    calls.joinQueue(kiosk.link, grant, { token: 'x'.repeat(20), sessionId, queueEntry, identity: null, devices: [] });
    // The join's publish runs in a microtask, as it does behind a socket.
    if (i % 100 === 99) await new Promise((done) => setImmediate(done));
  }
  await new Promise((done) => setImmediate(done));
  const joinMs = performance.now() - t;
  if (calls.stats().waiting !== WAITING) throw new Error(`only ${calls.stats().waiting} of ${WAITING} waiting`);

  const before = kiosks.reduce((sum, k) => sum + k.updates, 0);
  bytes.n = 0;
  t = performance.now();
  for (let i = 0; i < DEPARTURES; i++) {
    calls.leaveQueue(kiosks[i]!.link);
    await new Promise((done) => setImmediate(done));
  }
  const departuresMs = performance.now() - t;
  const delivered = kiosks.reduce((sum, k) => sum + k.updates, 0) - before;
  const deliveredBytes = bytes.n;
  calls.close();
  if (delivered === 0) throw new Error('no position update reached a kiosk: the figure would be meaningless');

  // Baseline: the same messages, serialised and handed over with no queue behind them.
  const sink = countingLink<KioskEvent>('sink', { n: 0 });
  t = performance.now();
  for (let i = 0; i < delivered; i++) {
    sink.link.send({
      type: 'queue-updated',
      consultationId: randomUUID(),
      position: (i % 500) + 1,
      wait: { kind: 'estimate', minutes: (i % 90) + 1, doctorsOnDuty: 2 },
    });
  }
  const bareMs = performance.now() - t;

  const perSecond = (delivered * 1000) / departuresMs;
  const barePerSecond = (delivered * 1000) / bareMs;
  return {
    figures: [
      {
        name: `queue at ${WAITING.toLocaleString('en')} waiting, ${DOCTORS} consoles: position updates delivered per second vs a bare send loop`,
        ours: Math.round(perSecond),
        baseline: Math.round(barePerSecond),
        unit: 'updates/s',
        goal: null,
        note: 'higher is better; the ratio is ours / bare',
      },
    ],
    details: {
      waiting: WAITING,
      doctors: DOCTORS,
      joinAllMs: Math.round(joinMs),
      departures: DEPARTURES,
      departuresMs: Math.round(departuresMs),
      publishMsEach: Number((departuresMs / DEPARTURES).toFixed(1)),
      updatesDelivered: delivered,
      bytesSerialisedDuringDepartures: deliveredBytes,
      bareSendMs: Math.round(bareMs),
    },
  };
};

export default queueBench;

import { limitKioskLink } from '../e2e/network/netns';
import { sleep, systemClock } from '../common/util/clock';
import { percentile, type Bench, type Figure } from './figure';
import { startNetworkCall, until } from './network-call';

/**
 * A call over a 1 Mbit/s link (tbf on both ends of the kiosk's link in e2e/network's namespaces)
 * against the same call unshaped, in the same run: the doctor asks for SpO2, the kiosk page's
 * simulated oximeter streams its waveform, and for SECONDS the doctor's page counts video freezes
 * (WebRTC's freezeCount / totalFreezesDuration on the kiosk's inbound video) and times each pleth
 * chunk from the kiosk's send to its arrival.
 */
const SECONDS = 30;
const RATE = '1mbit';

interface Measured {
  freezeMsPerMinute: number;
  freezes: number;
  framesPerSecond: number;
  vitalsP50: number;
  vitalsP99: number;
  chunks: number;
}

async function measure(narrow: boolean): Promise<Measured> {
  const { hosts, doctor } = await startNetworkCall(narrow ? (net) => limitKioskLink(net, RATE) : undefined);
  try {
    await doctor.requestMeasurement('oximetry');
    await until(
      async () => (await doctor.vitals()).plethSamples,
      (n) => n > 120,
      30_000,
      'the pleth at the doctor',
    );
    await doctor.clearLatencies();
    const before = await doctor.videoReceive();
    await sleep(systemClock, SECONDS * 1000);
    const after = await doctor.videoReceive();
    const arrivals = await doctor.plethArrivals();
    if (arrivals.length === 0) throw new Error('no pleth chunk reached the doctor');
    return {
      freezeMsPerMinute:
        ((after.totalFreezesDurationSeconds - before.totalFreezesDurationSeconds) * 1000 * 60) / SECONDS,
      freezes: after.freezeCount - before.freezeCount,
      framesPerSecond: (after.framesDecoded - before.framesDecoded) / SECONDS,
      vitalsP50: percentile(arrivals, 50),
      vitalsP99: percentile(arrivals, 99),
      chunks: arrivals.length,
    };
  } finally {
    await hosts.close();
  }
}

const narrowLink: Bench = async () => {
  const open = await measure(false);
  const narrow = await measure(true);
  process.stdout.write(
    `unshaped: ${open.freezes} freezes, ${open.framesPerSecond.toFixed(1)} frames/s, vitals p50/p99 ${open.vitalsP50}/${open.vitalsP99} ms over ${open.chunks} chunks\n` +
      `${RATE}: ${narrow.freezes} freezes (${narrow.freezeMsPerMinute.toFixed(0)} ms per minute), ${narrow.framesPerSecond.toFixed(1)} frames/s, vitals p50/p99 ${narrow.vitalsP50}/${narrow.vitalsP99} ms over ${narrow.chunks} chunks\n`,
  );
  const figures: Figure[] = [
    {
      name: 'call under a 1 Mbit/s link: video frozen at the doctor, per minute, vs the same call unshaped',
      ours: Math.round(narrow.freezeMsPerMinute),
      baseline: Math.round(open.freezeMsPerMinute),
      unit: 'ms/min',
      // A second of frozen picture per minute: the doctor still sees the patient (ours).
      goal: { kind: 'at-most', max: 1000 },
    },
    {
      name: 'call under a 1 Mbit/s link: vitals kiosk → doctor p99 vs the same call unshaped',
      ours: narrow.vitalsP99,
      baseline: open.vitalsP99,
      unit: 'ms',
      // One-way delay for conversation (ITU-T G.114), as the loopback vitals figure.
      goal: { kind: 'at-most', max: 150 },
    },
  ];
  return {
    figures,
    details: {
      seconds: SECONDS,
      rate: RATE,
      ...Object.fromEntries(Object.entries(open).map(([k, v]) => [`unshaped_${k}`, v])),
      ...Object.fromEntries(Object.entries(narrow).map(([k, v]) => [`narrow_${k}`, v])),
    },
  };
};

export default narrowLink;

import { createSocket, type Socket } from 'node:dgram';
import { readFileSync } from 'node:fs';
import type { types } from 'mediasoup';
import { sleep, systemClock } from '../common/util/clock';
import { setLogLevel } from '../common/util/logger';
import { WorkerPool } from '../server/media/worker-pool';
import type { Bench } from './figure';

/**
 * Consultations one mediasoup worker carries, from synthetic senders: each consultation is a
 * router (as the platform's room) where both sides produce Opus audio (50 packets/s) and VP8 video
 * (100 packets/s of 1,000 bytes, ~0.8 Mbit/s, above the kiosk's 600 kbit/s cap) into a
 * PlainTransport, each consumed by the other side on a PlainTransport back to a UDP sink, and a
 * vitals data producer sending 10 messages/s to a data consumer (through a DirectTransport: the
 * SCTP of the real data channel has no synthetic sender here). The worker's CPU is read from
 * /proc at growing counts of consultations; the figure is one core divided by the cost of one
 * consultation at the largest count the senders kept up with.
 *
 * What it leaves out, so the figure is an upper bound: SRTP encryption and DTLS (the plain
 * transports carry clear RTP), ICE, bandwidth estimation feedback from real receivers. Measured on
 * 2026-12-05: from 20 consultations on, 6–9 % of the packets the producers took in did not leave
 * through a consumer (the worker's own counts; the senders kept the rate, the worker used a third
 * of a core); the cause is not found yet, the ratio is kept in the results file.
 */
const STEPS = [10, 20, 40, 80];
const SAMPLE_SECONDS = 5;
const TICK_MS = 20;
const VIDEO_PACKETS_PER_TICK = 2;
const VIDEO_PAYLOAD = 1000;
const AUDIO_PAYLOAD = 100;
const CLOCK_TICKS = 100; // USER_HZ on Linux: /proc/<pid>/stat counts CPU time in these.

const cpuSeconds = (pid: number) => {
  const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
  // utime and stime are fields 14 and 15 of stat, 12 and 13 after "pid (comm) ".
  return (Number(fields[11]) + Number(fields[12])) / CLOCK_TICKS;
};

/** One RTP packet: version 2, the payload type, sequence, timestamp, SSRC, then the payload. */
function rtp(payloadType: number, seq: number, timestamp: number, ssrc: number, payload: Buffer): Buffer {
  const header = Buffer.alloc(12);
  header[0] = 0x80;
  header[1] = payloadType;
  header.writeUInt16BE(seq & 0xffff, 2);
  header.writeUInt32BE(timestamp >>> 0, 4);
  header.writeUInt32BE(ssrc >>> 0, 8);
  return Buffer.concat([header, payload]);
}

/**
 * A VP8 payload that parses as the first packet of a key frame (descriptor S=1, PID 0; payload
 * header P=0 with the key-frame start code and 640×480): the consumers forward from the first one.
 */
const vp8KeyFrame = (() => {
  const payload = Buffer.alloc(VIDEO_PAYLOAD, 0x55);
  Buffer.from([0x10, 0x00, 0x00, 0x00, 0x9d, 0x01, 0x2a, 0x80, 0x02, 0xe0, 0x01]).copy(payload);
  return payload;
})();
const opusFrame = Buffer.alloc(AUDIO_PAYLOAD, 0x33);

interface Side {
  port: number;
  audioSsrc: number;
  videoSsrc: number;
}

interface Consultation {
  router: types.Router;
  sides: Side[];
  vitals: types.DataProducer;
  producers: types.Producer[];
  consumers: types.Consumer[];
}

async function consultation(pool: WorkerPool, sinkPort: number, index: number): Promise<Consultation> {
  const router = await pool.createRouter();
  const listenInfo = { protocol: 'udp', ip: '127.0.0.1' } as const;
  const sides: Side[] = [];
  const producers: types.Producer[][] = [];
  for (let side = 0; side < 2; side++) {
    const inbound = await router.createPlainTransport({ listenInfo, rtcpMux: true, comedia: true });
    const audioSsrc = 1_000_000 + index * 10 + side * 2;
    const videoSsrc = audioSsrc + 1;
    producers.push([
      await inbound.produce({
        kind: 'audio',
        rtpParameters: {
          codecs: [{ mimeType: 'audio/opus', payloadType: 100, clockRate: 48000, channels: 2 }],
          encodings: [{ ssrc: audioSsrc }],
        },
      }),
      await inbound.produce({
        kind: 'video',
        rtpParameters: {
          codecs: [{ mimeType: 'video/VP8', payloadType: 101, clockRate: 90000 }],
          encodings: [{ ssrc: videoSsrc }],
        },
      }),
    ]);
    sides.push({ port: inbound.tuple.localPort, audioSsrc, videoSsrc });
  }
  const consumers: types.Consumer[] = [];
  for (let side = 0; side < 2; side++) {
    const outbound = await router.createPlainTransport({ listenInfo, rtcpMux: true, comedia: false });
    await outbound.connect({ ip: '127.0.0.1', port: sinkPort });
    for (const producer of producers[1 - side]!)
      consumers.push(await outbound.consume({ producerId: producer.id, rtpCapabilities: router.rtpCapabilities }));
  }
  const direct = await router.createDirectTransport();
  const vitals = await direct.produceData({ label: 'vitals-results', protocol: 'kiosk-vitals' });
  await direct.consumeData({ dataProducerId: vitals.id });
  return { router, sides, vitals, producers: producers.flat(), consumers };
}

/** Sends every consultation's packets each tick; counts what was sent. */
function startSenders(socket: Socket, consultations: Consultation[]) {
  let seq = 0;
  let sent = 0;
  const vitalsMessage = JSON.stringify({ type: 'live', reading: { spo2: 97, pulseRate: 72 }, seq: 0, sentAt: 0 });
  const timer = setInterval(() => {
    seq++;
    for (const c of consultations) {
      for (const side of c.sides) {
        socket.send(rtp(100, seq, seq * 960, side.audioSsrc, opusFrame), side.port, '127.0.0.1');
        for (let p = 0; p < VIDEO_PACKETS_PER_TICK; p++)
          socket.send(
            rtp(101, seq * VIDEO_PACKETS_PER_TICK + p, seq * 1800, side.videoSsrc, vp8KeyFrame),
            side.port,
            '127.0.0.1',
          );
        sent += 1 + VIDEO_PACKETS_PER_TICK;
      }
      if (seq % 5 === 0) c.vitals.send(vitalsMessage);
    }
  }, TICK_MS);
  return { stop: () => clearInterval(timer), sent: () => sent };
}

/** RTP packets the worker took in (producers) and sent out (consumers) so far, from its own stats. */
async function packetCounts(consultations: Consultation[]) {
  let received = 0;
  let forwarded = 0;
  for (const c of consultations) {
    for (const p of c.producers) for (const s of await p.getStats()) received += s.packetCount;
    for (const k of c.consumers)
      for (const s of await k.getStats()) if (s.type === 'outbound-rtp') forwarded += s.packetCount;
  }
  return { received, forwarded };
}

const workerCapacity: Bench = async () => {
  setLogLevel('warn');
  const pool = await WorkerPool.start(1);
  const pid = pool.pids()[0]!;
  // The consumers' packets land here and are dropped: the worker's own stats count them.
  const sink = createSocket('udp4');
  await new Promise<void>((resolve) => sink.bind(0, '127.0.0.1', resolve));
  const sender = createSocket('udp4');
  const consultations: Consultation[] = [];
  const steps: { calls: number; workerCores: number; sentRatio: number; forwardedRatio: number }[] = [];
  try {
    for (const calls of STEPS) {
      while (consultations.length < calls)
        consultations.push(await consultation(pool, sink.address().port, consultations.length));
      const senders = startSenders(sender, consultations);
      await sleep(systemClock, 2_000); // warm up
      const cpu0 = cpuSeconds(pid);
      const sent0 = senders.sent();
      const t0 = performance.now();
      await sleep(systemClock, SAMPLE_SECONDS * 1000);
      const seconds = (performance.now() - t0) / 1000;
      const workerCores = (cpuSeconds(pid) - cpu0) / seconds;
      const expected = (calls * 2 * (1 + VIDEO_PACKETS_PER_TICK) * seconds * 1000) / TICK_MS;
      const sent = senders.sent() - sent0;
      senders.stop();
      await sleep(systemClock, 300); // the last packets through the worker
      const counts = await packetCounts(consultations);
      steps.push({
        calls,
        workerCores,
        sentRatio: sent / expected,
        // Each packet in is one packet out (every producer has one consumer): since the start, read
        // with the senders stopped, so no packet is counted in but not yet out.
        forwardedRatio: counts.forwarded / counts.received,
      });
      const last = steps.at(-1)!;
      process.stdout.write(
        `${calls} consultations: worker ${(workerCores * 100).toFixed(1)} % of a core, senders at ${(last.sentRatio * 100).toFixed(0)} % of the rate, ${(last.forwardedRatio * 100).toFixed(0)} % forwarded\n`,
      );
      if (workerCores > 0.9 || last.sentRatio < 0.9) break;
    }
  } finally {
    sender.close();
    sink.close();
    await pool.close();
  }
  // The largest count whose senders kept up and whose packets were forwarded.
  const usable = steps.filter((s) => s.sentRatio >= 0.9 && s.forwardedRatio >= 0.9).at(-1);
  const capacity = usable ? Math.floor(usable.calls / usable.workerCores) : null;
  return {
    figures: [
      {
        name: 'consultations per mediasoup worker until one core saturates (synthetic RTP, no SRTP)',
        ours: capacity,
        baseline: null,
        unit: 'calls',
        goal: null,
        ...(capacity === null && { note: 'the senders could not keep up at the smallest count' }),
      },
    ],
    details: Object.fromEntries(
      steps.flatMap((s) => [
        [`worker_cores_at_${s.calls}`, Number(s.workerCores.toFixed(4))],
        [`sent_ratio_at_${s.calls}`, Number(s.sentRatio.toFixed(3))],
        [`forwarded_ratio_at_${s.calls}`, Number(s.forwardedRatio.toFixed(3))],
      ]),
    ),
  };
};

export default workerCapacity;

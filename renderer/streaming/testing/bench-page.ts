import { sleep, systemClock } from '../../../common/util/clock';
import { Device, type types } from 'mediasoup-client';

/**
 * Baselines for bench/call.bench.ts, measured in the same browser as the call:
 * - `loopback(count, intervalMs)`: one-way latency of a plain RTCDataChannel between two peer
 *   connections on 127.0.0.1 (no SFU, no signalling), unordered with maxRetransmits 0 like the
 *   vitals channel;
 * - `bareProduceConsume()`: a bare mediasoup produce → consume of the fake camera, the page being
 *   both peers, with the bench's router reached through `window.bareMedia` (exposed by Playwright).
 */
type BareMedia = (role: 'kiosk' | 'doctor', request: Record<string, unknown>) => Promise<Record<string, unknown>>;
declare global {
  interface Window {
    bareMedia: BareMedia;
    benchTest: typeof api;
  }
}

async function loopback(count: number, intervalMs: number): Promise<number[]> {
  const a = new RTCPeerConnection();
  const b = new RTCPeerConnection();
  a.onicecandidate = (e) => e.candidate && void b.addIceCandidate(e.candidate);
  b.onicecandidate = (e) => e.candidate && void a.addIceCandidate(e.candidate);
  const channel = a.createDataChannel('loopback', { ordered: false, maxRetransmits: 0 });
  const latencies: number[] = [];
  const received = new Promise<RTCDataChannel>((resolve) => (b.ondatachannel = (e) => resolve(e.channel)));
  await a.setLocalDescription(await a.createOffer());
  await b.setRemoteDescription(a.localDescription!);
  await b.setLocalDescription(await b.createAnswer());
  await a.setRemoteDescription(b.localDescription!);
  const remote = await received;
  await new Promise<void>((resolve) =>
    channel.readyState === 'open' ? resolve() : (channel.onopen = () => resolve()),
  );
  remote.onmessage = (e) => {
    const { sentAt } = JSON.parse(e.data as string) as { sentAt: number };
    // Same step as the doctor page: measured after the next frame is painted.
    requestAnimationFrame(() => latencies.push(Date.now() - sentAt));
  };
  for (let i = 0; i < count; i++) {
    channel.send(JSON.stringify({ type: 'pleth', sentAt: Date.now(), seq: i, chunk: { samples: [i % 100] } }));
    await sleep(systemClock, intervalMs);
  }
  a.close();
  b.close();
  return latencies;
}

async function bareProduceConsume(): Promise<number> {
  const started = Date.now();
  const media = window.bareMedia;
  const device = new Device();
  const { rtpCapabilities } = await media('kiosk', { type: 'get-router-capabilities' });
  await device.load({ routerRtpCapabilities: rtpCapabilities as types.RtpCapabilities });
  const make = async (role: 'kiosk' | 'doctor') => {
    const o = await media(role, { type: 'create-transport', direction: role === 'kiosk' ? 'send' : 'recv' });
    const options = {
      id: o.transportId as string,
      iceParameters: o.iceParameters as types.IceParameters,
      iceCandidates: o.iceCandidates as types.IceCandidate[],
      dtlsParameters: o.dtlsParameters as types.DtlsParameters,
    };
    const t = role === 'kiosk' ? device.createSendTransport(options) : device.createRecvTransport(options);
    t.on(
      'connect',
      ({ dtlsParameters }, ok, fail) =>
        void media(role, { type: 'connect-transport', transportId: t.id, dtlsParameters }).then(() => ok(), fail),
    );
    t.on(
      'produce',
      ({ kind, rtpParameters }, ok, fail) =>
        void media(role, { type: 'produce', transportId: t.id, kind, rtpParameters, source: 'camera' }).then(
          (r) => ok({ id: r.producerId as string }),
          fail,
        ),
    );
    return t;
  };
  const send = await make('kiosk');
  const recv = await make('doctor');
  const stream = await navigator.mediaDevices.getUserMedia({ video: { width: 640, height: 480 }, audio: false });
  const producer = await send.produce({ track: stream.getVideoTracks()[0]! });
  const r = await media('doctor', {
    type: 'consume',
    transportId: recv.id,
    producerId: producer.id,
    rtpCapabilities: device.recvRtpCapabilities,
  });
  const consumer = await recv.consume({
    id: r.consumerId as string,
    producerId: producer.id,
    kind: 'video',
    rtpParameters: r.rtpParameters as types.RtpParameters,
  });
  await media('doctor', { type: 'resume-consumer', consumerId: consumer.id });
  (document.getElementById('bare') as HTMLVideoElement).srcObject = new MediaStream([consumer.track]);
  for (;;) {
    let frames = 0;
    (await recv.getStats()).forEach((s: { type: string; framesDecoded?: number }) => {
      if (s.type === 'inbound-rtp') frames += s.framesDecoded ?? 0;
    });
    if (frames > 0) break;
    await sleep(systemClock, 10);
  }
  const elapsed = Date.now() - started;
  send.close();
  recv.close();
  stream.getTracks().forEach((t) => t.stop());
  return elapsed;
}

const api = { loopback, bareProduceConsume };
window.benchTest = api;

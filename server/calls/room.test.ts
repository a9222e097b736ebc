import { afterAll, beforeAll, expect, it } from 'vitest';
import { OPUS_RTP } from '../testing/signal-clients';
import { LOOPBACK_MEDIA, type MediaNetwork } from '../media/media-network';
import { WorkerPool } from '../media/worker-pool';
import { requireMediasoupWorker } from '../testing/mediasoup-stack';
import { Room, type PeerRole, type RoomNotice } from './room';
import { SignalFailure } from './signal-failure';

const mediasoup = await requireMediasoupWorker();
let pool: WorkerPool;
beforeAll(async () => {
  pool = await WorkerPool.start(1);
});
afterAll(async () => pool?.close());

/** A TURN entry naming the peer and a counter, so each mint is told apart. */
let minted = 0;
const turnFor = (role: PeerRole) => [
  { urls: ['turns:turn.test:5349'], username: `${++minted}:${role}`, credential: 'c' },
];

async function newRoom(source = pool, network: MediaNetwork = LOOPBACK_MEDIA) {
  const notices: RoomNotice[] = [];
  const room = new Room(await source.createRouter(), { network, iceServers: turnFor, notify: (n) => notices.push(n) });
  return { room, notices };
}

mediasoup.describe('consultation room (real mediasoup worker)', () => {
  it('has the capabilities the pool answers before any room exists (kiosk and console load their Device early)', async () => {
    const before = await pool.rtpCapabilities();
    const { room } = await newRoom();
    const { rtpCapabilities } = await room.handle('doctor', { type: 'get-router-capabilities' });
    expect(rtpCapabilities).toEqual(before);
    expect(before.codecs?.map((c) => c.mimeType)).toEqual(expect.arrayContaining(['audio/opus', 'video/VP8']));
    room.close();
  });

  it('creates loopback transports, forwards producers to the other peer and lets it consume', async () => {
    const { room, notices } = await newRoom();
    const send = await room.handle('kiosk', { type: 'create-transport', direction: 'send' });
    expect(send.sctpParameters).not.toBeNull();
    const { producerId } = await room.handle('kiosk', {
      type: 'produce',
      transportId: send.transportId,
      kind: 'audio',
      rtpParameters: OPUS_RTP,
      source: 'microphone',
    });
    expect(notices).toContainEqual({
      type: 'new-producer',
      to: 'doctor',
      producer: { producerId, kind: 'audio', source: 'microphone' },
    });

    const { rtpCapabilities } = await room.handle('doctor', { type: 'get-router-capabilities' });
    const recv = await room.handle('doctor', { type: 'create-transport', direction: 'recv' });
    // The kiosk cannot consume its own producer: producers are looked up on the other side.
    await expect(
      room.handle('kiosk', { type: 'consume', transportId: send.transportId, producerId, rtpCapabilities }),
    ).rejects.toMatchObject({ code: 'not-found' });
    const consumer = await room.handle('doctor', {
      type: 'consume',
      transportId: recv.transportId,
      producerId,
      rtpCapabilities,
    });
    expect(consumer.kind).toBe('audio');
    await room.handle('doctor', { type: 'resume-consumer', consumerId: consumer.consumerId });

    // A peer's reset closes its producers; the other side hears of it.
    room.resetPeer('kiosk');
    expect(notices).toContainEqual({ type: 'producer-closed', to: 'doctor', producerId });
    expect(room.producerCount('kiosk')).toBe(0);
    await expect(room.handle('kiosk', { type: 'restart-ice', transportId: send.transportId })).rejects.toBeInstanceOf(
      SignalFailure,
    );

    room.close();
    expect(room.router.closed).toBe(true);
    await expect(room.handle('doctor', { type: 'get-router-capabilities' })).rejects.toMatchObject({
      code: 'conflict',
    });
  });

  it('hands each new transport and each ICE restart fresh TURN servers for that peer', async () => {
    const { room } = await newRoom();
    const send = await room.handle('kiosk', { type: 'create-transport', direction: 'send' });
    const recv = await room.handle('doctor', { type: 'create-transport', direction: 'recv' });
    expect(send.iceServers[0]!.username).toMatch(/^\d+:kiosk$/);
    expect(recv.iceServers[0]!.username).toMatch(/^\d+:doctor$/);
    const restarted = await room.handle('kiosk', { type: 'restart-ice', transportId: send.transportId });
    expect(restarted.iceServers[0]!.username).toMatch(/^\d+:kiosk$/);
    expect(restarted.iceServers[0]!.username).not.toBe(send.iceServers[0]!.username);
    room.close();
  });

  it('puts every transport on the one WebRtcServer port, UDP and TCP, announcing the configured address', async () => {
    const network: MediaNetwork = {
      listenIp: '127.0.0.1',
      announcedAddress: 'media.kiosk.test',
      ports: { kind: 'server', port: 41000 + Math.floor(Math.random() * 8000) },
    };
    const onePort = await WorkerPool.start(1, network);
    try {
      const { room } = await newRoom(onePort, network);
      const a = await room.handle('kiosk', { type: 'create-transport', direction: 'send' });
      const b = await room.handle('doctor', { type: 'create-transport', direction: 'recv' });
      const candidates = [...a.iceCandidates, ...b.iceCandidates] as {
        port: number;
        protocol: string;
        address: string;
      }[];
      expect(new Set(candidates.map((c) => c.protocol))).toEqual(new Set(['udp', 'tcp']));
      expect(new Set(candidates.map((c) => c.port))).toEqual(
        new Set([network.ports.kind === 'server' && network.ports.port]),
      );
      expect(new Set(candidates.map((c) => c.address))).toEqual(new Set(['media.kiosk.test']));
      room.close();
    } finally {
      await onePort.close();
    }
  });

  it('takes transport ports from the configured range only', async () => {
    const network: MediaNetwork = { ...LOOPBACK_MEDIA, ports: { kind: 'range', min: 45100, max: 45120 } };
    const { room } = await newRoom(pool, network);
    for (let i = 0; i < 3; i++) {
      const t = await room.handle('kiosk', { type: 'create-transport', direction: 'send' });
      for (const c of t.iceCandidates as { port: number }[]) expect(c.port).toBeGreaterThanOrEqual(45100);
      for (const c of t.iceCandidates as { port: number }[]) expect(c.port).toBeLessThanOrEqual(45120);
    }
    room.close();
  });

  it('turns mediasoup refusals into bad-request without closing the room', async () => {
    const { room } = await newRoom();
    const send = await room.handle('kiosk', { type: 'create-transport', direction: 'send' });
    await expect(
      room.handle('kiosk', {
        type: 'produce',
        transportId: send.transportId,
        kind: 'video',
        rtpParameters: { codecs: [{ mimeType: 'video/nope' }] },
        source: 'camera',
      }),
    ).rejects.toMatchObject({ code: 'bad-request' });
    const data = await room.handle('kiosk', {
      type: 'produce-data',
      transportId: send.transportId,
      sctpStreamParameters: { streamId: 1, ordered: true },
      label: 'vitals-results',
      protocol: 'kiosk-vitals/1',
    });
    expect(data.dataProducerId).toBeTruthy();
    expect((await room.handle('doctor', { type: 'list-producers' })).dataProducers).toEqual([
      { dataProducerId: data.dataProducerId, label: 'vitals-results' },
    ]);
    room.close();
  });

  it('takes a stethoscope from the kiosk only, and tells the doctor its source', async () => {
    const { room, notices } = await newRoom();
    const kioskSend = await room.handle('kiosk', { type: 'create-transport', direction: 'send' });
    const { producerId } = await room.handle('kiosk', {
      type: 'produce',
      transportId: kioskSend.transportId,
      kind: 'audio',
      rtpParameters: OPUS_RTP,
      source: 'stethoscope',
    });
    expect(notices).toContainEqual({
      type: 'new-producer',
      to: 'doctor',
      producer: { producerId, kind: 'audio', source: 'stethoscope' },
    });
    expect((await room.handle('doctor', { type: 'list-producers' })).producers).toEqual([
      { producerId, kind: 'audio', source: 'stethoscope' },
    ]);
    const doctorSend = await room.handle('doctor', { type: 'create-transport', direction: 'send' });
    await expect(
      room.handle('doctor', {
        type: 'produce',
        transportId: doctorSend.transportId,
        kind: 'audio',
        rtpParameters: OPUS_RTP,
        source: 'stethoscope',
      }),
    ).rejects.toMatchObject({ code: 'forbidden' });
    room.close();
  });

  it('takes an examination camera from the kiosk only, and only as video', async () => {
    const { room } = await newRoom();
    const produce = async (role: PeerRole, kind: 'audio' | 'video') => {
      const send = await room.handle(role, { type: 'create-transport', direction: 'send' });
      return room.handle(role, {
        type: 'produce',
        transportId: send.transportId,
        kind,
        rtpParameters: OPUS_RTP,
        source: 'exam-camera',
      });
    };
    await expect(produce('doctor', 'video')).rejects.toMatchObject({ code: 'forbidden' });
    await expect(produce('kiosk', 'audio')).rejects.toMatchObject({ code: 'forbidden' });
    room.close();
  });
});

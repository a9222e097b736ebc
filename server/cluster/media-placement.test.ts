import { randomUUID } from 'node:crypto';
import { afterAll, expect, it, vi } from 'vitest';
import type { DoctorEvent, KioskEvent } from '../../common/signaling/messages';
import { ConsultationRooms } from '../calls/consultation-rooms';
import { newConsultation, type Consultation, type Link } from '../calls/consultation';
import type { RoomNotice } from '../calls/room';
import { LOOPBACK_MEDIA, type MediaNetwork } from '../media/media-network';
import { WorkerPool } from '../media/worker-pool';
import { requireMediasoupWorker } from '../testing/mediasoup-stack';
import { startFreezableProxy } from '../testing/freezable-proxy';
import { requireRedis } from '../testing/redis-instance';
import { OPUS_RTP } from '../testing/signal-clients';
import { busKeyFrom, sealEnvelope } from './bus-envelope';
import { localRoomOpener, startClusterMedia } from './cluster-media';
import { MEDIA_TOPIC, mediaRefusals } from './media-rpc';
import { RedisBus } from './redis-bus';
import { RemoteRoom } from './remote-room';

/**
 * Issue 15 (rooms spread across the nodes' media): three media nodes in this process, each with its
 * own real Redis bus connection and its own real mediasoup worker, announcing its own media address.
 * Node A places rooms as the call node does; a room goes to the least-loaded node, its requests are
 * relayed there and answered, and when that node dies its rooms are reopened on a live one and both
 * sides are told media-reset.
 */
const mediasoup = await requireMediasoupWorker();
const redis = await requireRedis();
const SECRET = Buffer.alloc(32, 5);

interface TestNode {
  id: string;
  bus: RedisBus;
  pool: WorkerPool;
  media: ReturnType<typeof startClusterMedia>;
  /** What a SIGKILL does to a node: its workers killed, its bus cut, its timers gone; no goodbye. */
  kill(): Promise<void>;
}
const nodes: TestNode[] = [];
afterAll(async () => {
  for (const node of nodes) await node.kill();
  if (!redis.missing) await redis.value.stop();
});

async function startNode(id: string, announcedAddress?: string, redisUrl?: string): Promise<TestNode> {
  if (redis.missing) throw new Error('no Redis');
  const network: MediaNetwork = { ...LOOPBACK_MEDIA, announcedAddress };
  const bus = await RedisBus.open(redisUrl ?? redis.value.url, id, SECRET);
  const pool = await WorkerPool.start(1, network);
  const media = startClusterMedia(bus, pool, localRoomOpener(pool, network, null));
  let dead = false;
  const node: TestNode = {
    id,
    bus,
    pool,
    media,
    kill: async () => {
      if (dead) return;
      dead = true;
      for (const pid of pool.pids()) process.kill(pid, 'SIGKILL');
      media.nodes.close();
      bus.close().catch(() => {});
      await pool.close();
    },
  };
  nodes.push(node);
  return node;
}

function link<E>(id: string): Link<E> & { events: E[] } {
  const events: E[] = [];
  return { id, events, send: (e) => events.push(e) };
}

function inCall(): {
  c: Consultation;
  kiosk: ReturnType<typeof link<KioskEvent>>;
  doctor: ReturnType<typeof link<DoctorEvent>>;
} {
  const kiosk = link<KioskEvent>('kiosk');
  const doctor = link<DoctorEvent>('doctor');
  const queueEntry = { ageYears: 40, specialty: 'general-practice' as const, territory: '75', reason: 'Toux' };
  const c = newConsultation({
    kioskId: 'kiosk-a',
    sessionId: randomUUID(),
    queueEntry,
    identity: null,
    devices: [],
    kiosk,
    joinedAt: Date.now(),
  });
  c.state = 'in-call';
  c.doctorLink = doctor;
  return { c, kiosk, doctor };
}

const SCTP = { numStreams: { OS: 1024, MIS: 1024 } };

/** Until `seer` has heard every one of `names` announce no room on any worker (an idle cluster to start from). */
async function idleAsSeenBy(seer: TestNode, names: string[]): Promise<void> {
  const rooms = () => names.map((n) => seer.media.nodes.live().find((x) => x.node === n)?.rooms);
  await vi.waitFor(() => expect(rooms()).toEqual(names.map(() => [0])), { timeout: 5_000 });
}

mediasoup.describe('rooms spread across the media nodes', () => {
  redis.describe('over a real Redis bus', () => {
    it('places rooms on the least-loaded node and relays their requests and notices', async () => {
      const a = await startNode('media-a');
      const b = await startNode('media-b', '192.0.2.11');
      const c = await startNode('media-c', '192.0.2.12');
      await vi.waitFor(
        () =>
          expect(
            a.media.nodes
              .live()
              .map((n) => n.node)
              .sort(),
          ).toEqual(['media-a', 'media-b', 'media-c']),
        {
          timeout: 5_000,
        },
      );

      // An idle cluster: the first rooms go to the nodes other than the call node (it carries the
      // queue and the signalling), each to the least loaded; then to the call node, least loaded.
      const notices: RoomNotice[] = [];
      const onB = await a.media.placeRoom(randomUUID(), { notify: (n) => notices.push(n) }, false);
      expect(onB).toBeInstanceOf(RemoteRoom);
      expect((onB as RemoteRoom).node).toBe('media-b');
      expect(b.pool.load()).toEqual([1]);
      expect(b.media.host.hostedRooms).toBe(1);
      const onC = await a.media.placeRoom(randomUUID(), { notify: () => {} }, false);
      expect((onC as RemoteRoom).node).toBe('media-c');
      expect(c.pool.load()).toEqual([1]);
      const third = await a.media.placeRoom(randomUUID(), { notify: () => {} }, false);
      expect(third).not.toBeInstanceOf(RemoteRoom);
      expect(a.pool.load()).toEqual([1]);

      // A media request relayed to B and answered from B's worker: its transport announces B's address.
      const caps = await onB.handle('kiosk', { type: 'get-router-capabilities' });
      expect(caps.rtpCapabilities.codecs?.length).toBeGreaterThan(0);
      const send = await onB.handle('kiosk', { type: 'create-transport', direction: 'send', sctpCapabilities: SCTP });
      expect(send.iceCandidates.map((x) => (x as { address: string }).address)).toContain('192.0.2.11');
      const { producerId } = await onB.handle('kiosk', {
        type: 'produce',
        transportId: send.transportId,
        kind: 'audio',
        rtpParameters: OPUS_RTP,
        source: 'microphone',
      });
      // The doctor is told of the kiosk's producer, from B through A.
      await vi.waitFor(() =>
        expect(notices).toContainEqual(expect.objectContaining({ type: 'new-producer', to: 'doctor' })),
      );
      expect(onB.producerCount('kiosk')).toBe(1);
      // A refusal of B's mediasoup comes back as the same refusal.
      await expect(
        onB.handle('doctor', {
          type: 'connect-transport',
          transportId: 'nope',
          dtlsParameters: { fingerprints: [{}] },
        }),
      ).rejects.toMatchObject({ code: 'not-found' });
      expect(producerId).toBeTruthy();
      third.close();
      onC.close();
      onB.close();
      await vi.waitFor(() => expect(b.pool.load()).toEqual([0]));
    }, 60_000);

    it('prepares a room on another node for the kiosk alone, and opens it to the doctor once the accept goes live', async () => {
      const a = nodes[0]!;
      await idleAsSeenBy(a, ['media-a', 'media-b', 'media-c']);
      const room = await a.media.placeRoom(randomUUID(), { notify: () => {} }, true);
      expect(room).toBeInstanceOf(RemoteRoom);
      expect(room.isLive).toBe(false);
      // Before the accept the host's Room takes the kiosk's transports and producers, nothing of a doctor.
      const send = await room.handle('kiosk', { type: 'create-transport', direction: 'send', sctpCapabilities: SCTP });
      await room.handle('kiosk', {
        type: 'produce',
        transportId: send.transportId,
        kind: 'audio',
        rtpParameters: OPUS_RTP,
        source: 'microphone',
      });
      const doctorTransport = { type: 'create-transport', direction: 'recv', sctpCapabilities: SCTP } as const;
      await expect(room.handle('doctor', doctorTransport)).rejects.toMatchObject({ code: 'conflict' });
      await room.goLive();
      expect(room.isLive).toBe(true);
      expect((await room.handle('doctor', doctorTransport)).transportId).toBeTruthy();
      room.close();
      await idleAsSeenBy(a, ['media-a', 'media-b', 'media-c']);
    }, 60_000);

    it('refuses a forged media frame and a signed one that does not match its schema', async () => {
      const [a, b] = [nodes[0]!, nodes[1]!];
      const forger = await RedisBus.open(redis.missing ? '' : redis.value.url, 'intruder', Buffer.alloc(32, 9));
      const refusedBefore = b.bus.refused;
      await forger.publish(MEDIA_TOPIC, {
        kind: 'open',
        to: 'media-b',
        rid: randomUUID(),
        cid: randomUUID(),
        consultationId: 'x',
      });
      await vi.waitFor(() => expect(b.bus.refused).toBe(refusedBefore + 1));
      const schemaBefore = mediaRefusals.count;
      await a.bus.publish(MEDIA_TOPIC, { kind: 'request', to: 'media-b', rid: 'not-a-uuid', role: 'kiosk' });
      await vi.waitFor(() => expect(mediaRefusals.count).toBe(schemaBefore + 1));
      expect(b.media.host.hostedRooms).toBe(0);
      // A replay of a well-signed frame is refused by the envelope.
      const sealed = sealEnvelope(
        busKeyFrom(SECRET),
        'media-a',
        MEDIA_TOPIC,
        { kind: 'close', to: 'media-b' },
        Date.now(),
      );
      await forger.sendRaw(sealed);
      await forger.sendRaw(sealed);
      await vi.waitFor(() => expect(b.bus.refused).toBe(refusedBefore + 2));
      await forger.close();
    }, 20_000);

    it('reopens the rooms of a killed media node on a live one and tells both sides media-reset', async () => {
      const [a, b, c] = [nodes[0]!, nodes[1]!, nodes[2]!];
      const rooms = new ConsultationRooms({
        createRouter: () => a.pool.createRouter(),
        placeRoom: (id, events) => a.media.placeRoom(id, events, false),
        onRoomLost: () => {
          throw new Error('the room should have been reopened');
        },
      });
      const call = inCall();
      await idleAsSeenBy(a, ['media-a', 'media-b', 'media-c']);
      call.c.room = await rooms.open(call.c);
      expect((call.c.room as RemoteRoom).node).toBe('media-b');
      const held = await a.media.placeRoom(randomUUID(), { notify: () => {} }, false);
      expect((held as RemoteRoom).node).toBe('media-c');

      const killedAt = Date.now();
      await b.kill();
      const reset = { type: 'media-reset', consultationId: call.c.id };
      await vi.waitFor(
        () => {
          expect(call.kiosk.events).toContainEqual(reset);
          expect(call.doctor.events).toContainEqual(reset);
        },
        { timeout: 10_000, interval: 50 },
      );
      const reopenedMs = Date.now() - killedAt;
      console.info(`media node killed: room reopened and both sides told media-reset after ${reopenedMs} ms`);
      expect(reopenedMs).toBeLessThan(10_000);
      const room = call.c.room;
      expect(room.isClosed).toBe(false);
      // Reopened on the least-loaded live node (A: none, C: one), and it answers.
      expect(room).not.toBeInstanceOf(RemoteRoom);
      expect(a.pool.load()).toEqual([1]);
      const caps = await room.handle('kiosk', { type: 'get-router-capabilities' });
      expect(caps.rtpCapabilities.codecs?.length).toBeGreaterThan(0);
      held.close();
      room.close();
      await vi.waitFor(() => expect(c.pool.load()).toEqual([0]));
    }, 30_000);

    it('a media node cut from Redis keeps its rooms while cut, and closes them once back if the cut outlasted 3 s', async () => {
      if (redis.missing) return;
      const a = nodes[0]!;
      let proxy = await startFreezableProxy('redis', redis.value.port);
      const port = Number(new URL(proxy.url).port);
      const d = await startNode('media-b2', undefined, proxy.url);
      await idleAsSeenBy(a, ['media-a', 'media-b2', 'media-c']);
      const rooms = new ConsultationRooms({
        createRouter: () => a.pool.createRouter(),
        placeRoom: (id, events) => a.media.placeRoom(id, events, false),
        onRoomLost: () => {
          throw new Error('the room should have been reopened');
        },
      });
      const call = inCall();
      call.c.room = await rooms.open(call.c);
      expect((call.c.room as RemoteRoom).node).toBe('media-b2');

      // D loses Redis: A gives up on it and reopens the room; D, off the bus, keeps it meanwhile.
      await proxy.close();
      await vi.waitFor(() => expect(d.bus.health().ok).toBe(false));
      const reset = { type: 'media-reset', consultationId: call.c.id };
      await vi.waitFor(() => expect(call.kiosk.events).toContainEqual(reset), { timeout: 10_000, interval: 50 });
      // On C now (A and C both idle: the node other than the call node).
      expect((call.c.room as RemoteRoom).node).toBe('media-c');
      expect(d.pool.load()).toEqual([1]);
      // Redis back for D (same address, ioredis reconnects): the room nobody owns any more is closed.
      proxy = await startFreezableProxy('redis', redis.value.port, port);
      await vi.waitFor(() => expect(d.bus.health().ok).toBe(true), { timeout: 10_000 });
      await vi.waitFor(() => expect(d.pool.load()).toEqual([0]), { timeout: 5_000 });
      call.c.room.close();
      await d.kill();
      await proxy.close();
    }, 40_000);
  });
});

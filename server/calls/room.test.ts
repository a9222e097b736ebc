import { afterAll, beforeAll, expect, it } from 'vitest';
import { OPUS_RTP } from '../testing/signal-clients';
import { WorkerPool } from '../media/worker-pool';
import { requireMediasoupWorker } from '../testing/mediasoup-stack';
import { Room, type RoomNotice } from './room';
import { SignalFailure } from './signal-failure';

const mediasoup = await requireMediasoupWorker();
let pool: WorkerPool;
beforeAll(async () => {
  pool = await WorkerPool.start(1);
});
afterAll(async () => pool?.close());

async function newRoom() {
  const notices: RoomNotice[] = [];
  const room = new Room(await pool.createRouter(), {
    listenIp: '127.0.0.1',
    announcedAddress: '127.0.0.1',
    notify: (n) => notices.push(n),
  });
  return { room, notices };
}

mediasoup.describe('consultation room (real mediasoup worker)', () => {
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
});

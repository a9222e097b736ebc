import { Device, FakeHandler } from 'mediasoup-client';
import * as fakeParameters from 'mediasoup-client/fakeParameters';
import { describe, expect, it, vi } from 'vitest';
import { consumeProducer, createMediaTransport, restartTransportIce, type MediaSignaling } from './media-transport';
import { fakeMediaSignaling, fakeTrack } from './testing/fake-media-signaling';

async function loadedDevice() {
  const device = new Device({ handlerFactory: FakeHandler.createFactory(fakeParameters) });
  await device.load({ routerRtpCapabilities: fakeParameters.generateRouterRtpCapabilities() });
  return device;
}

describe('createMediaTransport', () => {
  it('makes the send transport from the platform parameters and answers connect, produce and producedata', async () => {
    const device = await loadedDevice();
    const platform = fakeMediaSignaling<MediaSignaling>();
    const send = await createMediaTransport(device, platform.signaling, 'send');
    expect(platform.calls[0]).toEqual({ method: 'create-transport', params: { direction: 'send' } });
    const producer = await send.produce({ track: fakeTrack('audio'), appData: { source: 'microphone' } });
    await send.produceData({ label: 'live', protocol: 'vitals' });
    expect(platform.methods()).toEqual(['create-transport', 'connect-transport', 'produce', 'produce-data']);
    expect(platform.calls[1]!.params).toMatchObject({ transportId: send.id });
    expect(platform.calls[2]!.params).toMatchObject({ transportId: send.id, kind: 'audio', source: 'microphone' });
    expect(platform.calls[3]!.params).toMatchObject({ label: 'live', protocol: 'vitals' });
    expect(producer.id).toBe('p1');
  });

  it('consumes a producer on the receive transport, then resumes it on the platform', async () => {
    const device = await loadedDevice();
    const platform = fakeMediaSignaling<MediaSignaling>();
    const recv = await createMediaTransport(device, platform.signaling, 'recv');
    const consumer = await consumeProducer(device, platform.signaling, recv, 'producer-1');
    expect(platform.methods()).toEqual(['create-transport', 'consume', 'connect-transport', 'resume-consumer']);
    expect(platform.calls[1]!.params).toMatchObject({ transportId: recv.id, producerId: 'producer-1' });
    expect(platform.calls[3]!.params).toEqual({ consumerId: consumer.id });
    expect(consumer.kind).toBe('audio');
  });

  it('gives each transport the TURN servers the platform minted for it, and fresh ones on an ICE restart', async () => {
    const device = await loadedDevice();
    const given: unknown[] = [];
    for (const create of ['createSendTransport', 'createRecvTransport'] as const) {
      const original = device[create].bind(device);
      vi.spyOn(device, create).mockImplementation((options) => {
        given.push(options.iceServers);
        return original(options);
      });
    }
    const platform = fakeMediaSignaling<MediaSignaling>();
    const send = await createMediaTransport(device, platform.signaling, 'send');
    await createMediaTransport(device, platform.signaling, 'recv');
    expect(given).toHaveLength(2);
    expect(given[0]).toEqual([expect.objectContaining({ urls: ['turns:turn.test:443?transport=tcp'] })]);
    expect(given[0]).not.toEqual(given[1]);
    const update = vi.spyOn(send, 'updateIceServers');
    const restart = vi.spyOn(send, 'restartIce');
    await restartTransportIce(platform.signaling, send);
    expect(platform.calls.at(-1)).toEqual({ method: 'restart-ice', params: { transportId: send.id } });
    const updated = update.mock.calls[0]?.[0]?.iceServers;
    expect(updated?.[0]?.username).toMatch(/^\d+:c1-kiosk$/);
    expect(updated).not.toEqual(given[0]);
    // The fresh credentials are in place before the restart uses them.
    expect(update.mock.invocationCallOrder[0]).toBeLessThan(restart.mock.invocationCallOrder[0]!);
  });
});

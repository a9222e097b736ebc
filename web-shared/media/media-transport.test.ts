import { Device, FakeHandler } from 'mediasoup-client';
import * as fakeParameters from 'mediasoup-client/fakeParameters';
import { describe, expect, it } from 'vitest';
import { consumeProducer, createMediaTransport, type MediaSignaling } from './media-transport';
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
});

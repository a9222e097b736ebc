import { Device, FakeHandler } from 'mediasoup-client';
import * as fakeParameters from 'mediasoup-client/fakeParameters';
import { describe, expect, it } from 'vitest';
import { createMediaTransport, type MediaSignaling } from './media-transport';
import { RemoteConsumers } from './remote-consumers';
import { fakeMediaSignaling } from './testing/fake-media-signaling';

async function setup() {
  const device = new Device({ handlerFactory: FakeHandler.createFactory(fakeParameters) });
  await device.load({ routerRtpCapabilities: fakeParameters.generateRouterRtpCapabilities() });
  const platform = fakeMediaSignaling<MediaSignaling>();
  const recv = await createMediaTransport(device, platform.signaling, 'recv');
  let changes = 0;
  const remote = new RemoteConsumers(device, platform.signaling, recv, () => changes++);
  return {
    remote,
    platform,
    changes: () => changes,
    consumes: () => platform.methods().filter((m) => m === 'consume'),
  };
}

describe('RemoteConsumers (the other side’s tracks on one receive transport, kiosk and console alike)', () => {
  it('consumes a producer once though an event and list-producers both name it, and resumes it', async () => {
    const { remote, platform, changes, consumes } = await setup();
    await Promise.all([remote.consume('p-cam', 'camera'), remote.consume('p-cam', 'camera')]);
    await remote.consume('p-mic', 'microphone');
    expect(consumes()).toHaveLength(2);
    expect(platform.methods().filter((m) => m === 'resume-consumer')).toHaveLength(2);
    expect(remote.live().map((t) => [t.producerId, t.source])).toEqual([
      ['p-cam', 'camera'],
      ['p-mic', 'microphone'],
    ]);
    expect(changes()).toBe(2);
  });

  it('drops a track whose producer closed, and consumes it again if it comes back', async () => {
    const { remote, changes, consumes } = await setup();
    await remote.consume('p-cam', 'camera');
    const consumer = remote.live()[0]!.consumer;
    remote.producerClosed('p-cam');
    expect(consumer.closed).toBe(true);
    expect(remote.live()).toEqual([]);
    expect(changes()).toBe(2);
    // An unknown producer changes nothing.
    remote.producerClosed('p-other');
    expect(changes()).toBe(2);
    await remote.consume('p-cam', 'camera');
    expect(consumes()).toHaveLength(2);
    expect(remote.live()).toHaveLength(1);
  });

  it('consumes nothing more once closed, and closes a consumer that was still negotiating', async () => {
    const { remote, changes, consumes } = await setup();
    const pending = remote.consume('p-cam', 'camera');
    await Promise.resolve();
    expect(consumes()).toHaveLength(1);
    // Still waiting its turn behind the camera when the close comes: never asked for.
    const waiting = remote.consume('p-mic', 'microphone');
    remote.close();
    await pending;
    await waiting;
    await remote.consume('p-other', 'camera');
    expect(consumes()).toHaveLength(1);
    expect(remote.live()).toEqual([]);
    expect(changes()).toBe(0);
  });

  it('consumes one producer after another, in the order announced: the camera is resumed before the microphone is asked for', async () => {
    const { remote, platform } = await setup();
    await Promise.all([remote.consume('p-cam', 'camera'), remote.consume('p-mic', 'microphone')]);
    expect(platform.methods().filter((m) => m === 'consume' || m === 'resume-consumer')).toEqual([
      'consume',
      'resume-consumer',
      'consume',
      'resume-consumer',
    ]);
    expect(remote.live().map((t) => t.source)).toEqual(['camera', 'microphone']);
  });
});

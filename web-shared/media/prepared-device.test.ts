import { Device, FakeHandler } from 'mediasoup-client';
import * as fakeParameters from 'mediasoup-client/fakeParameters';
import { describe, expect, it } from 'vitest';
import { fakeMediaAnswers } from './testing/fake-media-signaling';
import type { MediaSignaling } from './media-transport';
import { PreparedDevice } from './prepared-device';

/** The platform's capabilities answer, refused the first `refusals` times. */
function platform(refusals = 0) {
  const answers = fakeMediaAnswers();
  let asked = 0;
  const signaling = {
    request: async (method: string) => {
      if (method === 'get-router-capabilities' && ++asked <= refusals) throw new Error('not-found');
      return answers[method]!();
    },
  } as unknown as MediaSignaling;
  return { signaling, asked: () => asked };
}

const fakeDevice = () => new Device({ handlerFactory: FakeHandler.createFactory(fakeParameters) });

describe('PreparedDevice', () => {
  it('loads once: callers during the load and after it get the same loaded Device', async () => {
    const p = platform();
    const prepared = new PreparedDevice(fakeDevice);
    const [a, b] = await Promise.all([prepared.prepare(p.signaling), prepared.prepare(p.signaling)]);
    const c = await prepared.prepare(p.signaling);
    expect(a).toBe(b);
    expect(c).toBe(a);
    expect(a.loaded).toBe(true);
    expect(p.asked()).toBe(1);
  });

  it('forgets a refused load: the next prepare asks again', async () => {
    const p = platform(1);
    const prepared = new PreparedDevice(fakeDevice);
    await expect(prepared.prepare(p.signaling)).rejects.toThrow('not-found');
    expect((await prepared.prepare(p.signaling)).loaded).toBe(true);
    expect(p.asked()).toBe(2);
  });

  it('rejects when the browser cannot make a Device', async () => {
    const prepared = new PreparedDevice(() => {
      throw new Error('no WebRTC');
    });
    await expect(prepared.prepare(platform().signaling)).rejects.toThrow('no WebRTC');
  });
});

import { describe, expect, it } from 'vitest';
import { TEST_INFO } from './testing/kiosk-info';
import { sampleDeviceStatus } from '../records/testing/samples';
import { buildKioskApi, type KioskTransport } from './build-api';
import { EVENT_NAMES, INVOKE_NAMES, kioskContract } from './contract';

function fakeTransport(answer: unknown) {
  const calls: Array<[string, unknown]> = [];
  const listeners = new Map<string, (p: unknown) => void>();
  const transport: KioskTransport = {
    invoke: async (channel, request) => {
      calls.push([channel, request]);
      return answer;
    },
    subscribe: (channel, listener) => {
      listeners.set(channel, listener);
      return () => listeners.delete(channel);
    },
  };
  return { transport, calls, listeners };
}

describe('buildKioskApi', () => {
  it('has exactly one method per contract entry and no generic send', () => {
    const api = buildKioskApi(fakeTransport(TEST_INFO).transport);
    expect(Object.keys(api).sort()).toEqual([...INVOKE_NAMES, ...EVENT_NAMES].sort());
    expect(api).not.toHaveProperty('send');
    expect(api).not.toHaveProperty('invoke');
  });

  it('sends on the contract channel and validates the answer', async () => {
    const { transport, calls } = fakeTransport(TEST_INFO);
    const api = buildKioskApi(transport);
    await expect(api.getInfo({})).resolves.toEqual(TEST_INFO);
    expect(calls).toEqual([[kioskContract.invoke.getInfo.channel, {}]]);
  });

  it('rejects an answer that does not match the contract', async () => {
    const api = buildKioskApi(fakeTransport({ kioskId: 3 }).transport);
    await expect(api.getInfo({})).rejects.toThrow();
  });

  it('delivers valid events and drops malformed ones with a logged reason', () => {
    const { transport, listeners } = fakeTransport(null);
    const api = buildKioskApi(transport);
    const received: unknown[] = [];
    const unsubscribe = api.onDeviceStatusChanged((s) => received.push(s));
    const emit = listeners.get('device:status-changed')!;
    const status = sampleDeviceStatus();
    emit(status);
    const original = console.error;
    let logged = '';
    console.error = (m: string) => {
      logged = m;
    };
    emit({ deviceId: 'x' });
    console.error = original;
    expect(received).toEqual([status]);
    expect(logged).toMatch(/dropped malformed device:status-changed/);
    unsubscribe();
    expect(listeners.has('device:status-changed')).toBe(false);
  });
});

import { describe, expect, it } from 'vitest';
import type { DeviceStatus } from '../../common/devices/device-status';
import type { Logger } from '../../common/util/logger';
import { ManualClock } from '../../common/util/testing/manual-clock';
import { UsbAudioInput } from './usb-audio-input';

const quiet: Logger = { debug: () => undefined, info: () => undefined, warn: () => undefined, error: () => undefined };
const flush = () => new Promise<void>((resolve) => setImmediate(resolve));

function input(plugged: { now: boolean }) {
  const clock = new ManualClock();
  const seen: Pick<DeviceStatus, 'state' | 'reason'>[] = [];
  const device = new UsbAudioInput(
    'stethoscope-1',
    'usb-audio-stethoscope',
    { name: 'USB 0d8c:0014', present: async () => plugged.now },
    { clock, logger: quiet },
  );
  device.on('statusChanged', (s) => seen.push(s));
  return { clock, seen, device };
}

describe('a USB audio input (the stethoscope) as a device', () => {
  it('is connected while its USB ids are attached and says when it is unplugged', async () => {
    const plugged = { now: true };
    const { clock, seen, device } = input(plugged);
    await device.open();
    expect(seen.at(-1)).toEqual({ state: 'connected', reason: null });
    clock.advance(2_000);
    await flush();
    expect(seen.at(-1)?.state).toBe('connected');
    plugged.now = false;
    clock.advance(2_000);
    await flush();
    expect(seen.at(-1)).toEqual({
      state: 'disconnected',
      reason: { code: 'device-unplugged', detail: 'USB 0d8c:0014 went away' },
    });
    // Gone: no more polling (the manager reopens it with backoff).
    expect(clock.pendingDelays()).toEqual([]);
    await device.close();
  });

  it('is disconnected, naming the ids it looked for, when absent from the start', async () => {
    const { clock, seen, device } = input({ now: false });
    await device.open();
    expect(seen).toEqual([
      { state: 'disconnected', reason: { code: 'usb-absent', detail: 'USB 0d8c:0014 is not attached' } },
    ]);
    expect(clock.pendingDelays()).toEqual([]);
  });

  it('stops looking once closed', async () => {
    const { clock, device } = input({ now: true });
    await device.open();
    await device.close();
    expect(clock.pendingDelays()).toEqual([]);
  });
});

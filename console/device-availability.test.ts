import { describe, expect, it } from 'vitest';
import { availability, isUnavailable } from './device-availability';
import { device } from './vitals-fixtures';

describe('device availability', () => {
  it('calls a connected device with no recorded calibration ready, not unavailable', () => {
    const a = availability(device({ calibration: 'unknown' }), true);
    expect(a).toEqual({ status: 'ready' });
    expect(isUnavailable(a)).toBe(false);
  });

  it('puts a device out of service only when its calibration expired or failed', () => {
    for (const calibration of ['expired', 'failed'] as const) {
      const a = availability(device({ calibration }), true);
      expect(a).toEqual({ status: 'out-of-service', calibration });
      expect(isUnavailable(a)).toBe(true);
    }
  });

  it('marks unplugged or broken devices and missing ones unavailable, but not one still connecting', () => {
    expect(availability(device({ state: 'disconnected' }), false)).toEqual({
      status: 'not-connected',
      state: 'disconnected',
    });
    expect(isUnavailable(availability(device({ state: 'error' }), false))).toBe(true);
    expect(isUnavailable(availability(undefined, false))).toBe(true);
    expect(isUnavailable(availability(device({ state: 'connecting' }), false))).toBe(false);
  });

  it('says the status is unknown, not unavailable, when readings come from a device the kiosk did not report', () => {
    const a = availability(undefined, true);
    expect(a).toEqual({ status: 'unreported' });
    expect(isUnavailable(a)).toBe(false);
  });
});

import { describe, expect, it } from 'vitest';
import { maintenanceClock } from './maintenance-clock';

describe('the maintenance clock', () => {
  it('runs ahead by the offset only on an all-simulated kiosk', () => {
    const env = { KIOSK_SIMULATED_CLOCK_OFFSET_DAYS: '400' };
    const ahead = maintenanceClock(env, true).now() - Date.now();
    expect(ahead).toBeGreaterThan(400 * 86_400_000 - 1000);
    expect(ahead).toBeLessThan(400 * 86_400_000 + 1000);
    expect(Math.abs(maintenanceClock(env, false).now() - Date.now())).toBeLessThan(1000);
    expect(Math.abs(maintenanceClock({}, true).now() - Date.now())).toBeLessThan(1000);
  });

  it('refuses an offset that is not a whole number of days', () => {
    expect(() => maintenanceClock({ KIOSK_SIMULATED_CLOCK_OFFSET_DAYS: 'a year' }, true)).toThrow(/whole number/);
  });
});

import { describe, expect, it } from 'vitest';
import { failureReason, SpotCheck, type SpotCheckOptions } from './spot-check';

const options: SpotCheckOptions = {
  holdMs: 1000,
  spo2Tolerance: 2,
  pulseTolerance: 5,
  failAfterMs: 3000,
  timeoutMs: 10_000,
};

describe('SpotCheck', () => {
  it('is stable once SpO2 and pulse hold within tolerance for holdMs, with the window means', () => {
    const check = new SpotCheck(options, 0);
    expect(check.sample(0, 97, 72, 2.1, [])).toEqual({ type: 'progress', progress: 0 });
    expect(check.sample(500, 98, 74, 2.2, [])).toEqual({ type: 'progress', progress: 0.5 });
    expect(check.sample(1000, 97, 73, null, ['low-perfusion'])).toEqual({
      type: 'stable',
      spo2: 97,
      pulseRate: 73,
      perfusionIndex: 2.2,
      flags: ['low-perfusion'],
    });
  });

  it('restarts the window when a value leaves the band', () => {
    const check = new SpotCheck(options, 0);
    check.sample(0, 97, 72, null, []);
    check.sample(800, 97, 72, null, []);
    expect(check.sample(900, 93, 72, null, [])).toEqual({ type: 'progress', progress: 0 });
    expect(check.sample(1500, 94, 72, null, []).type).toBe('progress');
    expect(check.sample(1900, 94, 72, null, [])).toMatchObject({ type: 'stable', spo2: 94 });
  });

  it('restarts on an unusable flag and fails with it when it lasts', () => {
    const check = new SpotCheck(options, 0);
    check.sample(0, 97, 72, null, []);
    expect(check.sample(900, null, null, null, ['finger-out'])).toEqual({ type: 'progress', progress: 0 });
    expect(check.sample(2000, null, null, null, ['finger-out']).type).toBe('progress');
    expect(check.sample(3900, null, null, null, ['finger-out', 'searching'])).toEqual({
      type: 'failed',
      code: 'finger-out',
    });
  });

  it('times out with the last reason, or "timeout"', () => {
    const noisy = new SpotCheck(options, 0);
    for (let t = 0; t < 10_000; t += 400) noisy.sample(t, t % 800 === 0 ? 90 : 99, 70, null, []);
    expect(noisy.sample(10_000, 90, 70, null, [])).toEqual({ type: 'failed', code: 'timeout' });
    const silent = new SpotCheck(options, 0);
    expect(silent.idle(9_999)).toBeNull();
    expect(silent.idle(10_000)).toEqual({ type: 'failed', code: 'timeout' });
  });

  it('ranks failure reasons most specific first', () => {
    expect(failureReason(['searching', 'probe-error'])).toBe('probe-error');
    expect(failureReason(['low-perfusion'])).toBe('low-perfusion');
    expect(failureReason(['low-battery'])).toBeNull();
  });
});

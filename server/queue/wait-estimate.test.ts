import { describe, expect, it } from 'vitest';
import { DEFAULT_CONSULTATION_MINUTES, estimateWaitMinutes, typicalConsultationMinutes } from './wait-estimate';

const TEN_MIN = [600, 600, 600];

describe('estimateWaitMinutes', () => {
  it('is 0 when a free doctor can take the patient now', () => {
    expect(
      estimateWaitMinutes({ position: 1, doctorsOnline: 1, busyElapsedSeconds: [], recentDurationsSeconds: [] }),
    ).toBe(0);
    expect(
      estimateWaitMinutes({ position: 2, doctorsOnline: 3, busyElapsedSeconds: [60], recentDurationsSeconds: [] }),
    ).toBe(0);
  });

  it('counts what is left of the calls under way', () => {
    // One doctor, 4 minutes into a typical 10-minute call: about 6 minutes.
    expect(
      estimateWaitMinutes({
        position: 1,
        doctorsOnline: 1,
        busyElapsedSeconds: [240],
        recentDurationsSeconds: TEN_MIN,
      }),
    ).toBe(6);
    // The call overran: still a minute (a tenth of a typical call), never zero.
    expect(
      estimateWaitMinutes({
        position: 1,
        doctorsOnline: 1,
        busyElapsedSeconds: [3000],
        recentDurationsSeconds: TEN_MIN,
      }),
    ).toBe(1);
    // Before any history, the default length is assumed.
    expect(
      estimateWaitMinutes({ position: 1, doctorsOnline: 1, busyElapsedSeconds: [0], recentDurationsSeconds: [] }),
    ).toBe(DEFAULT_CONSULTATION_MINUTES);
  });

  it('grows with the position and shrinks with more doctors', () => {
    const one = estimateWaitMinutes({
      position: 4,
      doctorsOnline: 1,
      busyElapsedSeconds: [300],
      recentDurationsSeconds: TEN_MIN,
    });
    const two = estimateWaitMinutes({
      position: 4,
      doctorsOnline: 2,
      busyElapsedSeconds: [300, 300],
      recentDurationsSeconds: TEN_MIN,
    });
    expect(one).toBe(35); // 5 left + 3 × 10
    expect(two).toBe(15); // turns at 5, 5, 15, 15
    // A free doctor and a busy one: the second patient waits for whichever frees first.
    expect(
      estimateWaitMinutes({
        position: 2,
        doctorsOnline: 2,
        busyElapsedSeconds: [480],
        recentDurationsSeconds: TEN_MIN,
      }),
    ).toBe(2);
  });

  it('follows the median of recent consultations, not one outlier', () => {
    const recent = [300, 300, 300, 300, 7200];
    expect(typicalConsultationMinutes(recent)).toBe(5);
    expect(
      estimateWaitMinutes({ position: 2, doctorsOnline: 1, busyElapsedSeconds: [0], recentDurationsSeconds: recent }),
    ).toBe(10);
  });

  it('only looks at the last 20 consultations and ignores nonsense durations', () => {
    const old = Array<number>(50).fill(3600);
    const recent = Array<number>(20).fill(240);
    expect(typicalConsultationMinutes([...old, ...recent])).toBe(4);
    expect(typicalConsultationMinutes([Number.NaN, -5, 0])).toBe(DEFAULT_CONSULTATION_MINUTES);
  });

  it('still gives a number with no doctor online (assumes one will sign in)', () => {
    expect(
      estimateWaitMinutes({ position: 1, doctorsOnline: 0, busyElapsedSeconds: [], recentDurationsSeconds: [600] }),
    ).toBe(5);
    expect(
      estimateWaitMinutes({ position: 2, doctorsOnline: 0, busyElapsedSeconds: [], recentDurationsSeconds: [600] }),
    ).toBe(15);
  });
});

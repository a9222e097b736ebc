import { describe, expect, it } from 'vitest';
import type { DoctorScope } from '../../common/routing/doctor-scope';
import type { Specialty } from '../../common/flow/care-pathway';
import {
  DEFAULT_CONSULTATION_MINUTES,
  DEFAULT_PICKUP_MINUTES,
  estimateWaits,
  typicalSeconds,
  type DoctorOnDuty,
  type WaitHistory,
  type WaitingPatient,
} from './wait-estimate';

/** Ten-minute consultations, one-minute pick-ups. */
const MEASURED: WaitHistory = { recentDurationsSeconds: [600, 600, 600], recentPickupSeconds: [60, 60, 60] };
const NO_HISTORY: WaitHistory = { recentDurationsSeconds: [], recentPickupSeconds: [] };
const GP_75: DoctorScope = { specialties: ['general-practice'], territories: ['75'] };
const PAEDIATRICS_75: DoctorScope = { specialties: ['paediatrics'], territories: ['75'] };

const patients = (n: number, specialty: Specialty = 'general-practice', territory = '75', from = 1): WaitingPatient[] =>
  Array.from({ length: n }, (_, i) => ({ id: `${specialty}-${territory}-${from + i}`, specialty, territory }));
const free = (id: string, scope: DoctorScope | null = GP_75): DoctorOnDuty => ({ id, scope, busyElapsedSeconds: null });
const busy = (id: string, elapsed: number, scope: DoctorScope = GP_75): DoctorOnDuty => ({
  id,
  scope,
  busyElapsedSeconds: elapsed,
});
const minutes = (waits: Map<string, unknown>) =>
  [...waits.values()].map((w) =>
    (w as { kind: string }).kind === 'estimate' ? (w as { minutes: number }).minutes : w,
  );

describe('estimateWaits', () => {
  it('gives no number when no doctor on duty can take the patient', () => {
    expect(minutes(estimateWaits(patients(2), [], MEASURED))).toEqual([{ kind: 'no-doctor' }, { kind: 'no-doctor' }]);
    // Doctors on duty, but not for this specialty or this territory, or without a scope at all.
    const others = [free('ped', PAEDIATRICS_75), free('far', { ...GP_75, territories: ['13'] }), free('x', null)];
    expect(minutes(estimateWaits(patients(1), others, MEASURED))).toEqual([{ kind: 'no-doctor' }]);
  });

  it('never says 0 minutes: a free doctor on duty still takes the pick-up time to accept', () => {
    expect([...estimateWaits(patients(1), [free('d')], MEASURED).values()]).toEqual([
      { kind: 'estimate', minutes: 1, doctorsOnDuty: 1 },
    ]);
    // Before any accept was measured, the assumed pick-up.
    expect(minutes(estimateWaits(patients(1), [free('d')], NO_HISTORY))).toEqual([DEFAULT_PICKUP_MINUTES]);
  });

  it('counts what is left of the calls under way', () => {
    // 4 minutes into a 10-minute call: 6 left, then 1 to pick up.
    expect(minutes(estimateWaits(patients(1), [busy('d', 240)], MEASURED))).toEqual([7]);
    // The call overran: a tenth of a typical call (1 min) plus the pick-up, never zero.
    expect(minutes(estimateWaits(patients(1), [busy('d', 3000)], MEASURED))).toEqual([2]);
    // Before any history, the default length is assumed.
    expect(minutes(estimateWaits(patients(1), [busy('d', 0)], NO_HISTORY))).toEqual([
      DEFAULT_CONSULTATION_MINUTES + DEFAULT_PICKUP_MINUTES,
    ]);
  });

  it('grows down the queue and shrinks with more doctors on duty', () => {
    // One doctor 5 minutes in: turns start at 6, 17, 28, 39.
    expect(minutes(estimateWaits(patients(4), [busy('a', 300)], MEASURED))).toEqual([6, 17, 28, 39]);
    // Two such doctors: 6, 6, 17, 17.
    expect(minutes(estimateWaits(patients(4), [busy('a', 300), busy('b', 300)], MEASURED))).toEqual([6, 6, 17, 17]);
    // A free doctor and one 8 minutes into a call: the second patient waits for the one who frees first.
    expect(minutes(estimateWaits(patients(2), [free('a'), busy('b', 480)], MEASURED))).toEqual([1, 3]);
  });

  it('keeps queues apart: a paediatric request waits for paediatricians, whatever the GPs are doing', () => {
    const queue = [...patients(1, 'paediatrics'), ...patients(3, 'general-practice', '75', 2)];
    const waits = estimateWaits(queue, [free('gp'), busy('ped', 60, PAEDIATRICS_75)], MEASURED);
    expect(waits.get('paediatrics-75-1')).toEqual({ kind: 'estimate', minutes: 10, doctorsOnDuty: 1 });
    expect(minutes(estimateWaits(patients(3, 'general-practice', '75', 2), [free('gp')], MEASURED))).toEqual([
      1, 12, 23,
    ]);
    expect([...waits.values()].slice(1)).toEqual(
      [1, 12, 23].map((m) => ({ kind: 'estimate', minutes: m, doctorsOnDuty: 1 })),
    );
  });

  it('shares a doctor of two queues between them in the order patients joined', () => {
    const both: DoctorScope = { specialties: ['general-practice', 'paediatrics'], territories: ['75'] };
    // A child joined first, then an adult: the one doctor takes the child, then the adult.
    const queue = [...patients(1, 'paediatrics'), ...patients(1, 'general-practice')];
    expect(minutes(estimateWaits(queue, [free('both', both)], MEASURED))).toEqual([1, 12]);
    // A patient nobody on duty can take takes no doctor's time from those behind.
    const withOrphan = [...patients(1, 'dermatology'), ...patients(1, 'general-practice')];
    expect(minutes(estimateWaits(withOrphan, [free('gp')], MEASURED))).toEqual([{ kind: 'no-doctor' }, 1]);
  });

  it('counts in doctorsOnDuty only the doctors who can take that patient', () => {
    const doctors = [free('gp1'), free('gp2'), free('ped', PAEDIATRICS_75)];
    const waits = estimateWaits([...patients(1), ...patients(1, 'paediatrics')], doctors, MEASURED);
    expect([...waits.values()].map((w) => (w.kind === 'estimate' ? w.doctorsOnDuty : 0))).toEqual([2, 1]);
  });
});

describe('typicalSeconds', () => {
  it('follows the median of recent samples, not one outlier', () => {
    expect(typicalSeconds([300, 300, 300, 300, 7200], 600)).toBe(300);
    expect(
      minutes(estimateWaits(patients(2), [busy('d', 0)], { ...MEASURED, recentDurationsSeconds: [300, 7200, 300] })),
    ).toEqual([6, 12]);
  });

  it('only looks at the last 20 samples, ignores nonsense, and falls back to the default', () => {
    const old = Array<number>(50).fill(3600);
    const recent = Array<number>(20).fill(240);
    expect(typicalSeconds([...old, ...recent], 600)).toBe(240);
    expect(typicalSeconds([Number.NaN, -5, 0], 600)).toBe(600);
    expect(typicalSeconds([], 120)).toBe(120);
  });
});

import { describe, expect, it } from 'vitest';
import { ManualClock } from '../../common/util/testing/manual-clock';
import { HygieneTracker } from './hygiene-report';

/** The flow's side the tracker reads, driven by hand (the real flow's transitions are tested in main/flow). */
function fakeFlow() {
  let due = false;
  const changed = new Set<() => void>();
  const closed = new Set<() => void>();
  return {
    flow: {
      hygieneDue: () => due,
      onChange: (l: () => void) => changed.add(l),
      onSessionClosed: (l: () => void) => closed.add(l),
    },
    setDue(value: boolean) {
      due = value;
      changed.forEach((l) => l());
    },
    closeSession: () => closed.forEach((l) => l()),
  };
}

describe('HygieneTracker', () => {
  it('says whether the checklist was done after the last patient, and when, and beats on each change', () => {
    const clock = new ManualClock(Date.parse('2026-12-05T09:00:00Z'));
    const f = fakeFlow();
    let beats = 0;
    const tracker = new HygieneTracker(f.flow, () => beats++, clock);
    expect(tracker.report()).toEqual({ due: false, confirmedAt: null, lastSessionEndedAt: null });
    f.setDue(true); // a patient's session opened
    clock.advance(600_000);
    f.closeSession();
    expect(tracker.report()).toEqual({ due: true, confirmedAt: null, lastSessionEndedAt: '2026-12-05T09:10:00.000Z' });
    clock.advance(120_000);
    f.setDue(false);
    f.setDue(false); // another view change: nothing new
    expect(tracker.report()).toEqual({
      due: false,
      confirmedAt: '2026-12-05T09:12:00.000Z',
      lastSessionEndedAt: '2026-12-05T09:10:00.000Z',
    });
    expect(beats).toBe(2);
  });

  it('starts from the last confirmation the audit log held before a restart', () => {
    const tracker = new HygieneTracker(fakeFlow().flow, () => {}, new ManualClock(), '2026-12-04T18:00:00.000Z');
    expect(tracker.report()).toEqual({ due: false, confirmedAt: '2026-12-04T18:00:00.000Z', lastSessionEndedAt: null });
  });
});

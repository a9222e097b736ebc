import { describe, expect, it } from 'vitest';
import type { DoctorEvent, KioskEvent } from '../../common/signaling/messages';
import { ManualClock } from '../../common/util/testing/manual-clock';
import { estimateWaits } from '../queue/wait-estimate';
import { routedOf } from './booked-entry';
import { newConsultation, type Consultation } from './consultation';
import { ConsultationBook } from './consultation-book';
import { QueueBoard } from './queue-board';

const link = <E>(id: string) => ({ id, send: (_: E) => {} });
const TERRITORIES = ['75', '92', '93'];
const SPECIALTIES = ['general-practice', 'paediatrics'] as const;

function consultation(i: number, joinedAt: number): Consultation {
  return newConsultation({
    kioskId: `kiosk-${i}`,
    sessionId: `s${i}`,
    queueEntry: { ageYears: 30, specialty: SPECIALTIES[i % 2]!, territory: TERRITORIES[i % 3]!, reason: 'x' },
    identity: null,
    devices: [],
    kiosk: link<KioskEvent>(`k${i}`),
    joinedAt,
  });
}

/** The board with doctors of overlapping scopes, so that queues share doctors. */
function board() {
  const clock = new ManualClock();
  const book = new ConsultationBook();
  const qb = new QueueBoard(book, clock);
  [0, 1, 2].forEach((d) => {
    const scope = scopeOf(d);
    const doctor = { id: `d${d}`, name: `Dr ${d}`, rpps: String(10_000_000_000 + d) };
    qb.doctorOnline(link<DoctorEvent>(`c${d}`), { doctor, scope, token: `t${d}`, onDuty: true });
  });
  return { clock, book, qb };
}

describe('the queue snapshot (joins extend it, one patient each)', () => {
  it('gives every patient joining in one turn the place and wait a whole recomputation gives', () => {
    const { clock, book, qb } = board();
    const answered = new Map<string, unknown>();
    for (let i = 0; i < 60; i++) {
      const c = consultation(i, clock.now() + i);
      book.add(c);
      answered.set(c.id, qb.waitToAnswer(c));
    }
    const waiting = book.waiting();
    const doctors = ['d0', 'd1', 'd2'].map((id, d) => ({ id, scope: scopeOf(d), busyElapsedSeconds: null }));
    const whole = estimateWaits(
      waiting.map((c) => ({ id: c.id, ...routedOf(c) })),
      doctors,
      { recentDurationsSeconds: [], recentPickupSeconds: [] },
    );
    for (const c of waiting) {
      const position =
        waiting
          .filter(
            (o) =>
              o.queueEntry.specialty === c.queueEntry.specialty && o.queueEntry.territory === c.queueEntry.territory,
          )
          .indexOf(c) + 1;
      expect(answered.get(c.id)).toEqual({ position, wait: whole.get(c.id) });
    }
  });

  it('is rebuilt when the board changes in the same turn: a doctor going off duty changes the waits', () => {
    const { clock, book, qb } = board();
    const c = consultation(1, clock.now()); // paediatrics in 92: only d1 takes it
    book.add(c);
    expect(qb.waitFor(c).wait).toMatchObject({ kind: 'estimate', doctorsOnDuty: 1 });
    qb.setOnDuty('t1', false);
    expect(qb.waitFor(c).wait).toEqual({ kind: 'no-doctor' });
  });

  it('is rebuilt when the clock moved, and for a patient who joined earlier than those it holds', () => {
    const { clock, book, qb } = board();
    const late = consultation(0, clock.now() + 10);
    book.add(late);
    expect(qb.waitFor(late).position).toBe(1);
    const early = consultation(6, clock.now()); // same queue (general practice, 75), joined before
    book.add(early);
    expect(qb.waitFor(early).position).toBe(1);
    expect(qb.waitFor(late).position).toBe(2);
    clock.advance(60_000);
    expect(qb.waitFor(late).position).toBe(2);
  });
});

function scopeOf(d: number) {
  return [
    { specialties: ['general-practice' as const], territories: ['75', '92'] },
    { specialties: ['general-practice' as const, 'paediatrics' as const], territories: ['92', '93'] },
    { specialties: ['paediatrics' as const], territories: ['75'] },
  ][d]!;
}

import { describe, expect, it } from 'vitest';
import type { DoctorEvent, KioskEvent } from '../../common/signaling/messages';
import { temperature, noteOf } from '../../common/records/testing/samples';
import { ManualClock } from '../../common/util/testing/manual-clock';
import { ConnectionGrace } from './connection-grace';
import { consultationReport, newConsultation, type Consultation } from './consultation';
import { ConsultationBook } from './consultation-book';
import { forwardRoomNotice, keepVitalsResult } from './consultation-rooms';
import { QueueBoard } from './queue-board';

function link<E>(id: string) {
  const events: E[] = [];
  return { id, events, send: (e: E) => void events.push(e) };
}

const doctor = { id: 'd1', name: 'Dr A', rpps: '10000000001' };
const entry = { ageYears: 30, specialty: 'general-practice' as const, territory: '75', reason: 'Toux' };
const presence = (who = doctor, token = 'tok-1') => ({
  doctor: who,
  scope: { specialties: ['general-practice' as const], territories: ['75'] },
  token,
  onDuty: true,
});

function consultation(sessionId: string, joinedAt: number, kiosk = link<KioskEvent>(sessionId)): Consultation {
  return newConsultation({
    kioskId: 'kiosk-a',
    sessionId,
    queueEntry: entry,
    identity: null,
    devices: [],
    kiosk,
    joinedAt,
  });
}

function inCall(c: Consultation, acceptedAt: number, doctorLink = link<DoctorEvent>('d')) {
  c.state = 'in-call';
  c.doctor = doctor;
  c.doctorLink = doctorLink;
  c.acceptedAt = acceptedAt;
  return doctorLink;
}

describe('ConsultationBook', () => {
  it('lists the waiting first come first, and remembers an ended session unless told to forget it', () => {
    const book = new ConsultationBook();
    const late = consultation('s2', 2_000);
    const early = consultation('s1', 1_000);
    book.add(late);
    book.add(early);
    expect(book.waiting()).toEqual([early, late]);
    book.remove(early, false);
    expect(book.forSession('s1')).toBe('ended');
    book.remove(late, true);
    expect(book.forSession('s2')).toBeUndefined();
  });

  it('refuses a doctor the consultation of another, and a kiosk socket that never joined', () => {
    const book = new ConsultationBook();
    const c = consultation('s1', 0);
    book.add(c);
    expect(() => book.ownedBy(doctor, c.id)).toThrow(expect.objectContaining({ code: 'not-found' }));
    inCall(c, 10);
    expect(book.ownedBy(doctor, c.id)).toBe(c);
    expect(() => book.ownedBy({ ...doctor, id: 'd2' }, c.id)).toThrow(expect.objectContaining({ code: 'forbidden' }));
    expect(() => book.requireKiosk(link<KioskEvent>('stranger'))).toThrow(
      expect.objectContaining({ code: 'conflict' }),
    );
    expect(book.activeFor(doctor.id)).toBe(c);
  });
});

describe('QueueBoard', () => {
  it('counts a doctor with two consoles once and pushes a kiosk only the changes of its wait', () => {
    const clock = new ManualClock();
    const book = new ConsultationBook();
    const board = new QueueBoard(book, clock);
    const kiosk = link<KioskEvent>('k');
    const c = consultation('s1', clock.now(), kiosk);
    book.add(c);
    board.doctorOnline(link<DoctorEvent>('console-1'), presence());
    board.doctorOnline(link<DoctorEvent>('console-2'), presence());
    expect(board.doctorsOnline()).toBe(1);
    expect(board.doctorsOnDuty()).toBe(1);
    expect(board.waitToAnswer(c)).toMatchObject({ position: 1, wait: { doctorsOnDuty: 1 } });
    board.publish();
    expect(kiosk.events).toEqual([]);
    board.doctorOnline(link<DoctorEvent>('console-3'), presence({ ...doctor, id: 'd2' }, 'tok-2'));
    board.publish();
    board.publish();
    expect(kiosk.events).toEqual([
      expect.objectContaining({ type: 'queue-updated', wait: { kind: 'estimate', minutes: 2, doctorsOnDuty: 2 } }),
    ]);
  });

  it("lists each patient's age and sex (from the NIR, never the name) and their kiosk's pharmacy and town", () => {
    const clock = new ManualClock();
    const book = new ConsultationBook();
    const places = new Map([['kiosk-a', { pharmacy: 'Pharmacie du Marché', town: 'Lyon' }]]);
    const board = new QueueBoard(book, clock, undefined, undefined, (k) => places.get(k) ?? null);
    const identity = { nir: '285037512345678', lastName: 'DUPONT', firstName: 'Marie', birthDate: '1985-03-01' };
    const fields = { queueEntry: entry, devices: [], kiosk: link<KioskEvent>('k'), joinedAt: 0 };
    book.add(
      newConsultation({ ...fields, kioskId: 'kiosk-a', sessionId: 's1', identity: { ...identity, source: 'card' } }),
    );
    book.add(newConsultation({ ...fields, kioskId: 'kiosk-b', sessionId: 's2', identity: null, joinedAt: 1 }));
    const [first, second] = board.items();
    expect(first).toMatchObject({ sex: 'F', pharmacy: 'Pharmacie du Marché', town: 'Lyon' });
    expect(JSON.stringify(first)).not.toContain('DUPONT');
    expect(second).toMatchObject({ sex: null, pharmacy: null, town: null });
  });

  it('puts every console of a session on or off duty, and counts only doctors on duty', () => {
    const clock = new ManualClock();
    const book = new ConsultationBook();
    const board = new QueueBoard(book, clock);
    const c = consultation('s1', clock.now());
    book.add(c);
    board.doctorOnline(link<DoctorEvent>('console-1'), { ...presence(), onDuty: false });
    board.doctorOnline(link<DoctorEvent>('console-2'), { ...presence(), onDuty: false });
    expect(board.doctorsOnline()).toBe(1);
    expect(board.doctorsOnDuty()).toBe(0);
    expect(board.waitFor(c).wait).toEqual({ kind: 'no-doctor' });
    board.setOnDuty('tok-1', true);
    expect(board.doctorsOnDuty()).toBe(1);
    expect(board.waitFor(c).wait).toMatchObject({ kind: 'estimate' });
    // Another session's change leaves this one alone.
    board.setOnDuty('tok-other', false);
    expect(board.doctorsOnDuty()).toBe(1);
  });
});

describe('ConnectionGrace', () => {
  it('runs the expiry once after the grace period unless cancelled', () => {
    const clock = new ManualClock();
    const grace = new ConnectionGrace(clock, { kiosk: 1_000, doctor: 5_000 });
    const c = consultation('s1', 0);
    let expired = 0;
    grace.start(c, 'kiosk', () => expired++);
    clock.advance(999);
    expect(expired).toBe(0);
    clock.advance(1);
    expect(expired).toBe(1);
    expect(c.kioskGrace).toBeNull();
    grace.start(c, 'doctor', () => expired++);
    grace.cancelBoth(c);
    clock.advance(10_000);
    expect(expired).toBe(1);
    expect(clock.pendingDelays()).toEqual([]);
  });
});

describe('the consultation room’s messages', () => {
  it('keeps each measurement once, relays results to the doctor, and drops live samples', () => {
    const c = consultation('s1', 0);
    const doctorLink = inCall(c, 0);
    const measurement = { ...temperature(), id: '0b7d4a4e-6a8f-4a53-9b0e-6f2b8f9d1c11' };
    const text = JSON.stringify({ type: 'measurement', sentAt: 1, seq: 0, measurement });
    // True for a new reading of record only: the one the queue's journal must write at once.
    expect(keepVitalsResult(c, text)).toBe(true);
    expect(keepVitalsResult(c, text)).toBe(false);
    const reading = { deviceId: 'ox-1', kind: 'oximetry', at: 2, spo2: 97, flags: [], progress: null };
    expect(keepVitalsResult(c, JSON.stringify({ type: 'live', sentAt: 2, seq: 1, reading }))).toBe(false);
    expect(keepVitalsResult(c, 'not json')).toBe(false);
    expect(c.measurements).toEqual([measurement]);
    expect(doctorLink.events).toHaveLength(2);
    expect(doctorLink.events[0]).toMatchObject({ type: 'kiosk-result', consultationId: c.id });
  });

  it('forwards a producer notice to the side it is addressed to', () => {
    const c = consultation('s1', 0);
    const doctorLink = inCall(c, 0);
    forwardRoomNotice(c, { type: 'producer-closed', to: 'doctor', producerId: 'p1' });
    expect(doctorLink.events).toEqual([{ type: 'producer-closed', consultationId: c.id, producerId: 'p1' }]);
    expect(c.kiosk).not.toBeNull();
    expect((c.kiosk as ReturnType<typeof link<KioskEvent>>).events).toEqual([]);
  });
});

describe('consultationReport', () => {
  it('reports only a consultation a doctor took, with its length', () => {
    const c = consultation('s1', 0);
    expect(consultationReport(c, 5_000, null)).toBeNull();
    inCall(c, 1_000);
    c.note = noteOf('Repos');
    expect(consultationReport(c, 61_000, null)).toMatchObject({
      consultationId: c.id,
      durationSeconds: 60,
      note: noteOf('Repos'),
      doctor,
      prescription: null,
    });
  });
});

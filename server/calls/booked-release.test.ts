import { describe, expect, it } from 'vitest';
import type { DoctorEvent, KioskEvent } from '../../common/signaling/messages';
import { ManualClock } from '../../common/util/testing/manual-clock';
import { CallCenter, type DoctorLink, type KioskLink } from './call-center';
import { fakeRouter } from './testing/fake-router';
import { memoryPrescriptionIssuer } from './testing/memory-prescription-issuer';

function link<E>(id: string) {
  const events: E[] = [];
  return { id, events, send: (e: E) => void events.push(e) };
}

const SESSION = '6f1c1f4e-8d0a-4d4e-9f4a-3b7c2a1d0e91';
const GP = { id: 'd1', name: 'Dr A', rpps: '10000000001' };
const SCOPE = { specialties: ['general-practice' as const], territories: ['75'] };
const STARTS = Date.UTC(2026, 11, 7, 14, 0);
const SLOT = { kioskId: 'kiosk-a', doctorId: GP.id, startsAt: STARTS };

/** A patient checked in for the GP's 15:00 appointment, waiting in the GP's room; the GP connected but off duty. */
function waitingForGp() {
  const clock = new ManualClock();
  const calls = new CallCenter({
    createRouter: async () => fakeRouter(),
    prescriptions: memoryPrescriptionIssuer(clock),
    clock,
    doctorGraceMs: 120_000,
  });
  const doctor = link<DoctorEvent>('d') as DoctorLink;
  calls.doctorOnline(doctor, { doctor: GP, scope: SCOPE, token: 't-d1', onDuty: false });
  const kiosk = link<KioskEvent>('k') as KioskLink & { events: KioskEvent[] };
  const grant = { kioskId: 'kiosk-a', sessionId: SESSION, expiresAt: Number.MAX_SAFE_INTEGER };
  const entry = { ageYears: 30, specialty: 'general-practice' as const, territory: '75', reason: 'x' };
  const joined = calls.joinQueue(
    kiosk,
    grant,
    { token: 'x'.repeat(20), sessionId: SESSION, queueEntry: entry, identity: null, devices: [] },
    { bookedDoctorId: GP.id, appointmentAt: STARTS },
  );
  const updates = () => kiosk.events.filter((e) => e.type === 'queue-updated');
  return { calls, clock, doctor, kiosk, joined, updates };
}

describe('booked doctors’ rooms (issue 17: a doctor who cancels)', () => {
  it('counts an off-duty doctor still connected for their own booked patient (no "no doctor" for them)', () => {
    const { calls, joined } = waitingForGp();
    expect(joined.wait).toMatchObject({ kind: 'estimate', minutes: 2 });
    expect(calls.board.doctorsOnDuty()).toBe(0);
    calls.close();
  });

  it('a cancellation moves the waiting patient to the live queue and tells the kiosk why, once', async () => {
    const { calls, updates } = waitingForGp();
    expect(calls.bookedRooms.isWaiting(SLOT)).toBe(true);
    expect(calls.bookedRooms.cancelled(SLOT, 'emergency')).toBe(true);
    const last = updates().at(-1);
    // Off duty, the GP no longer counts for this patient: no doctor on duty, said plainly.
    expect(last).toMatchObject({
      bookingEnded: { cause: 'cancelled', reason: 'emergency' },
      wait: { kind: 'no-doctor' },
    });
    expect(calls.queueItems()[0]!.bookedDoctorId).toBeNull();
    expect(calls.bookedRooms.isWaiting(SLOT)).toBe(false);
    expect(calls.bookedRooms.cancelled(SLOT, 'emergency')).toBe(false);
    calls.close();
  });

  it('a booked doctor whose console is gone past the grace: the patient goes to the live queue; back in time, nothing', () => {
    const { calls, clock, doctor, updates } = waitingForGp();
    calls.doctorOffline(doctor);
    clock.advance(60_000);
    const again = link<DoctorEvent>('d2') as DoctorLink;
    calls.doctorOnline(again, { doctor: GP, scope: SCOPE, token: 't-d1', onDuty: false });
    clock.advance(120_000);
    expect(updates().some((e) => e.type === 'queue-updated' && e.bookingEnded)).toBe(false);
    calls.doctorOffline(again);
    clock.advance(119_000);
    expect(calls.queueItems()[0]!.bookedDoctorId).toBe(GP.id);
    clock.advance(1_000);
    expect(updates().at(-1)).toMatchObject({ bookingEnded: { cause: 'doctor-gone' }, wait: { kind: 'no-doctor' } });
    expect(calls.queueItems()[0]!.bookedDoctorId).toBeNull();
    calls.close();
  });
});

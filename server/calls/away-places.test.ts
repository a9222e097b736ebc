import { describe, expect, it } from 'vitest';
import type { DoctorEvent, KioskEvent } from '../../common/signaling/messages';
import { ManualClock } from '../../common/util/testing/manual-clock';
import { CallCenter, type DoctorLink, type KioskLink } from './call-center';
import { memoryPrescriptionIssuer } from './testing/memory-prescription-issuer';
import { fakeRouter } from './testing/fake-router';

function link<E>(id: string) {
  const events: E[] = [];
  return { id, events, send: (e: E) => void events.push(e) };
}

const entry = { ageYears: 30, specialty: 'general-practice' as const, territory: '75', reason: 'x' };
const doctor = { id: 'd1', name: 'Dr A', rpps: '10000000001' };
const GP_75 = { specialties: ['general-practice' as const], territories: ['75'] };
const HOLD_MS = 10 * 60_000;

function setup() {
  const clock = new ManualClock();
  const calls = new CallCenter({
    createRouter: async () => fakeRouter(),
    prescriptions: memoryPrescriptionIssuer(clock),
    clock,
    callbackHoldMs: HOLD_MS,
  });
  const join = (sessionId: string, kiosk: KioskLink, kioskId = 'kiosk-a') =>
    calls.joinQueue(
      kiosk,
      { kioskId, sessionId, expiresAt: Number.MAX_SAFE_INTEGER },
      { token: 'x'.repeat(20), sessionId, queueEntry: entry, identity: null, devices: [] },
    );
  const doctorOnDuty = () => {
    const d = link<DoctorEvent>('d') as DoctorLink & { events: DoctorEvent[] };
    calls.doctorOnline(d, { doctor, scope: GP_75, token: 't', onDuty: true });
    calls.subscribeQueue(d, doctor);
    return d;
  };
  return { calls, clock, join, doctorOnDuty };
}

const S = (n: number) => `6f1c1f4e-8d0a-4d4e-9f4a-3b7c2a1d0e9${n}`;
const statusOf = (calls: CallCenter, ticket: number) => calls.away.list().find((p) => p.ticket === ticket)?.status;
const own = () => true;

describe('places kept for patients who leave the cabin', () => {
  it('keeps the place hidden from doctors, calls back when a doctor is about to be free, holds, then releases', async () => {
    const { calls, clock, join, doctorOnDuty } = setup();
    const kiosk = link<KioskEvent>('a');
    join(S(1), kiosk);
    const place = calls.stepAway(kiosk, '06 12 34 56 78');
    expect(place).toMatchObject({ ticket: 1, phone: '06 12 34 56 78', status: 'away', heldUntil: null });
    // The cabin is free for the next patient, and the place still counts in the queue.
    expect(calls.kioskCalls().size).toBe(0);
    const next = link<KioskEvent>('b');
    expect(join(S(2), next, 'kiosk-a')).toMatchObject({ position: 2 });
    expect(calls.queueItems().map((i) => i.position)).toEqual([2]);

    const d = doctorOnDuty();
    await Promise.resolve();
    expect(statusOf(calls, 1)).toBe('call-now');
    expect(calls.away.list()[0]!.heldUntil).toBe(clock.now() + HOLD_MS);
    // A doctor cannot take a patient who is not in the cabin, and does not see them.
    const listed = d.events.filter((e) => e.type === 'queue-list').at(-1);
    expect(listed && 'entries' in listed ? listed.entries.length : -1).toBe(1);

    clock.advance(HOLD_MS - 1);
    expect(statusOf(calls, 1)).toBe('call-now');
    clock.advance(1);
    expect(statusOf(calls, 1)).toBe('released');
    expect(calls.stats().waiting).toBe(1);
    calls.close();
  });

  it('waits while no doctor is about to be free, and while another patient is ahead', async () => {
    const { calls, join, doctorOnDuty } = setup();
    const first = link<KioskEvent>('a');
    const second = link<KioskEvent>('b');
    join(S(1), first, 'kiosk-a');
    join(S(2), second, 'kiosk-b');
    calls.stepAway(second, null);
    await Promise.resolve();
    expect(statusOf(calls, 1)).toBe('away');
    doctorOnDuty();
    await Promise.resolve();
    // Second in their queue: a free doctor takes the first patient before them.
    expect(statusOf(calls, 1)).toBe('away');
    calls.leaveQueue(first);
    expect(statusOf(calls, 1)).toBe('call-now');
    calls.close();
  });

  it('gives the kept place to the next session at the cabin once the pharmacist brought the patient back', async () => {
    const { calls, clock, join, doctorOnDuty } = setup();
    const kiosk = link<KioskEvent>('a');
    join(S(1), kiosk, 'kiosk-a');
    clock.advance(60_000);
    join(S(2), link<KioskEvent>('b'), 'kiosk-b');
    calls.stepAway(kiosk, null);
    expect(() => calls.away.resume(1, () => false)).toThrow(/no place kept for ticket 1/);
    calls.away.resume(1, own);
    expect(statusOf(calls, 1)).toBe('resuming');
    const back = link<KioskEvent>('c');
    const joined = join(S(3), back, 'kiosk-a');
    expect(joined).toMatchObject({ resumedTicket: 1, position: 1 });
    expect(calls.away.list()).toEqual([]);
    // Back in the cabin: doctors see and may take them again, first.
    const d = doctorOnDuty();
    await Promise.resolve();
    expect(calls.queueItems()[0]).toMatchObject({ kioskId: 'kiosk-a', position: 1 });
    await expect(calls.accept(d, doctor, joined.consultationId)).resolves.toBeTruthy();
    calls.close();
  });

  it('refuses a second step-away and a rejoin of the kept session; a cancel releases the place', () => {
    const { calls, join } = setup();
    const kiosk = link<KioskEvent>('a');
    join(S(1), kiosk);
    calls.stepAway(kiosk, null);
    expect(() => calls.stepAway(kiosk, null)).toThrow(/join the queue first/);
    expect(() => join(S(1), link<KioskEvent>('a2'))).toThrow(/left the cabin with a ticket/);
    calls.away.cancel(1, own);
    expect(statusOf(calls, 1)).toBe('cancelled');
    expect(calls.stats().waiting).toBe(0);
    expect(() => calls.away.cancel(1, own)).toThrow(/no place kept/);
    calls.close();
  });
});

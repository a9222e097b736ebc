import Database from 'better-sqlite3-multiple-ciphers';
import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { migrateRecords } from '../records/migrations';
import { AppointmentService } from './appointment-service';
import { SqliteAppointmentStore, type Appointment } from './appointment-store';
import { parisInstant } from './paris-time';
import { TicketTokens } from './ticket-token';

const GP = { id: 'doc-gp', name: 'Dr Alice Généraliste', rpps: '10000000011' };
const SCOPE = { specialties: ['general-practice' as const], territories: ['75'] };
// Monday 7 December 2026, 09:00 in Paris.
const MONDAY_9 = parisInstant(2026, 12, 7, 9, 0);
const AT_15 = parisInstant(2026, 12, 7, 15, 0);
const QUERY = { kioskId: 'kiosk-a', territory: '75', specialty: 'general-practice' as const };

function setup() {
  const db = new Database(':memory:');
  migrateRecords(db);
  let now = MONDAY_9;
  const missed: Appointment[] = [];
  const service = new AppointmentService(
    new SqliteAppointmentStore(db),
    new TicketTokens(randomBytes(32)),
    { now: () => now },
    (a) => missed.push(a),
  );
  service.publishPlan(GP, SCOPE, { lengthMinutes: 15, days: [1, 2, 3, 4, 5], from: '14:00', to: '17:00' });
  return { service, missed, setNow: (ms: number) => (now = ms) };
}

const book = (service: AppointmentService, startsAt: number, kioskId = 'kiosk-a') =>
  service.book({
    query: { ...QUERY, kioskId },
    doctorId: GP.id,
    startsAt,
    patient: { reason: 'x' },
    bookedBy: 'kiosk',
  });

describe('AppointmentService', () => {
  it('offers the published slots of the specialty and territory only, in France time', () => {
    const { service } = setup();
    const slots = service.slots(QUERY, 100);
    expect(slots[0]).toMatchObject({ doctorName: GP.name, startsAt: '2026-12-07T13:00:00.000Z' });
    // Monday to Friday of this week, 12 slots a day (next Monday's afternoon is past the 7 days).
    expect(slots.length).toBe(60);
    expect(service.slots({ ...QUERY, specialty: 'paediatrics' })).toEqual([]);
    expect(service.slots({ ...QUERY, territory: '92' })).toEqual([]);
  });

  it('refuses a slot booked a moment earlier, and a cabin already taken (with its hygiene time)', () => {
    const { service } = setup();
    expect(book(service, AT_15).ok).toBe(true);
    expect(book(service, AT_15)).toEqual({ ok: false, refusal: 'slot-taken' });
    service.publishPlan({ id: 'doc-2', name: 'Dr B', rpps: '10000000013' }, SCOPE, {
      lengthMinutes: 15,
      days: [1],
      from: '15:10',
      to: '16:00',
    });
    // 15:10 starts within the 15:00–15:15 slot's span plus its 5 minutes of cleaning.
    const other = service.book({
      query: QUERY,
      doctorId: 'doc-2',
      startsAt: AT_15 + 10 * 60_000,
      patient: {},
      bookedBy: 'kiosk',
    });
    expect(other).toEqual({ ok: false, refusal: 'cabin-busy' });
    expect(service.slots(QUERY, 100).some((s) => s.startsAt === '2026-12-07T14:10:00.000Z')).toBe(false);
    // Another pharmacy's cabin is free then.
    expect(
      service.book({
        query: { ...QUERY, kioskId: 'kiosk-b' },
        doctorId: 'doc-2',
        startsAt: AT_15 + 10 * 60_000,
        patient: {},
        bookedBy: 'kiosk',
      }).ok,
    ).toBe(true);
  });

  it('checks a ticket in from 30 minutes before to 10 minutes after, then the slot is lost and the doctor told', () => {
    const { service, missed, setNow } = setup();
    const booked = book(service, AT_15);
    if (!booked.ok) throw new Error('not booked');
    setNow(AT_15 - 3 * 60_000);
    const early = service.checkIn(booked.ticket.token, 'kiosk-a');
    expect(early).toMatchObject({ ok: true, appointment: { status: 'checked-in', doctorId: GP.id } });

    // 15:15 would leave no cleaning time after the 15:00 patient: 15:30 is the cabin's next.
    expect(book(service, AT_15 + 15 * 60_000)).toEqual({ ok: false, refusal: 'cabin-busy' });
    const late = book(service, AT_15 + 30 * 60_000);
    if (!late.ok) throw new Error('not booked');
    setNow(AT_15 + 41 * 60_000);
    expect(service.checkIn(late.ticket.token, 'kiosk-a')).toMatchObject({ ok: false, refusal: 'late' });
    expect(missed.map((a) => a.id)).toEqual([late.appointment.id]);
  });

  it("refuses a forged, another pharmacy's, an expired or a cancelled ticket", () => {
    const { service, setNow } = setup();
    const booked = book(service, AT_15);
    if (!booked.ok) throw new Error('not booked');
    const token = booked.ticket.token;
    const forged = token.slice(0, -2) + (token.endsWith('AA') ? 'BB' : 'AA');
    setNow(AT_15);
    expect(service.checkIn(forged, 'kiosk-a')).toEqual({ ok: false, refusal: 'ticket-invalid' });
    expect(service.checkIn('not a ticket', 'kiosk-a')).toEqual({ ok: false, refusal: 'ticket-invalid' });
    expect(service.checkIn(token, 'kiosk-b')).toEqual({ ok: false, refusal: 'other-pharmacy' });
    setNow(AT_15 - 60 * 60_000);
    expect(service.checkIn(token, 'kiosk-a')).toMatchObject({ ok: false, refusal: 'too-early' });
    expect(service.cancel(GP.id, booked.appointment.id)).toBe(true);
    setNow(AT_15);
    expect(service.checkIn(token, 'kiosk-a')).toMatchObject({ ok: false, refusal: 'cancelled' });
    setNow(AT_15 + 2 * 24 * 3600_000);
    expect(service.checkIn(token, 'kiosk-a')).toEqual({ ok: false, refusal: 'ticket-expired' });
  });

  it('finds a booking by its short code at its own kiosk only, and blocks a kiosk after 5 wrong codes', () => {
    const { service, setNow } = setup();
    const booked = book(service, AT_15);
    if (!booked.ok) throw new Error('not booked');
    const { code } = booked.ticket;
    expect(code).toMatch(/^[ACEFHJKMNPRTWXY3479]{6}$/);
    setNow(AT_15 - 5 * 60_000);
    expect(service.checkInByCode(code, 'kiosk-b')).toEqual({ ok: false, refusal: 'no-booking' });
    // Typed in two halves, lower case: the same code.
    const typed = `${code.slice(0, 3).toLowerCase()} ${code.slice(3)}`;
    expect(service.checkInByCode(typed, 'kiosk-a')).toMatchObject({
      ok: true,
      appointment: { id: booked.appointment.id },
    });

    const wrong = code === 'AAAAAA' ? 'CCCCCC' : 'AAAAAA';
    for (let i = 0; i < 5; i++)
      expect(service.checkInByCode(wrong, 'kiosk-c')).toMatchObject({ refusal: 'no-booking' });
    expect(service.checkInByCode(wrong, 'kiosk-c')).toEqual({ ok: false, refusal: 'too-many-tries' });
    // The other kiosks are not blocked; the blocked one is again after 15 minutes.
    expect(service.checkInByCode(wrong, 'kiosk-a')).toMatchObject({ refusal: 'no-booking' });
    setNow(AT_15 + 11 * 60_000);
    expect(service.checkInByCode(wrong, 'kiosk-c')).toMatchObject({ refusal: 'no-booking' });
  });

  it('finds the Carte Vitale holder’s booking of the day at this kiosk; no booking says so', () => {
    const { service, setNow } = setup();
    const nir = '185057800608491';
    const booked = service.book({
      query: QUERY,
      doctorId: GP.id,
      startsAt: AT_15,
      patient: { identity: { nir } },
      bookedBy: 'kiosk',
    });
    if (!booked.ok) throw new Error('not booked');
    setNow(AT_15 - 2 * 60_000);
    expect(service.checkInByNir('285057800608412', 'kiosk-a')).toEqual({ ok: false, refusal: 'no-booking' });
    expect(service.checkInByNir(nir, 'kiosk-b')).toEqual({ ok: false, refusal: 'no-booking' });
    expect(service.checkInByNir(nir, 'kiosk-a')).toMatchObject({
      ok: true,
      appointment: { id: booked.appointment.id },
    });
  });
});

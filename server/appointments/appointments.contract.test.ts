import { randomBytes } from 'node:crypto';
import { afterAll, expect, it } from 'vitest';
import { careEngines, type CareEngine } from '../testing/care-store-engines';
import { requirePostgres } from '../testing/postgres-instance';
import { AppointmentService } from './appointment-service';
import type { Appointment, AppointmentStore } from './appointment-store';
import { parisInstant } from './paris-time';
import { TicketTokens } from './ticket-token';
import { cleanupsAfterEach } from '../../common/util/testing/cleanups';

/**
 * One contract for the appointments (slots, bookings, check-ins, reminder claims), both engines:
 * the embedded SQLite and a private PostgreSQL (the patient's intake sealed there). "Two nodes" are
 * two connections (SQLite) or two pools (PostgreSQL) on the same database.
 */
const postgres = await requirePostgres();
afterAll(() => (postgres.missing ? undefined : postgres.value.stop()));
const cleanups = cleanupsAfterEach();

const GP = { id: 'doc-gp', name: 'Dr Alice Généraliste', rpps: '10000000011' };
const SCOPE = { specialties: ['general-practice' as const], territories: ['75'] };
// Monday 7 December 2026, 09:00 in Paris.
const MONDAY_9 = parisInstant(2026, 12, 7, 9, 0);
const AT_15 = parisInstant(2026, 12, 7, 15, 0);
const QUERY = { kioskId: 'kiosk-a', territory: '75', specialty: 'general-practice' as const };
const TOKENS_KEY = randomBytes(32);

function serviceOn(store: AppointmentStore, clock: { now: () => number }, missed: Appointment[] = []) {
  return new AppointmentService(store, new TicketTokens(TOKENS_KEY), clock, (a) => missed.push(a));
}

async function setup(engine: CareEngine) {
  const database = await engine.fresh();
  const { stores } = await database.open();
  let now = MONDAY_9;
  const missed: Appointment[] = [];
  const clock = { now: () => now };
  const service = serviceOn(stores.appointments, clock, missed);
  await service.publishPlan(GP, SCOPE, { lengthMinutes: 15, days: [1, 2, 3, 4, 5], from: '14:00', to: '17:00' });
  /** Another platform node on the same database, on the same clock. */
  const otherNode = async () => serviceOn((await database.open()).stores.appointments, clock);
  return { service, missed, setNow: (ms: number) => (now = ms), otherNode, database };
}

const book = (service: AppointmentService, startsAt: number, kioskId = 'kiosk-a', patient: unknown = { reason: 'x' }) =>
  service.book({
    query: { ...QUERY, kioskId },
    doctorId: GP.id,
    startsAt,
    patient,
    bookedBy: 'kiosk',
  });

for (const engine of careEngines(postgres, cleanups)) {
  engine.describe(`appointments contract (${engine.name})`, () => {
    it('offers the published slots of the specialty and territory only, in France time', async () => {
      const { service } = await setup(engine);
      const slots = await service.slots(QUERY, 100);
      expect(slots[0]).toMatchObject({ doctorName: GP.name, startsAt: '2026-12-07T13:00:00.000Z' });
      // Monday to Friday of this week, 12 slots a day (next Monday's afternoon is past the 7 days).
      expect(slots.length).toBe(60);
      expect(await service.slots({ ...QUERY, specialty: 'paediatrics' })).toEqual([]);
      expect(await service.slots({ ...QUERY, territory: '92' })).toEqual([]);
    });

    it('refuses a slot booked a moment earlier, and a cabin already taken (with its hygiene time)', async () => {
      const { service } = await setup(engine);
      expect((await book(service, AT_15)).ok).toBe(true);
      expect(await book(service, AT_15)).toEqual({ ok: false, refusal: 'slot-taken' });
      await service.publishPlan({ id: 'doc-2', name: 'Dr B', rpps: '10000000013' }, SCOPE, {
        lengthMinutes: 15,
        days: [1],
        from: '15:10',
        to: '16:00',
      });
      // 15:10 starts within the 15:00–15:15 slot's span plus its 5 minutes of cleaning.
      const other = await service.book({
        query: QUERY,
        doctorId: 'doc-2',
        startsAt: AT_15 + 10 * 60_000,
        patient: {},
        bookedBy: 'kiosk',
      });
      expect(other).toEqual({ ok: false, refusal: 'cabin-busy' });
      expect((await service.slots(QUERY, 100)).some((s) => s.startsAt === '2026-12-07T14:10:00.000Z')).toBe(false);
      // Another pharmacy's cabin is free then.
      expect(
        (
          await service.book({
            query: { ...QUERY, kioskId: 'kiosk-b' },
            doctorId: 'doc-2',
            startsAt: AT_15 + 10 * 60_000,
            patient: {},
            bookedBy: 'kiosk',
          })
        ).ok,
      ).toBe(true);
    });

    it('checks a ticket in from 30 minutes before to 10 minutes after, then the slot is lost and the doctor told', async () => {
      const { service, missed, setNow } = await setup(engine);
      const booked = await book(service, AT_15);
      if (!booked.ok) throw new Error('not booked');
      setNow(AT_15 - 3 * 60_000);
      const early = await service.checkIn(booked.ticket.token, 'kiosk-a');
      expect(early).toMatchObject({ ok: true, appointment: { status: 'checked-in', doctorId: GP.id } });

      // 15:15 would leave no cleaning time after the 15:00 patient: 15:30 is the cabin's next.
      expect(await book(service, AT_15 + 15 * 60_000)).toEqual({ ok: false, refusal: 'cabin-busy' });
      const late = await book(service, AT_15 + 30 * 60_000);
      if (!late.ok) throw new Error('not booked');
      setNow(AT_15 + 41 * 60_000);
      expect(await service.checkIn(late.ticket.token, 'kiosk-a')).toMatchObject({ ok: false, refusal: 'late' });
      expect(missed.map((a) => a.id)).toEqual([late.appointment.id]);
    });

    it("refuses a forged, another pharmacy's, an expired or a cancelled ticket", async () => {
      const { service, setNow } = await setup(engine);
      const booked = await book(service, AT_15);
      if (!booked.ok) throw new Error('not booked');
      const token = booked.ticket.token;
      const forged = token.slice(0, -2) + (token.endsWith('AA') ? 'BB' : 'AA');
      setNow(AT_15);
      expect(await service.checkIn(forged, 'kiosk-a')).toEqual({ ok: false, refusal: 'ticket-invalid' });
      expect(await service.checkIn('not a ticket', 'kiosk-a')).toEqual({ ok: false, refusal: 'ticket-invalid' });
      expect(await service.checkIn(token, 'kiosk-b')).toEqual({ ok: false, refusal: 'other-pharmacy' });
      setNow(AT_15 - 60 * 60_000);
      expect(await service.checkIn(token, 'kiosk-a')).toMatchObject({ ok: false, refusal: 'too-early' });
      expect(await service.cancel(GP.id, booked.appointment.id, 'emergency')).toBe(true);
      setNow(AT_15);
      expect(await service.checkIn(token, 'kiosk-a')).toMatchObject({
        ok: false,
        refusal: 'cancelled',
        appointment: { cancelReason: 'emergency', patient: { reason: 'x' } },
      });
      setNow(AT_15 + 2 * 24 * 3600_000);
      expect(await service.checkIn(token, 'kiosk-a')).toEqual({ ok: false, refusal: 'ticket-expired' });
    });

    it("cancels once with its reason, tells the hooks, and leaves a seen, lost or other doctor's slot alone", async () => {
      const database = await engine.fresh();
      const { stores } = await database.open();
      let now = MONDAY_9;
      const told: [string, boolean][] = [];
      let waiting = true;
      const hooks = { isWaiting: () => waiting, cancelled: (a: Appointment, was: boolean) => told.push([a.id, was]) };
      const service = new AppointmentService(
        stores.appointments,
        new TicketTokens(TOKENS_KEY),
        { now: () => now },
        () => {},
        undefined,
        hooks,
      );
      await service.publishPlan(GP, SCOPE, { lengthMinutes: 15, days: [1, 2, 3, 4, 5], from: '14:00', to: '17:00' });
      const [a, b, c] = await Promise.all(
        [AT_15, AT_15 + 30 * 60_000, AT_15 + 60 * 60_000].map((t) => book(service, t)),
      );
      if (!a?.ok || !b?.ok || !c?.ok) throw new Error('not booked');
      expect(await service.cancel('doc-other', a.appointment.id, 'unavailable')).toBe(false);
      expect(await service.cancel(GP.id, a.appointment.id, 'unavailable')).toBe(true);
      expect(await service.cancel(GP.id, a.appointment.id, 'unavailable')).toBe(false);
      // b checked in and waiting: cancelled (the patient is moved on); c checked in but seen: not.
      now = AT_15 + 30 * 60_000;
      expect((await service.checkIn(b.ticket.token, 'kiosk-a')).ok).toBe(true);
      expect(await service.cancel(GP.id, b.appointment.id, 'emergency')).toBe(true);
      now = AT_15 + 60 * 60_000;
      expect((await service.checkIn(c.ticket.token, 'kiosk-a')).ok).toBe(true);
      waiting = false;
      expect(await service.cancel(GP.id, c.appointment.id, 'emergency')).toBe(false);
      expect(told).toEqual([
        [a.appointment.id, false],
        [b.appointment.id, true],
      ]);
      const list = await service.ofKiosk('kiosk-a', MONDAY_9, MONDAY_9 + 24 * 3600_000);
      expect(list.map((x) => [x.status, x.cancelReason])).toEqual([
        ['cancelled', 'unavailable'],
        ['cancelled', 'emergency'],
        ['checked-in', null],
      ]);
    });

    it("cancels the rest of the doctor's day: today's still to come, not tomorrow's nor a lost one", async () => {
      const { service, setNow } = await setup(engine);
      const tomorrow = AT_15 + 24 * 3600_000;
      const booked = await Promise.all(
        [AT_15 - 60 * 60_000, AT_15, AT_15 + 60 * 60_000, tomorrow].map((t) => book(service, t)),
      );
      setNow(AT_15 - 30 * 60_000);
      expect(await service.cancelRestOfDay(GP.id, 'unavailable')).toBe(2);
      const statuses = await Promise.all(
        booked.map(async (b) =>
          b.ok ? (await service.ofDoctor(GP.id)).find((a) => a.id === b.appointment.id)?.status : null,
        ),
      );
      expect(statuses).toEqual(['missed', 'cancelled', 'cancelled', 'booked']);
    });

    it('finds a booking by its short code at its own kiosk only, and blocks a kiosk after 5 wrong codes', async () => {
      const { service, setNow } = await setup(engine);
      const booked = await book(service, AT_15);
      if (!booked.ok) throw new Error('not booked');
      const { code } = booked.ticket;
      expect(code).toMatch(/^[ACEFHJKMNPRTWXY3479]{6}$/);
      setNow(AT_15 - 5 * 60_000);
      expect(await service.checkInByCode(code, 'kiosk-b')).toEqual({ ok: false, refusal: 'no-booking' });
      // Typed in two halves, lower case: the same code.
      const typed = `${code.slice(0, 3).toLowerCase()} ${code.slice(3)}`;
      expect(await service.checkInByCode(typed, 'kiosk-a')).toMatchObject({
        ok: true,
        appointment: { id: booked.appointment.id },
      });

      const wrong = code === 'AAAAAA' ? 'CCCCCC' : 'AAAAAA';
      for (let i = 0; i < 5; i++)
        expect(await service.checkInByCode(wrong, 'kiosk-c')).toMatchObject({ refusal: 'no-booking' });
      expect(await service.checkInByCode(wrong, 'kiosk-c')).toEqual({ ok: false, refusal: 'too-many-tries' });
      // The other kiosks are not blocked; the blocked one is again after 15 minutes.
      expect(await service.checkInByCode(wrong, 'kiosk-a')).toMatchObject({ refusal: 'no-booking' });
      setNow(AT_15 + 11 * 60_000);
      expect(await service.checkInByCode(wrong, 'kiosk-c')).toMatchObject({ refusal: 'no-booking' });
    });

    it('finds the Carte Vitale holder’s booking of the day at this kiosk; no booking says so', async () => {
      const { service, setNow } = await setup(engine);
      const nir = '185057800608491';
      const booked = await service.book({
        query: QUERY,
        doctorId: GP.id,
        startsAt: AT_15,
        patient: { identity: { nir } },
        bookedBy: 'kiosk',
      });
      if (!booked.ok) throw new Error('not booked');
      setNow(AT_15 - 2 * 60_000);
      expect(await service.checkInByNir('285057800608412', 'kiosk-a')).toEqual({ ok: false, refusal: 'no-booking' });
      expect(await service.checkInByNir(nir, 'kiosk-b')).toEqual({ ok: false, refusal: 'no-booking' });
      expect(await service.checkInByNir(nir, 'kiosk-a')).toMatchObject({
        ok: true,
        appointment: { id: booked.appointment.id },
      });
    });

    it('gives one slot to one patient when two nodes book it at once, and one cabin to one booking', async () => {
      const { service, otherNode } = await setup(engine);
      const other = await otherNode();
      const both = await Promise.all([book(service, AT_15, 'kiosk-a'), book(other, AT_15, 'kiosk-b')]);
      expect(both.filter((b) => b.ok)).toHaveLength(1);
      expect(both.find((b) => !b.ok)).toEqual({ ok: false, refusal: 'slot-taken' });
      // Two doctors' slots in one cabin at once, from two nodes: one booking, the other finds it busy.
      await service.publishPlan({ id: 'doc-2', name: 'Dr B', rpps: '10000000013' }, SCOPE, {
        lengthMinutes: 15,
        days: [1],
        from: '16:00',
        to: '17:00',
      });
      const cabin = await Promise.all([
        book(service, AT_15 + 60 * 60_000, 'kiosk-c'),
        other.book({
          query: { ...QUERY, kioskId: 'kiosk-c' },
          doctorId: 'doc-2',
          startsAt: AT_15 + 60 * 60_000,
          patient: {},
          bookedBy: 'kiosk',
        }),
      ]);
      expect(cabin.filter((b) => b.ok)).toHaveLength(1);
    });

    it('lets one node only claim a due reminder, keeps its state with the booking, and seals the intake', async () => {
      const { service, setNow, database } = await setup(engine);
      const booked = await book(service, AT_15, 'kiosk-a', {
        identity: { lastName: 'REMINDERNAME', nir: '185057800608491' },
        contact: { email: 'patient@example.org', phone: null },
        reminder: 'asked',
      });
      if (!booked.ok) throw new Error('not booked');
      setNow(AT_15 - 3600_000);
      const [a, b] = [(await database.open()).stores.appointments, (await database.open()).stores.appointments];
      const due = await a.dueReminders(AT_15 - 3600_000, AT_15);
      expect(due.map((d) => d.id)).toEqual([booked.appointment.id]);
      const claims = await Promise.all([
        a.claimReminder(booked.appointment.id),
        b.claimReminder(booked.appointment.id),
      ]);
      expect(claims.filter(Boolean)).toHaveLength(1);
      expect(await a.dueReminders(AT_15 - 3600_000, AT_15)).toEqual([]);
      await b.settleReminder(booked.appointment.id, 'sent');
      expect((await a.get(booked.appointment.id))?.patient).toMatchObject({
        reminder: 'sent',
        contact: { email: 'patient@example.org' },
      });
      const dump = database.dump?.();
      if (dump)
        for (const needle of ['REMINDERNAME', '185057800608491', 'patient@example.org'])
          expect(dump.includes(Buffer.from(needle)), needle).toBe(false);
    });
  });
}

import { randomBytes } from 'node:crypto';
import { afterEach, describe, expect, it } from 'vitest';
import { APPOINTMENTS_API } from '../../common/routing/appointments';
import type { PharmacistInfo } from '../../common/signaling/messages';
import { createHttpServer, listen, type HttpApp } from '../../http/http-server';
import { BearerSessions } from '../auth/bearer-sessions';
import { PharmacyDirectory } from '../pharmacy/pharmacy-directory';
import { openPlatformStores, type PlatformStores } from '../platform-stores';
import { IN_MEMORY_RECORDS } from '../records/records-database';
import { AppointmentService } from './appointment-service';
import { parisInstant } from './paris-time';
import { registerPharmacyAppointmentRoutes } from './pharmacy-appointment-routes';
import { TicketTokens } from './ticket-token';
import { memoryAuthStores } from '../auth/testing/memory-auth-stores';

let app: HttpApp | undefined;
let stores: PlatformStores | undefined;
afterEach(async () => {
  await app?.close();
  stores?.close();
});

const GP = { id: 'doc-gp', name: 'Dr Alice Martin', rpps: '10000000011' };
// Monday 7 December 2026, 09:00 in Paris.
const NOW = parisInstant(2026, 12, 7, 9, 0);
const AT_14 = new Date(parisInstant(2026, 12, 7, 14, 0)).toISOString();
const intake = {
  identity: null,
  carePathway: null,
  locality: null,
  reason: { specialty: 'general-practice', text: '' },
  contact: { email: null, phone: null },
};

/** The pharmacist routes over real HTTP on the records database; a pharmacist of pharmacie-a signed in. */
async function platform() {
  stores = openPlatformStores(IN_MEMORY_RECORDS);
  const appointments = new AppointmentService(
    stores.appointments,
    new TicketTokens(randomBytes(32)),
    { now: () => NOW },
    () => {},
  );
  await appointments.publishPlan(
    GP,
    { specialties: ['general-practice'], territories: ['75'] },
    { lengthMinutes: 15, days: [1, 2, 3, 4, 5], from: '14:00', to: '17:00' },
  );
  const directory = new PharmacyDirectory(null);
  await directory.upsertPharmacy({ id: 'pharmacie-a', name: 'Pharmacie A' });
  await directory.upsertPharmacy({ id: 'pharmacie-b', name: 'Pharmacie B' });
  await directory.assignKiosk('kiosk-a', 'pharmacie-a', 'Cabine 1');
  await directory.assignKiosk('kiosk-b', 'pharmacie-b', 'Cabine 1');
  const sessions = new BearerSessions<PharmacistInfo>(memoryAuthStores().sessions, 'pharmacist');
  const { token } = await sessions.create({
    id: 'p1',
    name: 'Paul',
    pharmacy: { id: 'pharmacie-a', name: 'Pharmacie A' },
  });
  app = await createHttpServer({ name: 'test:pharmacy-appointments' });
  registerPharmacyAppointmentRoutes(app, { appointments, sessions, directory });
  const url = await listen(app, 0);
  const call = (path: string, body?: unknown, bearer = token) =>
    fetch(`${url}${path}`, {
      method: body === undefined ? 'GET' : 'POST',
      headers: { authorization: `Bearer ${bearer}`, ...(body !== undefined && { 'content-type': 'application/json' }) },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
  return { call };
}

describe("the pharmacist's appointment routes", () => {
  it("offer the slots of the pharmacy's own cabin, book one, list it in the day, and refuse it twice (409)", async () => {
    const { call } = await platform();
    const where = { kioskId: 'kiosk-a', territory: '75', specialty: 'general-practice' };
    const slots = await call(APPOINTMENTS_API.pharmacySlots, where);
    expect(slots.status).toBe(200);
    const { slots: offered } = (await slots.json()) as { slots: { startsAt: string; doctorName: string }[] };
    expect(offered).toHaveLength(6);
    expect(offered[0]).toMatchObject({ startsAt: AT_14, doctorName: GP.name });
    const booking = { kioskId: 'kiosk-a', territory: '75', doctorId: GP.id, startsAt: AT_14, intake };
    const booked = await call(APPOINTMENTS_API.pharmacyDay, booking);
    expect(booked.status).toBe(200);
    expect(await booked.json()).toMatchObject({ ok: true, ticket: { doctorName: GP.name, startsAt: AT_14 } });
    const again = await call(APPOINTMENTS_API.pharmacyDay, booking);
    expect(again.status).toBe(409);
    const refused = (await again.json()) as { refusal: string; slots: { startsAt: string }[] };
    expect(refused.refusal).toBe('slot-taken');
    expect(refused.slots.map((s) => s.startsAt)).not.toContain(AT_14);
    const day = (await (await call(`${APPOINTMENTS_API.pharmacyDay}?day=2026-12-07`)).json()) as {
      cabins: { kioskId: string; appointments: { startsAt: string; bookedBy: string }[] }[];
    };
    expect(day.cabins).toHaveLength(1);
    expect(day.cabins[0]!.appointments).toMatchObject([{ startsAt: AT_14, bookedBy: 'pharmacist' }]);
  });

  it("refuse another pharmacy's cabin (403), no session (401), a bad département (400)", async () => {
    const { call } = await platform();
    const other = await call(APPOINTMENTS_API.pharmacySlots, {
      kioskId: 'kiosk-b',
      territory: '75',
      specialty: 'general-practice',
    });
    expect(other.status).toBe(403);
    const where = { kioskId: 'kiosk-a', territory: '75', specialty: 'general-practice' };
    expect((await call(APPOINTMENTS_API.pharmacySlots, where, 'x'.repeat(32))).status).toBe(401);
    expect((await call(APPOINTMENTS_API.pharmacySlots, { ...where, territory: '20' })).status).toBe(400);
  });
});

import { act, cleanup, fireEvent, render, screen, within } from '@testing-library/react';
import { I18nextProvider } from 'react-i18next';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import {
  APPOINTMENTS_API,
  type AppointmentListItem,
  type PharmacyBookingAnswer,
  type PharmacyDay,
  type SlotOffer,
} from '../common/routing/appointments';
import { AppointmentsClient } from './appointments-client';
import { AppointmentsPanel, DAY_REFRESH_MS } from './AppointmentsPanel';
import { portalI18n } from './i18n';

const DOCTOR = 'Dr Alice Martin';
// Monday 7 December 2026, 09:00 in Paris (08:00 UTC): the panel's "today".
const MONDAY_9 = Date.parse('2026-12-07T08:00:00.000Z');
const at = (hhmm: string) => {
  const [h, m] = hhmm.split(':').map(Number) as [number, number];
  return new Date(Date.UTC(2026, 11, 7, h - 1, m)).toISOString();
};
const TOKEN = 's'.repeat(32);

/**
 * The platform's pharmacist routes as the portal sees them over fetch (the portal layer may not
 * import the server; the real routes are driven by e2e/appointments/counter-booking.e2e.ts): Dr Martin's
 * 15-minute slots from 14:00 at Cabine 1, a slot gone once booked or blocked by the cabin's hygiene
 * time, 409 with the slots still free, the bearer session required.
 */
class FakePlatform {
  readonly appointments: AppointmentListItem[] = [];
  readonly bodies: unknown[] = [];
  up = true;
  /** Books a slot as the kiosk would: `hhmm` in Paris, or the ISO instant a booking sent. */
  take(when: string) {
    const startsAt = when.includes('T') ? when : at(when);
    const endsAt = new Date(Date.parse(startsAt) + 15 * 60_000).toISOString();
    const id = `apt-${this.appointments.length + 1}`;
    this.appointments.push({
      id,
      doctorName: DOCTOR,
      kioskId: 'kiosk-a',
      startsAt,
      endsAt,
      specialty: 'general-practice',
      status: 'booked',
      bookedBy: 'kiosk',
    });
    return id;
  }
  free(): SlotOffer[] {
    const busyUntil = (s: string) =>
      this.appointments.some(
        (a) => Date.parse(s) >= Date.parse(a.startsAt) && Date.parse(s) < Date.parse(a.endsAt) + 5 * 60_000,
      );
    return ['14:00', '14:15', '14:30', '14:45', '15:00', '15:15', '15:30', '15:45']
      .map(at)
      .filter((s) => !busyUntil(s))
      .slice(0, 6)
      .map((startsAt) => ({ doctorId: 'doc-gp', doctorName: DOCTOR, startsAt, endsAt: startsAt }));
  }
  readonly fetch = (url: string, init: RequestInit = {}): Promise<Response> => {
    if (!this.up) return Promise.reject(new TypeError('fetch failed'));
    if (new Headers(init.headers).get('authorization') !== `Bearer ${TOKEN}`)
      return this.json(401, { message: 'sign in' });
    const body: unknown = init.body ? JSON.parse(init.body as string) : undefined;
    this.bodies.push(body);
    if (url.startsWith(`${APPOINTMENTS_API.pharmacyDay}?day=2026-12-07`)) {
      const day: PharmacyDay = {
        day: '2026-12-07',
        cabins: [{ kioskId: 'kiosk-a', label: 'Cabine 1', appointments: this.appointments }],
      };
      return this.json(200, day);
    }
    if (url === APPOINTMENTS_API.pharmacySlots) return this.json(200, { slots: this.free() });
    const { startsAt } = body as { startsAt: string };
    if (!this.free().some((s) => s.startsAt === startsAt)) {
      const refused: PharmacyBookingAnswer = { ok: false, refusal: 'slot-taken', slots: this.free() };
      return this.json(409, refused);
    }
    const id = this.take(startsAt);
    const ticket = { appointmentId: id, doctorName: DOCTOR, startsAt, token: 'signed.ticket.token', code: 'KM4RTX' };
    return this.json(200, { ok: true, ticket });
  };
  private json(status: number, body: unknown) {
    return Promise.resolve(
      new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } }),
    );
  }
}

let fake: FakePlatform;
beforeEach(() => {
  // Only Date is faked (the panel's "today"); its 30 s refresh keeps a real timer.
  vi.useFakeTimers({ toFake: ['Date'] });
  vi.setSystemTime(MONDAY_9);
  fake = new FakePlatform();
  vi.stubGlobal('fetch', fake.fetch);
});
afterEach(() => {
  cleanup();
  vi.useRealTimers();
  vi.unstubAllGlobals();
});

async function renderPanel(client = new AppointmentsClient(() => TOKEN)) {
  const i18n = await portalI18n(null);
  render(
    <I18nextProvider i18n={i18n}>
      <AppointmentsPanel client={client} />
    </I18nextProvider>,
  );
}

async function listSlots() {
  fireEvent.change(await screen.findByTestId('booking-territory'), { target: { value: '75' } });
  fireEvent.click(screen.getByTestId('booking-list-slots'));
  return screen.findAllByTestId('booking-slot');
}

describe('Rendez-vous du jour', () => {
  it("lists each cabin's day in time order with the doctor and where the patient is, no reason", async () => {
    fake.take('15:30');
    fake.take('14:00');
    await renderPanel();
    const cabin = await screen.findByTestId('appointments-cabin');
    expect(within(cabin).getByRole('heading').textContent).toBe('Cabine 1');
    const rows = await within(cabin).findAllByTestId('appointment');
    expect(rows.map((r) => r.textContent)).toEqual(['14:00 Dr Alice Martin Réservé', '15:30 Dr Alice Martin Réservé']);
    // Booked elsewhere meanwhile: "Actualiser" shows it without waiting for the 30 s.
    fake.take('16:00');
    fireEvent.click(screen.getByTestId('appointments-refresh'));
    await expect.poll(() => screen.getAllByTestId('appointment').length).toBe(3);
  });

  it("says why a doctor cancelled, and to tell a counter booking's patient (who left no contact)", async () => {
    const kiosk = fake.take('14:00');
    const counter = fake.take('15:30');
    for (const a of fake.appointments) a.status = 'cancelled';
    fake.appointments.find((a) => a.id === kiosk)!.cancelReason = 'emergency';
    Object.assign(
      fake.appointments.find((a) => a.id === counter)!,
      { cancelReason: 'unavailable', bookedBy: 'pharmacist' },
    );
    await renderPanel();
    const reasons = await screen.findAllByTestId('appointment-cancel-reason');
    expect(reasons[0]!.textContent).toBe(' — urgence du médecin');
    expect(reasons[1]!.textContent).toMatch(/^ — le médecin n'est plus disponible Prévenez le patient/);
  });

  it('books a slot at the counter: the ticket with its time and code, and the day shows it', async () => {
    await renderPanel();
    const slots = await listSlots();
    expect(slots).toHaveLength(6);
    expect(slots[0]!.textContent).toBe('lun. 7 déc. 14:00 — Dr Alice Martin');
    fireEvent.click(slots[1]!);
    fireEvent.click(screen.getByTestId('booking-confirm'));
    const ticket = await screen.findByTestId('booking-ticket');
    expect(ticket.textContent).toContain('Rendez-vous réservé à 14:15 avec Dr Alice Martin.');
    expect(screen.getByTestId('booking-code').textContent).toBe('KM4RTX');
    expect(ticket.dataset.token).toBe('signed.ticket.token');
    // Nothing about the patient leaves the counter: the route needs none of it to hold the slot.
    expect(fake.bodies.filter((b) => b && typeof b === 'object' && 'intake' in b)).toEqual([
      {
        kioskId: 'kiosk-a',
        territory: '75',
        doctorId: 'doc-gp',
        startsAt: at('14:15'),
        intake: {
          identity: null,
          carePathway: null,
          locality: null,
          reason: { specialty: 'general-practice', text: '' },
          contact: { email: null, phone: null },
        },
      },
    ]);
    await expect
      .poll(() => screen.queryAllByTestId('appointment').map((r) => r.textContent))
      .toEqual(['14:15 Dr Alice Martin Réservé']);
  });

  it('says plainly a slot was just taken, and offers the slots still free', async () => {
    await renderPanel();
    const slots = await listSlots();
    fireEvent.click(slots[0]!);
    // The kiosk takes 14:00 a second before the pharmacist confirms.
    fake.take('14:00');
    fireEvent.click(screen.getByTestId('booking-confirm'));
    expect((await screen.findByTestId('booking-taken')).textContent).toBe(
      "Ce créneau vient d'être pris par quelqu'un d'autre. Choisissez un des créneaux encore libres :",
    );
    const offered = screen.getAllByTestId('booking-slot').map((s) => s.textContent);
    // 14:15 is gone too: the cabin is cleaned for 5 minutes after the 14:00 patient.
    expect(offered[0]).toBe('lun. 7 déc. 14:30 — Dr Alice Martin');
    expect(offered.join()).not.toContain('14:00');
    expect(screen.queryByTestId('booking-ticket')).toBeNull();
  });

  it('reads the day again every 30 s: a patient who arrives shows without a touch', async () => {
    fake.take('14:00');
    vi.useFakeTimers({ toFake: ['Date', 'setInterval', 'clearInterval'] });
    vi.setSystemTime(MONDAY_9);
    await renderPanel();
    await screen.findByTestId('appointment');
    fake.appointments[0]!.status = 'checked-in';
    await act(() => vi.advanceTimersByTimeAsync(DAY_REFRESH_MS - 1));
    expect(screen.getByTestId('appointment').dataset.status).toBe('booked');
    await act(() => vi.advanceTimersByTimeAsync(1));
    await expect.poll(() => screen.getByTestId('appointment').textContent).toBe('14:00 Dr Alice Martin Arrivé');
  });

  it('says so when the platform does not answer', async () => {
    fake.up = false;
    await renderPanel();
    expect((await screen.findByTestId('appointments-unreachable')).textContent).toBe(
      'La plateforme ne répond pas : les rendez-vous affichés ne sont peut-être plus à jour.',
    );
  });
});

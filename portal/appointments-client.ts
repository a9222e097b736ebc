import {
  APPOINTMENTS_API,
  PharmacyBookingAnswer,
  PharmacyDay,
  SlotOffer,
  type BookedIntake,
  type PharmacySlotsRequest,
} from '../common/routing/appointments';
import { z } from 'zod';

/** Why an appointments request failed: the platform's reason (a refusal), or no answer at all. */
export class AppointmentsError extends Error {
  constructor(
    readonly kind: 'refused' | 'unreachable',
    message: string,
  ) {
    super(message);
  }
}

/** A counter booking: the cabin, its département, the slot chosen and the patient's intake. */
export interface CounterBooking extends PharmacySlotsRequest {
  doctorId: string;
  startsAt: string;
}

/**
 * The portal's appointment requests (issue 17 item 5), with the session's token, to the platform that
 * served the page: the cabins' day, the slots offered, and a booking for a patient at the counter.
 */
export class AppointmentsClient {
  constructor(
    private readonly token: () => string | null,
    private readonly base = '',
  ) {}

  async day(day: string): Promise<PharmacyDay> {
    return PharmacyDay.parse(await this.call('GET', `${APPOINTMENTS_API.pharmacyDay}?day=${encodeURIComponent(day)}`));
  }

  async slots(request: PharmacySlotsRequest): Promise<SlotOffer[]> {
    return z
      .object({ slots: z.array(SlotOffer) })
      .parse(await this.call('POST', APPOINTMENTS_API.pharmacySlots, request)).slots;
  }

  /** Books the slot; a slot taken a second earlier answers `ok: false` with the slots still free. */
  async book(booking: CounterBooking): Promise<PharmacyBookingAnswer> {
    const { kioskId, territory, specialty, doctorId, startsAt } = booking;
    // Nothing about the patient is needed to hold the slot: the kiosk reads the card at check-in.
    const intake: BookedIntake = {
      identity: null,
      carePathway: null,
      locality: null,
      reason: { specialty, text: '' },
      contact: { email: null, phone: null },
    };
    const body = { kioskId, territory, doctorId, startsAt, intake };
    return PharmacyBookingAnswer.parse(await this.call('POST', APPOINTMENTS_API.pharmacyDay, body, [409]));
  }

  private async call(method: 'GET' | 'POST', path: string, body?: unknown, accepted: number[] = []): Promise<unknown> {
    const token = this.token();
    if (!token) throw new AppointmentsError('refused', 'not signed in');
    const headers: Record<string, string> = { authorization: `Bearer ${token}` };
    if (body !== undefined) headers['content-type'] = 'application/json';
    let res: Response;
    try {
      res = await fetch(`${this.base}${path}`, {
        method,
        headers,
        body: body === undefined ? undefined : JSON.stringify(body),
      });
    } catch {
      throw new AppointmentsError('unreachable', 'no answer from the platform');
    }
    const json = (await res.json().catch(() => null)) as { message?: string } | null;
    if (!res.ok && !accepted.includes(res.status))
      throw new AppointmentsError('refused', json?.message ?? `HTTP ${res.status}`);
    return json;
  }
}

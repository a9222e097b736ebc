import { BOOKING_HORIZON_DAYS, HYGIENE_MINUTES } from '../../common/routing/appointments';
import type { Appointment, StoredPlan } from './appointment-store';
import { minutesOf, parisInstant, parisWall } from './paris-time';

const DAY_MS = 24 * 3600_000;
const MINUTE_MS = 60_000;

export interface Slot {
  doctorId: string;
  doctorName: string;
  startsAt: number;
  endsAt: number;
}

/** Every slot of a plan starting in (now, now + horizon], in France's time. */
export function planSlots(stored: StoredPlan, now: number, horizonDays = BOOKING_HORIZON_DAYS): Slot[] {
  const { plan } = stored;
  const slots: Slot[] = [];
  const from = minutesOf(plan.from);
  const to = minutesOf(plan.to);
  // Day by day at Paris noon: the date never slips across midnight, whatever the season.
  for (let d = 0; d <= horizonDays; d++) {
    const w = parisWall(now + d * DAY_MS);
    if (!plan.days.includes(w.weekday)) continue;
    for (let m = from; m + plan.lengthMinutes <= to; m += plan.lengthMinutes) {
      const startsAt = parisInstant(w.year, w.month, w.day, Math.floor(m / 60), m % 60);
      if (startsAt <= now || startsAt > now + horizonDays * DAY_MS) continue;
      slots.push({
        doctorId: stored.doctorId,
        doctorName: stored.doctorName,
        startsAt,
        endsAt: startsAt + plan.lengthMinutes * MINUTE_MS,
      });
    }
  }
  return slots;
}

/** The span of the cabin a slot takes: the slot and the cleaning after it, and the cleaning before. */
export function cabinSpan(slot: Pick<Slot, 'startsAt' | 'endsAt'>): [number, number] {
  return [slot.startsAt - HYGIENE_MINUTES * MINUTE_MS, slot.endsAt + HYGIENE_MINUTES * MINUTE_MS];
}

/**
 * The slots still open: the doctor has no live appointment then, and the cabin (one patient at a
 * time, the hygiene time between two) is free for it.
 */
export function openSlots(slots: readonly Slot[], live: readonly Appointment[], kioskId: string): Slot[] {
  return slots.filter((slot) => {
    if (live.some((a) => a.doctorId === slot.doctorId && a.startsAt === slot.startsAt)) return false;
    const [from, to] = cabinSpan(slot);
    return !live.some((a) => a.kioskId === kioskId && a.startsAt < to && a.endsAt > from);
  });
}

import type { BookingEnded, CancelReason } from '../../common/routing/appointments';
import type { Clock } from '../../common/util/clock';
import { createLogger } from '../../common/util/logger';
import type { Consultation } from './consultation';
import type { ConsultationBook } from './consultation-book';

const log = createLogger('platform:calls');

/** An appointment as the queue knows it: the cabin, the booked doctor and the start. */
export interface BookedSlot {
  kioskId: string;
  doctorId: string;
  startsAt: number;
}

/** The patient of this appointment waiting (not yet in a call) in the booked doctor's room, or null. */
export function waitingForSlot(book: ConsultationBook, slot: BookedSlot): Consultation | null {
  return (
    book
      .waiting()
      .find(
        (c) =>
          c.state === 'waiting' &&
          c.kioskId === slot.kioskId &&
          c.bookedDoctorId === slot.doctorId &&
          c.appointmentAt === slot.startsAt,
      ) ?? null
  );
}

/** The patients waiting in this doctor's room for their appointment. */
export function waitingForDoctor(book: ConsultationBook, doctorId: string): Consultation[] {
  return book.waiting().filter((c) => c.state === 'waiting' && c.bookedDoctorId === doctorId);
}

/**
 * Moves a patient waiting for their booked doctor to the live queue of their specialty and
 * territory, at the place their arrival gives them (they came on time for a slot): the next publish
 * sends their kiosk the live queue's wait with `bookingEnded`, said once in the waiting room.
 */
export function releaseToLiveQueue(c: Consultation, ended: BookingEnded): void {
  c.bookedDoctorId = null;
  c.appointmentAt = null;
  c.bookingEnded = ended;
  // Sent again with the reason even if the wait is the same as before.
  c.lastQueueUpdate = '';
  log.info(`consultation ${c.id}: appointment ended (${ended.cause}), moved to the live queue`);
}

/**
 * The booked doctors' rooms (issue 17, "a doctor who cancels"): a patient waiting there is moved to
 * the live queue, told why, when the doctor cancels the appointment, or when the doctor's last
 * console has been gone for the doctor's grace period (a reload comes back well within it).
 */
export class BookedRooms {
  private readonly gone = new Map<string, unknown>();

  private readonly deps: {
    book: ConsultationBook;
    board: { isOnline(doctorId: string): boolean; publish(): void };
    clock: Pick<Clock, 'setTimeout' | 'clearTimeout'>;
    graceMs: number;
  };

  constructor(
    book: ConsultationBook,
    board: BookedRooms['deps']['board'],
    clock: BookedRooms['deps']['clock'],
    graceMs: number,
  ) {
    this.deps = { book, board, clock, graceMs };
  }

  /** Whether the checked-in patient of this appointment still waits for the doctor. */
  isWaiting(slot: BookedSlot): boolean {
    return waitingForSlot(this.deps.book, slot) !== null;
  }

  /** The doctor cancelled: their waiting patient goes to the live queue; false when none waited. */
  cancelled(slot: BookedSlot, reason: CancelReason): boolean {
    const c = waitingForSlot(this.deps.book, slot);
    if (!c) return false;
    releaseToLiveQueue(c, { cause: 'cancelled', reason });
    this.deps.board.publish();
    return true;
  }

  /** A doctor's console closed: with none left after the grace period, their waiting patients go on. */
  doctorLeft(doctorId: string | null): void {
    const { board, book, clock } = this.deps;
    if (doctorId === null || board.isOnline(doctorId) || this.gone.has(doctorId)) return;
    if (waitingForDoctor(book, doctorId).length === 0) return;
    const timer = clock.setTimeout(() => {
      this.gone.delete(doctorId);
      if (board.isOnline(doctorId)) return;
      const waiting = waitingForDoctor(book, doctorId);
      for (const c of waiting) releaseToLiveQueue(c, { cause: 'doctor-gone' });
      if (waiting.length > 0) board.publish();
    }, this.deps.graceMs);
    (timer as { unref?: () => void } | null)?.unref?.();
    this.gone.set(doctorId, timer);
  }

  close(): void {
    for (const timer of this.gone.values()) this.deps.clock.clearTimeout(timer);
    this.gone.clear();
  }
}

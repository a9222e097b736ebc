import { createLogger } from '../../common/util/logger';
import type { Consultation, KioskLink } from './consultation';
import type { ConsultationRooms } from './consultation-rooms';
import type { QueueBoard } from './queue-board';
import type { MediaRoom } from './room';

const log = createLogger('platform:calls:prepared');

/**
 * At most this many rooms are prepared at once, whatever the number of queues and doctors online:
 * each holds a router, the kiosk's two transports and the platform's vitals tap, and its paused
 * camera and microphone on a media worker (about what a call in progress holds) while nobody talks.
 */
export const MAX_PREPARED_ROOMS = 8;

/**
 * Issue 22, faster call set-up: the room of the next call is opened while its patient waits, and
 * the kiosk opens its transports in it and produces its camera and microphone PAUSED, so that the
 * accept only resumes them and the doctor's side is left to negotiate.
 *
 * Which patients: the head of each queue (position 1 in their specialty and territory, as the
 * board counts) whose kiosk is connected and who is in the cabin, longest-waiting first, no more
 * than there are doctors online (each takes one patient at a time: another room could not be
 * accepted next) and never more than MAX_PREPARED_ROOMS. A patient who is no longer one of them —
 * who left, stepped away, dropped back or lost their socket — has their room closed and, if their
 * kiosk is still there, is told to close what it prepared (release-media).
 *
 * Privacy: nothing leaves the cabin before a doctor accepts. The kiosk produces with inactive
 * encodings (no RTP is sent), the SFU makes its producers paused, and a prepared room refuses
 * every request but the kiosk's transports and producers (room.ts) until the accept's goLive().
 */
export class PreparedRooms {
  /** Rooms being opened, by consultation id (an accept in between takes the pending one). */
  private readonly opening = new Map<string, Promise<MediaRoom | null>>();
  /** The kiosk link each prepared room was prepared for: a kiosk back on a new socket prepares again. */
  private readonly preparedFor = new Map<string, KioskLink>();
  /**
   * The consultations with a room prepared or being prepared: the only ones a review looks at
   * besides the heads (with thousands waiting, each publish must not walk them all again).
   */
  private readonly held = new Map<string, Consultation>();

  constructor(
    private readonly rooms: Pick<ConsultationRooms, 'open'>,
    /** Who is at the head of each queue, and how many doctors are online. */
    private readonly board: Pick<QueueBoard, 'heads' | 'doctorsOnline'>,
    /** A patient who left the cabin keeping their place (away-places.ts). */
    private readonly isAway: (c: Consultation) => boolean,
  ) {}

  /** After each change of the queue: prepares for the patients next in line, releases the others. */
  review(): void {
    const limit = Math.min(MAX_PREPARED_ROOMS, this.board.doctorsOnline());
    const heads = this.board.heads().filter((c) => c.kiosk !== null && !this.isAway(c));
    const wanted = new Map(heads.slice(0, limit).map((c) => [c.id, c]));
    for (const c of this.held.values()) {
      const stale = c.room !== null && this.preparedFor.get(c.id) !== c.kiosk;
      if (!wanted.has(c.id) || stale || c.state !== 'waiting') this.release(c);
    }
    for (const c of wanted.values()) this.prepare(c);
  }

  /**
   * The accept: the prepared room of this consultation (waiting for it while it opens), now the
   * caller's; null when there is none or it was lost.
   */
  async take(c: Consultation): Promise<MediaRoom | null> {
    this.held.delete(c.id);
    this.preparedFor.delete(c.id);
    const pending = this.opening.get(c.id);
    this.opening.delete(c.id);
    const room = c.room ?? (pending ? await pending : null);
    return room && !room.isClosed ? room : null;
  }

  /**
   * Closes the room prepared for this waiting consultation (or the one being opened) and tells its
   * kiosk; a room live with a doctor is never touched here.
   */
  release(c: Consultation): void {
    const pending = this.opening.get(c.id);
    this.opening.delete(c.id);
    // Left to close when it opens (see prepare): it is no longer ours.
    void pending?.then((room) => room?.close());
    this.preparedFor.delete(c.id);
    this.held.delete(c.id);
    if (c.state !== 'waiting' || !c.room || c.room.isLive) return;
    c.room.close();
    c.room = null;
    c.kiosk?.send({ type: 'release-media', consultationId: c.id });
    log.debug(`consultation ${c.id}: prepared room released`);
  }

  /** The accept gave up after taking the room (see take): closed, and a prepared one's kiosk told. */
  drop(c: Consultation): void {
    const room = c.room;
    c.room = null;
    room?.close();
    if (room && !room.isLive) c.kiosk?.send({ type: 'release-media', consultationId: c.id });
  }

  private prepare(c: Consultation): void {
    if (c.room || this.opening.has(c.id)) return;
    const kiosk = c.kiosk;
    const opening: Promise<MediaRoom | null> = this.rooms.open(c, true).then(
      (room) => {
        // Taken by an accept meanwhile (it uses it) or released (closed by release): not ours.
        if (this.opening.get(c.id) !== opening) return room;
        this.opening.delete(c.id);
        if (c.state !== 'waiting' || c.room || !kiosk || c.kiosk !== kiosk) {
          this.held.delete(c.id);
          room.close();
          return null;
        }
        c.room = room;
        this.preparedFor.set(c.id, kiosk);
        kiosk.send({ type: 'prepare-media', consultationId: c.id });
        return room;
      },
      (error: unknown) => {
        if (this.opening.get(c.id) !== opening) return null;
        this.opening.delete(c.id);
        this.held.delete(c.id);
        // The accept opens one itself: only the head start is lost.
        log.warn(`consultation ${c.id}: no room prepared: ${(error as Error).message}`);
        return null;
      },
    );
    this.opening.set(c.id, opening);
    this.held.set(c.id, c);
  }

  /** The call center closes: rooms still opening are closed as they open (the others close with their consultations). */
  close(): void {
    for (const pending of this.opening.values()) void pending.then((room) => room?.close());
    this.opening.clear();
    this.preparedFor.clear();
    this.held.clear();
  }

  /** The prepared room died with its worker: forgotten, the kiosk told, and another prepared. */
  lost(c: Consultation): void {
    if (c.state !== 'waiting' || !c.room?.isClosed) return;
    c.room = null;
    this.preparedFor.delete(c.id);
    this.held.delete(c.id);
    c.kiosk?.send({ type: 'release-media', consultationId: c.id });
    this.review();
  }
}

import type { Measurement } from '../../common/devices/measurement';
import type { PatientIdentity } from '../../common/identity/identity';
import type { DoctorInfo } from '../../common/signaling/messages';
import type { Clock } from '../../common/util/clock';
import { createLogger } from '../../common/util/logger';
import { StaleEpochError } from '../cluster/call-fence';
import type { AwayPlace } from './away-places';
import type { CallCenter } from './call-center';
import { newConsultation, type Consultation, type DoctorLink, type KioskLink } from './consultation';
import type { ConsultationBook } from './consultation-book';
import type { MediaRoom } from './room';

const log = createLogger('platform:queue');

/** An ended session is remembered this long (a call ticket lives 2 h): its ticket cannot queue again. */
const ENDED_KEPT_MS = 3 * 3600_000;

/** A consultation as stored: enough to put it back in the queue at its place after a restart. */
export interface SavedConsultation {
  consultationId: string;
  sessionId: string;
  kioskId: string;
  queueEntry: Consultation['queueEntry'];
  identity: PatientIdentity | null;
  /** ms since the epoch: the place in the queue. */
  joinedAt: number;
  state: 'waiting' | 'in-call' | 'ended';
  /**
   * A call under way: its doctor, since when, and the readings taken so far (sealed with the entry).
   * Another node taking the calls over puts it back in call, its doctor to rejoin (server/cluster).
   */
  call?: { doctor: DoctorInfo; acceptedAt: number; measurements: Measurement[] } | null;
  /**
   * The appointment the patient checked in for (issue 17): its doctor and start. Without it a booked
   * patient came back from a restart or a failover as a live-queue patient, offered to any doctor.
   * Absent from rows written before it was kept.
   */
  booked?: { doctorId: string; appointmentAt: number | null } | null;
}

/** One step of the journal, written in one transaction. */
export interface QueueChanges {
  put: SavedConsultation[];
  remove: string[];
  putPlaces: AwayPlace[];
  removePlaces: string[];
}

/** Where the queue is kept (the records database: SQLite or PostgreSQL). */
export interface QueueStore {
  /** What was stored, ended sessions that joined before `endedBefore` dropped first. */
  load(endedBefore: number): Promise<{ consultations: SavedConsultation[]; places: AwayPlace[] }>;
  write(changes: QueueChanges): Promise<void>;
}

type Calls = Pick<CallCenter, 'away' | 'onChange' | 'kioskDisconnected' | 'doctorOffline' | 'stored'>;

/** Opens a media room for a call restored in call (the platform's worker pool); absent: calls wait again. */
export type RoomOpener = (c: Consultation) => Promise<MediaRoom>;

function saved(c: Consultation): SavedConsultation {
  const { id: consultationId, sessionId, kioskId, queueEntry, identity, joinedAt } = c;
  const inCall = c.state === 'in-call' && c.doctor !== null && c.acceptedAt !== null;
  const call = inCall ? { doctor: c.doctor!, acceptedAt: c.acceptedAt!, measurements: [...c.measurements] } : null;
  const booked = c.bookedDoctorId ? { doctorId: c.bookedDoctorId, appointmentAt: c.appointmentAt } : null;
  return { consultationId, sessionId, kioskId, queueEntry, identity, joinedAt, state: c.state, call, booked };
}

/** Whether the store already holds this consultation as it is (its state, and its readings in call). */
function unchanged(row: SavedConsultation | undefined, c: Consultation): boolean {
  return (
    row?.state === c.state &&
    (row.call?.measurements.length ?? 0) === (c.state === 'in-call' ? c.measurements.length : 0)
  );
}

/**
 * Nothing that matters lives only in the platform's memory: after every change of the queue (the
 * call center's onChange) the consultations under way and the places kept for patients who left the
 * cabin are written to the store, as a difference, in order. After a restart (a SIGKILL included)
 * `restore` puts them back: a kiosk that rejoins with its session gets its place and its estimate
 * back, not the end of the queue; a call cut by the restart waits again at its original place.
 * A kiosk's join is answered once its place is stored (`flush`, through CallCenter.stored); other
 * changes are written just after they happen, in order.
 */
export class QueueJournal {
  /** What the store holds of each consultation; only its state changes (the other fields are fixed at the join). */
  private readonly written = new Map<string, SavedConsultation>();
  private readonly writtenPlaces = new Map<string, string>();
  private tail: Promise<void> = Promise.resolve();
  private unsubscribe: (() => void) | null = null;
  /** Storage refused this node's epoch (server/cluster/call-fence.ts): nothing it answers from now on is stored. */
  private fenced: StaleEpochError | null = null;

  constructor(
    private readonly store: QueueStore,
    private readonly book: ConsultationBook,
    private readonly calls: Calls,
    private readonly clock: Clock,
    private readonly openRoom: RoomOpener | null = null,
  ) {}

  /** Puts the stored queue back (before the platform listens), then follows every change. */
  async start(): Promise<{ consultations: number; places: number }> {
    const { consultations, places } = await this.store.load(this.clock.now() - ENDED_KEPT_MS);
    const lost: KioskLink[] = [];
    const doctorsLost: DoctorLink[] = [];
    for (const s of consultations) {
      if (s.state === 'ended') {
        this.book.rememberEnded(s.sessionId, s.consultationId);
        continue;
      }
      // A link that died with the old process: the kiosk's grace starts on it just below.
      const link: KioskLink = { id: `before-restart-${s.consultationId}`, send: () => {} };
      const { consultationId: id, sessionId, kioskId, queueEntry, identity, joinedAt } = s;
      const booked = { bookedDoctorId: s.booked?.doctorId ?? null, appointmentAt: s.booked?.appointmentAt ?? null };
      const fields = { kioskId, sessionId, queueEntry, identity, devices: [], kiosk: link, joinedAt, ...booked };
      const c = { ...newConsultation(fields), id };
      this.book.add(c);
      lost.push(link);
      if (s.state === 'in-call' && s.call) await this.backInCall(c, s.call, doctorsLost);
    }
    const away = places.filter((p) => this.book.get(p.consultationId));
    for (const place of away) this.book.get(place.consultationId)!.kiosk = null;
    this.calls.away.restore(away);
    // Each kiosk has its grace period to rejoin, as after a cut; one that never does leaves the queue.
    // One publish at the end: each is a pass over the whole queue.
    // And each doctor of a call under way has theirs to rejoin it (a new room is open for both).
    for (const link of doctorsLost) this.calls.doctorOffline(link);
    lost.forEach((link, i) => this.calls.kioskDisconnected(link, i === lost.length - 1));
    this.unsubscribe = this.calls.onChange(() => this.record());
    this.calls.stored = () => this.flush();
    this.record();
    const restored = { consultations: lost.length, places: away.length };
    if (lost.length > 0) log.info(`queue restored: ${lost.length} consultation(s), ${away.length} kept place(s)`);
    return restored;
  }

  /**
   * A call cut by the loss of the node that held it: in call again with its doctor and readings, in
   * a new room; when no room opens, it waits again at its place (the doctor takes it again).
   */
  private async backInCall(c: Consultation, call: NonNullable<SavedConsultation['call']>, doctors: DoctorLink[]) {
    if (!this.openRoom) return;
    try {
      c.room = await this.openRoom(c);
    } catch (error) {
      log.error(`consultation ${c.id}: no room to resume its call, it waits again: ${(error as Error).message}`);
      return;
    }
    const link: DoctorLink = { id: `before-restart-doctor-${c.id}`, send: () => {} };
    Object.assign(c, { state: 'in-call', doctor: call.doctor, acceptedAt: call.acceptedAt, doctorLink: link });
    c.measurements = [...call.measurements];
    doctors.push(link);
  }

  /**
   * Writes what changed and resolves once it is stored (or failed: logged, written again later);
   * rejects once storage fenced this node out: a join or an accept is not answered as stored.
   */
  async flush(): Promise<void> {
    this.record();
    await this.tail;
    if (this.fenced) throw this.fenced;
  }

  /** Writes what changed since the last write (queued behind it: the store sees changes in order). */
  record(): void {
    const changes: QueueChanges = { put: [], remove: [], putPlaces: [], removePlaces: [] };
    const present = new Set<string>();
    for (const c of this.book.all()) {
      present.add(c.id);
      // A comparison of states, not of serialised rows: this runs at every publish of the whole queue.
      if (unchanged(this.written.get(c.id), c)) continue;
      const row = saved(c);
      this.written.set(c.id, row);
      changes.put.push(row);
    }
    for (const [id, row] of this.written) {
      if (present.has(id)) continue;
      this.written.delete(id);
      // Ended with its session kept (a replayed ticket is refused), or forgotten (it may queue again).
      if (this.book.forSession(row.sessionId) === 'ended') changes.put.push({ ...row, state: 'ended' });
      else changes.remove.push(id);
    }
    this.diffPlaces(changes);
    if (changes.put.length + changes.remove.length + changes.putPlaces.length + changes.removePlaces.length === 0)
      return;
    this.tail = this.tail.then(() => this.store.write(changes)).catch((error: unknown) => this.failed(error));
  }

  private diffPlaces(changes: QueueChanges): void {
    const held = new Map(this.calls.away.held().map((p) => [p.consultationId, p]));
    for (const [id, place] of held) {
      const json = JSON.stringify(place);
      if (this.writtenPlaces.get(id) === json) continue;
      this.writtenPlaces.set(id, json);
      changes.putPlaces.push({ ...place });
    }
    for (const id of this.writtenPlaces.keys()) {
      if (held.has(id)) continue;
      this.writtenPlaces.delete(id);
      changes.removePlaces.push(id);
    }
  }

  /** A failed write: everything is written again at the next change (puts are upserts). */
  private failed(error: unknown): void {
    if (error instanceof StaleEpochError) {
      this.fenced = error;
      return log.error(`queue not stored: ${error.message}`);
    }
    log.error(`queue not stored, written again at the next change: ${(error as Error).message}`);
    this.written.clear();
    this.writtenPlaces.clear();
  }

  /** Stops following (before the call center closes: its emptied book must not be written) and waits for the writes. */
  async stop(): Promise<void> {
    this.unsubscribe?.();
    this.unsubscribe = null;
    this.calls.stored = () => Promise.resolve();
    await this.tail;
  }
}

import type { AuscultationReport } from '../../common/auscultation/auscultation';
import type { ExamCameraReport } from '../../common/exam-camera/exam-camera';
import type { types } from 'mediasoup';
import type { Prescription } from '../../common/consultation/prescription';
import type { DeviceStatus } from '../../common/devices/device-status';
import type {
  ConsultationNote,
  ConsultationReport,
  DoctorInfo,
  DoctorMethods,
  KioskEvent,
  KioskMethods,
  MediaMethods,
  ParamsOf,
  PrescriptionDraft,
  QueueItem,
  ResultOf,
} from '../../common/signaling/messages';
import { systemClock, type Clock } from '../../common/util/clock';
import { createLogger } from '../../common/util/logger';
import type { Participation } from '../access/consultation-access';
import type { CallGrant } from '../auth/call-tokens';
import { explainIceServerError } from '../media/turn-credentials';
import { canTake } from '../queue/routing';
import { BookedRooms, bookedFields, NOT_BOOKED, routedOf, type BookedFields, type BookedLookup } from './booked-entry';
import {
  acceptedView,
  consultationReport,
  newConsultation,
  type Consultation,
  type DoctorLink,
  type EndReason,
  type KioskLink,
} from './consultation';
import { ConnectionGrace } from './connection-grace';
import { rejoinKnownSession } from './kiosk-rejoin';
import { ConsultationBook } from './consultation-book';
import { ConsultationRooms, type RoomSetup } from './consultation-rooms';
import { issueOnce } from './issue-once';
import { inCallRef, type InCallRef } from './in-call-ref';
import type { PrescriptionIssuer } from './prescription-issuer';
import { AwayPlaces, DEFAULT_CALLBACK_HOLD_MS, type AwayPlace } from './away-places';
import { PreparedRooms } from './prepared-rooms';
import { QueueBoard, type DoctorPresence, type QueuePlaces } from './queue-board';
import { ReportKeeper } from './report-keeper';
import type { MediaRequest } from './room';
import { SignalFailure } from './signal-failure';

export type { DoctorLink, KioskLink, Link } from './consultation';

const log = createLogger('platform:calls');

/** How often waiting kiosks' estimates are recomputed (sent only when they change). */
const REFRESH_MS = 30_000;

/** The router, media addresses and TURN servers are the rooms' (consultation-rooms.ts). */
export interface CallCenterOptions extends RoomSetup, BookedLookup, QueuePlaces {
  prescriptions: PrescriptionIssuer;
  clock?: Clock;
  /** How long a kiosk keeps its place or its call while its socket is down. Default 60 s. */
  kioskGraceMs?: number;
  /** How long a call waits for a doctor whose console dropped. Default 120 s. */
  doctorGraceMs?: number;
  /**
   * Stores a finished consultation's report durably (server/records/consultation-reports.ts); throws
   * when it cannot. The doctor's end of the call waits for it, and fails while it throws.
   */
  storeReport?(report: ConsultationReport, identity: Consultation['identity']): void | Promise<void>;
  /**
   * Records that a doctor took part in a consultation (server/access: who may read its records); a
   * throw refuses the accept, since the doctor could not read the records of their own call.
   */
  recordParticipation?(participation: Participation): void | Promise<void>;
  /**
   * The capabilities every consultation router has (the same codecs): answered to a waiting kiosk
   * and a doctor between calls, so both load their Device before the accept, not after it.
   */
  routerCapabilities?(): Promise<types.RtpCapabilities>;
  /** How long a called-back patient's place is held (PLATFORM_CALLBACK_HOLD_MINUTES). Default 10 min. */
  callbackHoldMs?: number;
  /** The consultations, shared with the queue's journal (queue-journal.ts) that stores them; default a new one. */
  book?: ConsultationBook;
}

/**
 * The waiting queue and the consultations: who waits, who is in a call with whom, and the room of
 * each call. Every method is called by the signalling layer after validation and authentication;
 * refusals throw SignalFailure. The parts live beside it: the consultations (consultation-book.ts),
 * the queue and its estimates (queue-board.ts), the media rooms (consultation-rooms.ts).
 */
export class CallCenter {
  private readonly book: ConsultationBook;
  /** Public for the kiosk's "now" choice (the estimate a newcomer would be told). */
  readonly board: QueueBoard;
  private readonly rooms: ConsultationRooms;
  /** The rooms of the next calls, opened while their patients wait (prepared-rooms.ts). */
  private readonly prepared: PreparedRooms;
  private readonly grace: ConnectionGrace;
  private readonly clock: Clock;
  private readonly reports: ReportKeeper;
  /** Places kept for patients who left the cabin (the pharmacist's portal calls them back). */
  readonly away: AwayPlaces;
  /** Booked doctors' rooms: their waiting patients go to the live queue when the doctor is not coming. */
  readonly bookedRooms: BookedRooms;

  /**
   * Resolves once the queue as it is now is stored (set by the queue's journal, queue-journal.ts);
   * at once without one. A kiosk's place is answered after it: a kill just after keeps it.
   */
  stored: () => Promise<void> = () => Promise.resolve();

  private refreshTimer: unknown = null;
  private readonly changeListeners = new Set<() => void>();

  constructor(private readonly options: CallCenterOptions) {
    this.clock = options.clock ?? systemClock;
    this.book = options.book ?? new ConsultationBook();
    this.grace = new ConnectionGrace(this.clock, {
      kiosk: options.kioskGraceMs ?? 60_000,
      doctor: options.doctorGraceMs ?? 120_000,
    });
    const changed = () => this.changeListeners.forEach((l) => l());
    this.away = new AwayPlaces({
      clock: this.clock,
      holdMs: options.callbackHoldMs ?? DEFAULT_CALLBACK_HOLD_MS,
      queue: { book: this.book, board: () => this.board, finish: (c) => this.finish(c, 'kiosk-left', null) },
      changed,
    });
    const published = () => (this.away.review(), this.prepared.review(), changed());
    this.board = new QueueBoard(this.book, this.clock, published, (c) => this.away.isAway(c.id), options.placeOf);
    this.bookedRooms = new BookedRooms(this.book, this.board, this.clock, options.doctorGraceMs ?? 120_000);
    this.reports = new ReportKeeper((report, identity) => options.storeReport?.(report, identity));
    this.rooms = new ConsultationRooms({
      createRouter: options.createRouter,
      network: options.network,
      iceServers: options.iceServers,
      placeRoom: options.placeRoom,
      onRoomLost: (c) => this.finish(c, 'connection-lost', null),
      onMeasurement: () => this.measurementKept(),
      onPreparedLost: (c) => this.prepared.lost(c),
    });
    this.prepared = new PreparedRooms(this.rooms, this.board, (c) => this.away.isAway(c.id));
    this.scheduleRefresh();
  }

  /** Estimates move as calls under way run on: re-publish (changes only) every REFRESH_MS. */
  private scheduleRefresh() {
    this.refreshTimer = this.clock.setTimeout(() => {
      this.board.publish();
      // Also the moment to store again a report a failure kept in memory.
      void this.reports.retry();
      this.scheduleRefresh();
    }, REFRESH_MS);
    (this.refreshTimer as { unref?: () => void } | null)?.unref?.();
  }

  // -------------------------------------------------------------------------------------------
  // Kiosk side
  // -------------------------------------------------------------------------------------------

  /** The booked doctor of a checked-in appointment (looked up in storage before the join: joinQueue's `booked`). */
  readonly bookedFor = (kioskId: string, appointmentId: string | undefined): Promise<BookedFields> =>
    bookedFields(this.options.bookedAppointment, kioskId, appointmentId);

  /** Joins the queue, or re-attaches a kiosk to its consultation (same session) after a cut. */
  joinQueue(
    link: KioskLink,
    grant: CallGrant,
    params: ParamsOf<KioskMethods, 'join-queue'>,
    booked: BookedFields = NOT_BOOKED,
  ): ResultOf<KioskMethods, 'join-queue'> {
    if (grant.sessionId !== params.sessionId)
      throw new SignalFailure('unauthorised', 'the ticket is for another session');
    const { book, away, grace, board } = this;
    const rejoined = rejoinKnownSession({ book, away, grace, board }, grant, link, params.devices);
    if (rejoined) return rejoined;
    // A patient the pharmacist brought back to this cabin takes the place they kept.
    const resumed = this.away.takeResuming(grant.kioskId);
    const c = newConsultation({
      ...booked,
      kioskId: grant.kioskId,
      sessionId: params.sessionId,
      queueEntry: params.queueEntry,
      identity: params.identity,
      devices: params.devices,
      kiosk: link,
      joinedAt: resumed?.joinedAt ?? this.clock.now(),
    });
    this.book.add(c);
    log.info(`consultation ${c.id} queued (kiosk ${c.kioskId})`);
    // The join's own response carries the first estimate; updates follow as events.
    const wait = this.board.waitToAnswer(c);
    this.board.publishSoon();
    return { consultationId: c.id, state: 'waiting', ...wait, doctor: null, resumedTicket: resumed?.ticket ?? null };
  }

  /** The kiosk's socket closed: keep its place / call for the grace period. */
  /** `publish` false: more follow at once (the queue's journal restoring many); the last one publishes. */
  kioskDisconnected(link: KioskLink, publish = true): void {
    const c = this.book.byKioskLink(link);
    if (!c) return;
    c.kiosk = null;
    log.info(`consultation ${c.id}: kiosk link lost (${c.state})`);
    if (c.state === 'in-call')
      c.doctorLink?.send({ type: 'peer-state', consultationId: c.id, peer: 'kiosk', state: 'reconnecting' });
    this.grace.start(c, 'kiosk', () => {
      if (c.kiosk || c.state === 'ended') return;
      log.info(`consultation ${c.id}: kiosk did not come back`);
      if (c.state === 'in-call')
        c.doctorLink?.send({ type: 'peer-state', consultationId: c.id, peer: 'kiosk', state: 'gone' });
      this.finish(c, 'connection-lost', null);
    });
    if (publish) this.board.publish();
  }

  /**
   * The patient leaves the cabin keeping their place: the consultation stays in the queue with no
   * kiosk (its socket may close), hidden from doctors, until called back and resumed, or released.
   */
  stepAway(link: KioskLink, phone: string | null): AwayPlace {
    return this.away.stepAway(this.book.requireKiosk(link), phone);
  }

  leaveQueue(link: KioskLink): void {
    const c = this.book.requireKiosk(link);
    log.info(`consultation ${c.id}: kiosk left (${c.state})`);
    this.finish(c, 'kiosk-left', null);
  }

  updateDevices(link: KioskLink, devices: DeviceStatus[]): void {
    const c = this.book.requireKiosk(link);
    c.devices = devices;
    c.doctorLink?.send({ type: 'kiosk-devices', consultationId: c.id, devices });
  }

  reportMediaState(link: KioskLink, { state, iceServerError }: ParamsOf<KioskMethods, 'report-media-state'>): void {
    const c = this.book.requireKiosk(link);
    if (iceServerError) log.warn(`consultation ${c.id}, kiosk ${c.kioskId}: ${explainIceServerError(iceServerError)}`);
    c.doctorLink?.send({ type: 'peer-state', consultationId: c.id, peer: 'kiosk', state });
  }

  /** The kiosk's word on the stethoscope or the examination camera, relayed to its doctor. */
  reportExamDevice(
    link: KioskLink,
    report:
      | { type: 'auscultation-state'; report: AuscultationReport }
      | { type: 'exam-camera-state'; report: ExamCameraReport },
  ): void {
    const c = this.book.requireKiosk(link);
    c.doctorLink?.send({ ...report, consultationId: c.id });
  }

  kioskMedia<R extends MediaRequest>(link: KioskLink, request: R): Promise<ResultOf<MediaMethods, R['type']>> {
    const c = this.book.requireKiosk(link);
    if (!c.room && request.type === 'get-router-capabilities')
      return this.capabilitiesBeforeCall() as Promise<ResultOf<MediaMethods, R['type']>>;
    // A waiting patient's room exists only once prepared (prepare-media); it refuses what needs a doctor.
    if (!c.room) throw new SignalFailure('conflict', 'no call yet: wait for doctor-accepted');
    return c.room.handle('kiosk', request);
  }

  // -------------------------------------------------------------------------------------------
  // Doctor side
  // -------------------------------------------------------------------------------------------

  /** A console signed in (or resumed its session): `presence` says whom it may take and its duty. */
  doctorOnline(link: DoctorLink, presence: DoctorPresence): void {
    // A doctor reconnecting takes their call back with `rejoin` (within the grace period).
    this.board.doctorOnline(link, presence);
    this.board.publish();
  }

  /** The session's consoles go on or off duty; the waiting patients' estimates follow at once. */
  setOnDuty(token: string, onDuty: boolean): void {
    this.board.setOnDuty(token, onDuty);
    this.board.publish();
  }

  doctorOffline(link: DoctorLink): void {
    this.bookedRooms.doctorLeft(this.board.doctorOffline(link));
    for (const c of this.book.inCall()) {
      if (c.doctorLink !== link) continue;
      c.doctorLink = null;
      c.kiosk?.send({ type: 'peer-state', consultationId: c.id, peer: 'doctor', state: 'reconnecting' });
      this.grace.start(c, 'doctor', () => {
        if (c.doctorLink || c.state === 'ended') return;
        c.kiosk?.send({ type: 'peer-state', consultationId: c.id, peer: 'doctor', state: 'gone' });
        this.finish(c, 'connection-lost', null);
      });
    }
    this.board.publish();
  }

  subscribeQueue(link: DoctorLink, doctor: DoctorInfo): ResultOf<DoctorMethods, 'subscribe-queue'> {
    this.board.subscribe(link);
    // A console opened elsewhere (another tab, a restarted browser) learns of the call its doctor
    // left in its grace period, so it can take it back instead of being refused as busy.
    const ownCall = this.book.activeFor(doctor.id)?.id ?? null;
    return { entries: this.board.itemsFor(link), doctorsOnDuty: this.board.doctorsOnDuty(), ownCall };
  }

  async accept(
    link: DoctorLink,
    doctor: DoctorInfo,
    consultationId: string,
  ): Promise<ResultOf<DoctorMethods, 'accept'>> {
    const c = this.book.get(consultationId);
    if (!c || c.state === 'ended') throw new SignalFailure('not-found', 'no such consultation waiting');
    if (c.state === 'in-call') throw new SignalFailure('conflict', 'another doctor already accepted this patient');
    if (this.away.isAway(c.id))
      throw new SignalFailure('conflict', 'this patient left the cabin and has not come back yet');
    // The list shows a doctor only the patients they may take; a request naming another is refused
    // here too (a paediatric request never reaches a doctor who is not a paediatrician).
    if (!canTake(this.board.scopeOf(link), routedOf(c), doctor.id))
      throw new SignalFailure('forbidden', 'this patient is outside your specialties or territories');
    if (this.book.activeFor(doctor.id))
      throw new SignalFailure('busy', 'you already have a consultation in call: rejoin or end it first');
    const position = this.board.waitFor(c).position;
    // Taken before the await so a second doctor's accept is refused.
    c.state = 'in-call';
    c.doctor = doctor;
    c.doctorLink = link;
    const acceptedAt = this.clock.now();
    c.acceptedAt = acceptedAt;
    this.board.announceAccepting(c, position);
    const undo = () => {
      c.state = 'waiting';
      c.doctor = null;
      c.doctorLink = null;
      c.acceptedAt = null;
    };
    try {
      // The room prepared while the patient waited, with the kiosk's transports and paused producers.
      c.room = (await this.prepared.take(c)) ?? (await this.rooms.open(c));
    } catch (error) {
      undo();
      log.error(`consultation ${c.id}: no router: ${(error as Error).message}`);
      throw new SignalFailure('internal', 'the media server could not open a room');
    }
    try {
      const participation = { consultationId: c.id, sessionId: c.sessionId, kioskId: c.kioskId, at: acceptedAt };
      await this.options.recordParticipation?.({ ...participation, doctorId: doctor.id });
    } catch (error) {
      // A prepared room's kiosk is told (it prepares again as the next review says).
      this.prepared.drop(c);
      undo();
      log.error(`consultation ${c.id}: participation not recorded: ${(error as Error).message}`);
      throw new SignalFailure('internal', 'the platform could not record that you took this patient: try again');
    }
    // From here the kiosk's media may flow: the SFU resumes what it produced while waiting.
    await c.room.goLive();
    log.info(`consultation ${c.id} accepted by doctor ${doctor.id}`);
    this.board.recordAccept(c, doctor.id, c.acceptedAt);
    c.kiosk?.send({ type: 'doctor-accepted', consultationId: c.id, doctor });
    this.board.publish();
    return acceptedView(c);
  }

  rejoin(link: DoctorLink, doctor: DoctorInfo, consultationId: string): ResultOf<DoctorMethods, 'rejoin'> {
    const c = this.book.ownedBy(doctor, consultationId);
    this.grace.cancel(c, 'doctor');
    c.doctorLink = link;
    c.room?.resetPeer('doctor');
    c.kiosk?.send({ type: 'peer-state', consultationId: c.id, peer: 'doctor', state: 'connected' });
    return acceptedView(c);
  }

  requestMeasurement(
    doctor: DoctorInfo,
    consultationId: string,
    kind: ParamsOf<DoctorMethods, 'request-measurement'>['kind'],
  ): void {
    this.toKiosk(doctor, consultationId, { type: 'measurement-requested', consultationId, kind });
  }

  /**
   * A doctor's request to the kiosk of their consultation (the stethoscope at a site, the
   * examination camera, and their ends); refused while the kiosk reconnects.
   */
  toKiosk(doctor: DoctorInfo, consultationId: string, event: KioskEvent): void {
    const c = this.book.ownedBy(doctor, consultationId);
    if (!c.kiosk) throw new SignalFailure('conflict', 'the kiosk is reconnecting; ask again in a moment');
    c.kiosk.send(event);
  }

  verifyIdentity(doctor: DoctorInfo, consultationId: string, verified: boolean): void {
    const c = this.book.ownedBy(doctor, consultationId);
    c.identityVerified = verified;
    c.kiosk?.send({ type: 'identity-verified', consultationId: c.id, verified });
  }

  saveNote(doctor: DoctorInfo, consultationId: string, note: ConsultationNote): void {
    this.book.ownedBy(doctor, consultationId).note = note;
  }

  async endCall(
    doctor: DoctorInfo,
    consultationId: string,
    draft: PrescriptionDraft | null,
    note: ConsultationNote,
  ): Promise<ResultOf<DoctorMethods, 'end-call'>> {
    const c = this.book.ownedBy(doctor, consultationId);
    c.note = note;
    const prescription = draft ? await issueOnce(this.options.prescriptions, c, doctor, draft) : null;
    // Still in call with this doctor once the prescription is stored (ownedBy throws if not): a report.
    const report = consultationReport(this.book.ownedBy(doctor, consultationId), this.clock.now(), prescription)!;
    try {
      await this.reports.storeNow(report, c.identity);
    } catch (error) {
      // The call stays open: nothing was sent to the kiosk, the console keeps the notes to retry.
      log.error(`consultation ${c.id}: report not stored, the call stays open: ${(error as Error).message}`);
      throw new SignalFailure(
        'internal',
        'the report could not be stored, so the consultation is not ended: your notes and prescription are kept; try again',
      );
    }
    this.finish(c, 'doctor-ended', prescription, report);
    return { report };
  }

  doctorMedia<R extends MediaRequest>(link: DoctorLink, request: R): Promise<ResultOf<MediaMethods, R['type']>> {
    const c = this.book.inCallWith(link);
    if (!c?.room && request.type === 'get-router-capabilities')
      return this.capabilitiesBeforeCall() as Promise<ResultOf<MediaMethods, R['type']>>;
    if (!c?.room) throw new SignalFailure('conflict', 'accept a patient first');
    return c.room.handle('doctor', request);
  }

  /** get-router-capabilities before the room exists (see CallCenterOptions.routerCapabilities). */
  private async capabilitiesBeforeCall(): Promise<ResultOf<MediaMethods, 'get-router-capabilities'>> {
    if (!this.options.routerCapabilities) throw new SignalFailure('conflict', 'no call yet: wait for doctor-accepted');
    return { rtpCapabilities: await this.options.routerCapabilities() };
  }

  /**
   * Test hook (platform --test-hooks): the media server drops a peer's transports without telling
   * it, as when the media path dies — the peer's ICE fails and it must recover on its own.
   */
  dropMedia(consultationId: string, role: 'kiosk' | 'doctor'): boolean {
    const room = this.book.get(consultationId)?.room;
    return room ? (room.resetPeer(role), true) : false;
  }

  // -------------------------------------------------------------------------------------------
  // Views
  // -------------------------------------------------------------------------------------------

  /** The consultation in call with this doctor, with its kiosk session, or null (records keyed by session). */
  consultationInCall(doctor: DoctorInfo, consultationId: string): InCallRef | null {
    const c = this.book.get(consultationId);
    return c && c.state === 'in-call' && c.doctor?.id === doctor.id ? inCallRef(c, doctor) : null;
  }

  queueItems(): QueueItem[] {
    return this.board.items();
  }

  /** A reading of record kept in a call (its room's vitals tap): a change, journaled now. */
  readonly measurementKept = (): void => this.changeListeners.forEach((l) => l());

  /** Called whenever the queue or a call changed (and every 30 s with the estimates). */
  onChange(listener: () => void): () => void {
    this.changeListeners.add(listener);
    return () => this.changeListeners.delete(listener);
  }

  /** Each kiosk with a consultation under way: waiting in the queue or in call (no patient data). */
  kioskCalls(): Map<string, 'waiting' | 'in-call'> {
    return this.book.kioskCalls((c) => this.away.isAway(c.id));
  }

  /** Counts for the fleet view and tests. */
  stats(): { waiting: number; inCall: number; doctorsOnline: number } {
    return {
      waiting: this.book.waiting().length,
      inCall: this.book.inCall().length,
      doctorsOnline: this.board.doctorsOnline(),
    };
  }

  /** Consultation ids whose report a store failure keeps in memory, retried every REFRESH_MS. */
  unstoredReports(): string[] {
    return this.reports.pending();
  }

  /** Stores what a failure kept in memory, before the stores close (the platform's close awaits it). */
  readonly flushReports = (): Promise<void> => this.reports.retry();

  close(): void {
    const unstored = this.reports.pending();
    if (unstored.length > 0) log.error(`closing with ${unstored.length} report(s) not stored: ${unstored.join(', ')}`);
    if (this.refreshTimer !== null) this.clock.clearTimeout(this.refreshTimer);
    this.refreshTimer = null;
    this.away.close();
    this.bookedRooms.close();
    this.prepared.close();
    for (const c of this.book.all()) {
      this.grace.cancelBoth(c);
      c.room?.close();
    }
    this.book.clear();
  }

  // -------------------------------------------------------------------------------------------

  /**
   * Ends a consultation once: both sides told, room closed, report made and stored if it was in call
   * (`stored`: the doctor's end already stored it).
   */
  private finish(
    c: Consultation,
    reason: EndReason,
    prescription: Prescription | null,
    stored: ConsultationReport | null = null,
  ): ConsultationReport | null {
    if (c.state === 'ended') return null;
    const wasInCall = c.state === 'in-call';
    c.state = 'ended';
    this.grace.cancelBoth(c);
    this.away.forget(c.id);
    const event = { type: 'call-ended', consultationId: c.id, reason, prescription } as const;
    c.kiosk?.send(event);
    c.doctorLink?.send(event);
    c.room?.close();
    c.room = null;
    // The session id stays known so a replayed ticket cannot queue the same session twice — except
    // a patient dropped from the queue by a long network cut, who may queue again (at the back).
    this.book.remove(c, !wasInCall && reason === 'connection-lost');
    log.info(`consultation ${c.id} ended (${reason})`);
    // The doctor's free time and the call's length count in the estimates published below.
    if (wasInCall && c.doctor) this.board.callEnded(c.doctor.id);
    const report = stored ?? (wasInCall ? consultationReport(c, this.clock.now(), prescription) : null);
    if (report && !stored) this.reports.storeOrKeep(report, c.identity);
    if (report) this.board.recordDuration(report.durationSeconds);
    this.board.publish();
    return report;
  }
}

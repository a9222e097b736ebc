import { randomUUID } from 'node:crypto';
import type { types } from 'mediasoup';
import type { Prescription } from '../../common/consultation/prescription';
import type { DeviceStatus } from '../../common/devices/device-status';
import type { Measurement } from '../../common/devices/measurement';
import type { PatientIdentity } from '../../common/identity/identity';
import type { CallTicket } from '../../common/signaling/call-ticket';
import type {
  ConsultationReport,
  ConsultationState,
  DoctorEvent,
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
import { parseVitalsMessage } from '../../common/signaling/vitals';
import { systemClock, type Clock } from '../../common/util/clock';
import { createLogger } from '../../common/util/logger';
import type { CallGrant } from '../auth/call-tokens';
import { estimateWaitMinutes } from '../queue/wait-estimate';
import type { PrescriptionIssuer } from './prescription-issuer';
import { Room, type MediaRequest, type RoomNotice } from './room';
import { SignalFailure } from './signal-failure';
import type { MediaState } from '../../common/consultation/media-state';

const log = createLogger('platform:calls');

/** How often waiting kiosks' estimates are recomputed (sent only when they change). */
const REFRESH_MS = 30_000;

/** A connected client as the call center sees it (a WebSocket in production, a fake in tests). */
export interface Link<E> {
  /** Stable id for logs. */
  readonly id: string;
  send(event: E): void;
}
export type KioskLink = Link<KioskEvent>;
export type DoctorLink = Link<DoctorEvent>;

interface Consultation {
  readonly id: string;
  readonly kioskId: string;
  readonly sessionId: string;
  readonly queueEntry: CallTicket['queueEntry'];
  readonly identity: PatientIdentity | null;
  devices: DeviceStatus[];
  state: ConsultationState;
  /** ms since the epoch. */
  readonly joinedAt: number;
  acceptedAt: number | null;
  doctor: DoctorInfo | null;
  kiosk: KioskLink | null;
  doctorLink: DoctorLink | null;
  room: Room | null;
  notes: string;
  identityVerified: boolean;
  measurements: Measurement[];
  kioskGrace: unknown;
  doctorGrace: unknown;
  /** Last queue-updated sent, to send only changes. */
  lastQueueUpdate: string;
}

export interface CallCenterOptions {
  createRouter(): Promise<types.Router>;
  prescriptions: PrescriptionIssuer;
  clock?: Clock;
  listenIp?: string;
  announcedAddress?: string;
  /** How long a kiosk keeps its place or its call while its socket is down. Default 60 s. */
  kioskGraceMs?: number;
  /** How long a call waits for a doctor whose console dropped. Default 120 s. */
  doctorGraceMs?: number;
  /** Called with every finished consultation (the records service keeps them). */
  onReport?(report: ConsultationReport): void;
}

/**
 * The waiting queue and the consultations: who waits, who is in a call with whom, and the room of
 * each call. Every method is called by the signalling layer after validation and authentication;
 * refusals throw SignalFailure.
 */
export class CallCenter {
  private readonly consultations = new Map<string, Consultation>();
  private readonly bySession = new Map<string, string>();
  private readonly doctors = new Map<DoctorLink, DoctorInfo>();
  private readonly queueSubscribers = new Set<DoctorLink>();
  private readonly recentDurationsSeconds: number[] = [];
  private readonly clock: Clock;
  private readonly kioskGraceMs: number;
  private readonly doctorGraceMs: number;

  private refreshTimer: unknown = null;

  constructor(private readonly options: CallCenterOptions) {
    this.clock = options.clock ?? systemClock;
    this.kioskGraceMs = options.kioskGraceMs ?? 60_000;
    this.doctorGraceMs = options.doctorGraceMs ?? 120_000;
    this.scheduleRefresh();
  }

  /** Estimates move as calls under way run on: re-publish (changes only) every REFRESH_MS. */
  private scheduleRefresh() {
    this.refreshTimer = this.clock.setTimeout(() => {
      this.publishQueue();
      this.scheduleRefresh();
    }, REFRESH_MS);
    (this.refreshTimer as { unref?: () => void } | null)?.unref?.();
  }

  // -------------------------------------------------------------------------------------------
  // Kiosk side
  // -------------------------------------------------------------------------------------------

  /** Joins the queue, or re-attaches a kiosk to its consultation (same session) after a cut. */
  joinQueue(
    link: KioskLink,
    grant: CallGrant,
    params: ParamsOf<KioskMethods, 'join-queue'>,
  ): ResultOf<KioskMethods, 'join-queue'> {
    if (grant.sessionId !== params.sessionId)
      throw new SignalFailure('unauthorised', 'the ticket is for another session');
    const existingId = this.bySession.get(params.sessionId);
    const existing = existingId ? this.consultations.get(existingId) : undefined;
    if (existing) {
      if (existing.kioskId !== grant.kioskId)
        throw new SignalFailure('forbidden', 'the session belongs to another kiosk');
      return this.reattachKiosk(existing, link, params.devices);
    }
    // Ended consultations leave the map but not bySession: a replayed ticket cannot queue again.
    if (existingId) throw new SignalFailure('conflict', 'this session already had its consultation');
    const consultation: Consultation = {
      id: randomUUID(),
      kioskId: grant.kioskId,
      sessionId: params.sessionId,
      queueEntry: params.queueEntry,
      identity: params.identity,
      devices: params.devices,
      state: 'waiting',
      joinedAt: this.clock.now(),
      acceptedAt: null,
      doctor: null,
      kiosk: link,
      doctorLink: null,
      room: null,
      notes: '',
      identityVerified: false,
      measurements: [],
      kioskGrace: null,
      doctorGrace: null,
      lastQueueUpdate: '',
    };
    this.consultations.set(consultation.id, consultation);
    this.bySession.set(consultation.sessionId, consultation.id);
    log.info(`consultation ${consultation.id} queued (kiosk ${consultation.kioskId})`);
    const wait = this.waitFor(consultation);
    // The join's own response carries the first estimate; updates follow as events.
    consultation.lastQueueUpdate = JSON.stringify(wait);
    queueMicrotask(() => this.publishQueue());
    return { consultationId: consultation.id, state: 'waiting', ...wait, doctor: null };
  }

  private reattachKiosk(
    c: Consultation,
    link: KioskLink,
    devices: DeviceStatus[],
  ): ResultOf<KioskMethods, 'join-queue'> {
    if (c.kioskGrace !== null) this.clock.clearTimeout(c.kioskGrace);
    c.kioskGrace = null;
    c.kiosk = link;
    c.devices = devices;
    c.lastQueueUpdate = '';
    log.info(`consultation ${c.id}: kiosk rejoined (${c.state})`);
    if (c.state === 'in-call') {
      // Old transports are dead: the kiosk renegotiates in the same room.
      c.room?.resetPeer('kiosk');
      c.doctorLink?.send({ type: 'peer-state', consultationId: c.id, peer: 'kiosk', state: 'connected' });
      c.doctorLink?.send({ type: 'kiosk-devices', consultationId: c.id, devices });
      return { consultationId: c.id, state: 'in-call', position: 0, estimatedWaitMinutes: 0, doctor: c.doctor };
    }
    const wait = this.waitFor(c);
    c.lastQueueUpdate = JSON.stringify(wait);
    queueMicrotask(() => this.publishQueue());
    return { consultationId: c.id, state: c.state, ...wait, doctor: null };
  }

  /** The kiosk's socket closed: keep its place / call for the grace period. */
  kioskDisconnected(link: KioskLink): void {
    const c = this.byKioskLink(link);
    if (!c) return;
    c.kiosk = null;
    log.info(`consultation ${c.id}: kiosk link lost (${c.state})`);
    if (c.state === 'in-call')
      c.doctorLink?.send({ type: 'peer-state', consultationId: c.id, peer: 'kiosk', state: 'reconnecting' });
    c.kioskGrace = this.clock.setTimeout(() => {
      c.kioskGrace = null;
      if (c.kiosk || c.state === 'ended') return;
      log.info(`consultation ${c.id}: kiosk did not come back`);
      if (c.state === 'in-call')
        c.doctorLink?.send({ type: 'peer-state', consultationId: c.id, peer: 'kiosk', state: 'gone' });
      this.finish(c, 'connection-lost', null);
    }, this.kioskGraceMs);
    this.publishQueue();
  }

  leaveQueue(link: KioskLink): void {
    const c = this.requireKiosk(link);
    log.info(`consultation ${c.id}: kiosk left (${c.state})`);
    this.finish(c, 'kiosk-left', null);
  }

  updateDevices(link: KioskLink, devices: DeviceStatus[]): void {
    const c = this.requireKiosk(link);
    c.devices = devices;
    c.doctorLink?.send({ type: 'kiosk-devices', consultationId: c.id, devices });
  }

  reportMediaState(link: KioskLink, state: MediaState): void {
    const c = this.requireKiosk(link);
    c.doctorLink?.send({ type: 'peer-state', consultationId: c.id, peer: 'kiosk', state });
  }

  kioskMedia<R extends MediaRequest>(link: KioskLink, request: R): Promise<ResultOf<MediaMethods, R['type']>> {
    const c = this.requireKiosk(link);
    if (c.state !== 'in-call' || !c.room) throw new SignalFailure('conflict', 'no call yet: wait for doctor-accepted');
    return c.room.handle('kiosk', request);
  }

  // -------------------------------------------------------------------------------------------
  // Doctor side
  // -------------------------------------------------------------------------------------------

  doctorOnline(link: DoctorLink, doctor: DoctorInfo): void {
    // A doctor reconnecting takes their call back with `rejoin` (within the grace period).
    this.doctors.set(link, doctor);
    this.publishQueue();
  }

  doctorOffline(link: DoctorLink): void {
    this.doctors.delete(link);
    this.queueSubscribers.delete(link);
    for (const c of this.consultations.values()) {
      if (c.doctorLink !== link || c.state !== 'in-call') continue;
      c.doctorLink = null;
      c.kiosk?.send({ type: 'peer-state', consultationId: c.id, peer: 'doctor', state: 'reconnecting' });
      c.doctorGrace = this.clock.setTimeout(() => {
        c.doctorGrace = null;
        if (c.doctorLink || c.state === 'ended') return;
        c.kiosk?.send({ type: 'peer-state', consultationId: c.id, peer: 'doctor', state: 'gone' });
        this.finish(c, 'connection-lost', null);
      }, this.doctorGraceMs);
    }
    this.publishQueue();
  }

  subscribeQueue(link: DoctorLink): ResultOf<DoctorMethods, 'subscribe-queue'> {
    this.queueSubscribers.add(link);
    return { entries: this.queueItems(), doctorsOnline: this.doctorsOnline() };
  }

  async accept(
    link: DoctorLink,
    doctor: DoctorInfo,
    consultationId: string,
  ): Promise<ResultOf<DoctorMethods, 'accept'>> {
    const c = this.consultations.get(consultationId);
    if (!c || c.state === 'ended') throw new SignalFailure('not-found', 'no such consultation waiting');
    if (c.state === 'in-call') throw new SignalFailure('conflict', 'another doctor already accepted this patient');
    if (this.activeFor(doctor.id)) throw new SignalFailure('conflict', 'you are already in a call');
    // Taken before the await so a second doctor's accept is refused.
    c.state = 'in-call';
    c.doctor = doctor;
    c.doctorLink = link;
    c.acceptedAt = this.clock.now();
    try {
      c.room = await this.openRoom(c);
    } catch (error) {
      c.state = 'waiting';
      c.doctor = null;
      c.doctorLink = null;
      c.acceptedAt = null;
      log.error(`consultation ${c.id}: no router: ${(error as Error).message}`);
      throw new SignalFailure('internal', 'the media server could not open a room');
    }
    log.info(`consultation ${c.id} accepted by doctor ${doctor.id}`);
    c.kiosk?.send({ type: 'doctor-accepted', consultationId: c.id, doctor });
    this.publishQueue();
    return this.consultationView(c);
  }

  private async openRoom(c: Consultation): Promise<Room> {
    const router = await this.options.createRouter();
    return new Room(router, {
      listenIp: this.options.listenIp ?? '127.0.0.1',
      announcedAddress: this.options.announcedAddress ?? '127.0.0.1',
      notify: (notice) => this.forwardRoomNotice(c, notice),
      onVitalsResult: (text) => this.keepVitalsResult(c, text),
      onLost: () => void this.replaceRoom(c),
    });
  }

  /** The room's worker died: open a new room and have both sides negotiate again. */
  private async replaceRoom(c: Consultation) {
    if (c.state !== 'in-call') return;
    try {
      c.room = await this.openRoom(c);
    } catch (error) {
      log.error(`consultation ${c.id}: could not reopen the room: ${(error as Error).message}`);
      this.finish(c, 'connection-lost', null);
      return;
    }
    log.info(`consultation ${c.id}: media room reopened`);
    const event = { type: 'media-reset', consultationId: c.id } as const;
    c.kiosk?.send(event);
    c.doctorLink?.send(event);
  }

  rejoin(link: DoctorLink, doctor: DoctorInfo, consultationId: string): ResultOf<DoctorMethods, 'rejoin'> {
    const c = this.ownConsultation(doctor, consultationId);
    if (c.doctorGrace !== null) this.clock.clearTimeout(c.doctorGrace);
    c.doctorGrace = null;
    c.doctorLink = link;
    c.room?.resetPeer('doctor');
    c.kiosk?.send({ type: 'peer-state', consultationId: c.id, peer: 'doctor', state: 'connected' });
    return this.consultationView(c);
  }

  requestMeasurement(
    doctor: DoctorInfo,
    consultationId: string,
    kind: ParamsOf<DoctorMethods, 'request-measurement'>['kind'],
  ): void {
    const c = this.ownConsultation(doctor, consultationId);
    if (!c.kiosk) throw new SignalFailure('conflict', 'the kiosk is reconnecting; ask again in a moment');
    c.kiosk.send({ type: 'measurement-requested', consultationId: c.id, kind });
  }

  verifyIdentity(doctor: DoctorInfo, consultationId: string, verified: boolean): void {
    const c = this.ownConsultation(doctor, consultationId);
    c.identityVerified = verified;
    c.kiosk?.send({ type: 'identity-verified', consultationId: c.id, verified });
  }

  saveNotes(doctor: DoctorInfo, consultationId: string, notes: string): void {
    this.ownConsultation(doctor, consultationId).notes = notes;
  }

  endCall(
    doctor: DoctorInfo,
    consultationId: string,
    draft: PrescriptionDraft | null,
    notes: string,
  ): ResultOf<DoctorMethods, 'end-call'> {
    const c = this.ownConsultation(doctor, consultationId);
    c.notes = notes;
    const prescription = draft ? this.options.prescriptions.issue(draft, doctor, c.kioskId) : null;
    const report = this.finish(c, 'doctor-ended', prescription);
    return { report: report! };
  }

  doctorMedia<R extends MediaRequest>(link: DoctorLink, request: R): Promise<ResultOf<MediaMethods, R['type']>> {
    const c = [...this.consultations.values()].find((x) => x.doctorLink === link && x.state === 'in-call');
    if (!c?.room) throw new SignalFailure('conflict', 'accept a patient first');
    return c.room.handle('doctor', request);
  }

  /**
   * Test hook (platform --test-hooks): the media server drops a peer's transports without telling
   * it, as when the media path dies — the peer's ICE fails and it must recover on its own.
   */
  dropMedia(consultationId: string, role: 'kiosk' | 'doctor'): boolean {
    const c = this.consultations.get(consultationId);
    if (!c?.room) return false;
    c.room.resetPeer(role);
    return true;
  }

  // -------------------------------------------------------------------------------------------
  // Views
  // -------------------------------------------------------------------------------------------

  /** Doctors with a console connected (distinct accounts). */
  doctorsOnline(): number {
    return new Set([...this.doctors.values()].map((d) => d.id)).size;
  }

  queueItems(): QueueItem[] {
    return this.waiting().map((c, index) => ({
      consultationId: c.id,
      kioskId: c.kioskId,
      ageYears: c.queueEntry.ageYears,
      specialty: c.queueEntry.specialty,
      reason: c.queueEntry.reason,
      waitingSince: new Date(c.joinedAt).toISOString(),
      position: index + 1,
      kioskConnected: c.kiosk !== null,
    }));
  }

  /** Counts for the fleet view and tests. */
  stats(): { waiting: number; inCall: number; doctorsOnline: number } {
    const all = [...this.consultations.values()];
    return {
      waiting: all.filter((c) => c.state === 'waiting').length,
      inCall: all.filter((c) => c.state === 'in-call').length,
      doctorsOnline: this.doctorsOnline(),
    };
  }

  /** Records a consultation length (also used by tests to seed the estimate). */
  recordDuration(seconds: number): void {
    this.recentDurationsSeconds.push(seconds);
    if (this.recentDurationsSeconds.length > 100) this.recentDurationsSeconds.shift();
  }

  close(): void {
    if (this.refreshTimer !== null) this.clock.clearTimeout(this.refreshTimer);
    this.refreshTimer = null;
    for (const c of this.consultations.values()) {
      if (c.kioskGrace !== null) this.clock.clearTimeout(c.kioskGrace);
      if (c.doctorGrace !== null) this.clock.clearTimeout(c.doctorGrace);
      c.room?.close();
    }
    this.consultations.clear();
  }

  // -------------------------------------------------------------------------------------------

  private waiting(): Consultation[] {
    return [...this.consultations.values()]
      .filter((c) => c.state === 'waiting')
      .sort((a, b) => a.joinedAt - b.joinedAt);
  }

  private waitFor(c: Consultation): { position: number; estimatedWaitMinutes: number; doctorsOnline: number } {
    const position = this.waiting().indexOf(c) + 1;
    const doctorsOnline = this.doctorsOnline();
    const online = new Set([...this.doctors.values()].map((d) => d.id));
    const now = this.clock.now();
    const busyElapsedSeconds = [...this.consultations.values()]
      .filter((x) => x.state === 'in-call' && x.doctor && online.has(x.doctor.id) && x.acceptedAt !== null)
      .map((x) => (now - x.acceptedAt!) / 1000);
    const estimatedWaitMinutes = estimateWaitMinutes({
      position,
      doctorsOnline,
      busyElapsedSeconds,
      recentDurationsSeconds: this.recentDurationsSeconds,
    });
    return { position, estimatedWaitMinutes, doctorsOnline };
  }

  /** Pushes the queue to subscribed doctors and each waiting kiosk its changed position/estimate. */
  private publishQueue(): void {
    const entries = this.queueItems();
    const doctorsOnline = this.doctorsOnline();
    for (const link of this.queueSubscribers) link.send({ type: 'queue-list', entries, doctorsOnline });
    for (const c of this.waiting()) {
      if (!c.kiosk) continue;
      const wait = this.waitFor(c);
      const key = JSON.stringify(wait);
      if (key === c.lastQueueUpdate) continue;
      c.lastQueueUpdate = key;
      c.kiosk.send({ type: 'queue-updated', consultationId: c.id, ...wait });
    }
  }

  private finish(
    c: Consultation,
    reason: 'doctor-ended' | 'kiosk-left' | 'connection-lost',
    prescription: Prescription | null,
  ): ConsultationReport | null {
    if (c.state === 'ended') return null;
    const wasInCall = c.state === 'in-call';
    c.state = 'ended';
    if (c.kioskGrace !== null) this.clock.clearTimeout(c.kioskGrace);
    if (c.doctorGrace !== null) this.clock.clearTimeout(c.doctorGrace);
    const event = { type: 'call-ended', consultationId: c.id, reason, prescription } as const;
    c.kiosk?.send(event);
    c.doctorLink?.send(event);
    c.room?.close();
    c.room = null;
    this.consultations.delete(c.id);
    // The session id stays known so a replayed ticket cannot queue the same session twice — except
    // a patient dropped from the queue by a long network cut, who may queue again (at the back).
    if (!wasInCall && reason === 'connection-lost') this.bySession.delete(c.sessionId);
    this.publishQueue();
    log.info(`consultation ${c.id} ended (${reason})`);
    if (!wasInCall || !c.doctor || c.acceptedAt === null) return null;
    const endedAt = this.clock.now();
    const durationSeconds = (endedAt - c.acceptedAt) / 1000;
    this.recordDuration(durationSeconds);
    const report: ConsultationReport = {
      consultationId: c.id,
      kioskId: c.kioskId,
      sessionId: c.sessionId,
      doctor: c.doctor,
      specialty: c.queueEntry.specialty,
      reason: c.queueEntry.reason,
      acceptedAt: new Date(c.acceptedAt).toISOString(),
      endedAt: new Date(endedAt).toISOString(),
      durationSeconds,
      identityVerified: c.identityVerified,
      measurements: c.measurements,
      notes: c.notes,
      prescription,
    };
    try {
      this.options.onReport?.(report);
    } catch (error) {
      log.error(`consultation ${c.id}: report hook failed: ${(error as Error).message}`);
    }
    return report;
  }

  private forwardRoomNotice(c: Consultation, notice: RoomNotice) {
    const link: Link<KioskEvent | DoctorEvent> | null = notice.to === 'kiosk' ? c.kiosk : c.doctorLink;
    if (!link) return;
    switch (notice.type) {
      case 'new-producer':
        return link.send({ type: 'new-producer', consultationId: c.id, producer: notice.producer });
      case 'new-data-producer':
        return link.send({ type: 'new-data-producer', consultationId: c.id, dataProducer: notice.dataProducer });
      case 'producer-closed':
        return link.send({ type: 'producer-closed', consultationId: c.id, producerId: notice.producerId });
    }
  }

  private keepVitalsResult(c: Consultation, text: string) {
    const message = parseVitalsMessage(text);
    if (message?.type === 'measurement' && !c.measurements.some((m) => m.id === message.measurement.id))
      c.measurements.push(message.measurement);
    // The device list (model, calibration, availability) the kiosk sends when its channel opens
    // and on every change: kept so a console that reloads or rejoins mid-call gets it back.
    if (message?.type === 'devices') c.devices = message.devices;
    // Relayed over signalling too: the console's data consumer may not be ready for it (a reload).
    if (message && message.type !== 'live' && message.type !== 'pleth')
      c.doctorLink?.send({ type: 'kiosk-result', consultationId: c.id, result: message });
  }

  private consultationView(c: Consultation): ResultOf<DoctorMethods, 'accept'> {
    return {
      consultationId: c.id,
      kioskId: c.kioskId,
      queueEntry: c.queueEntry,
      identity: c.identity,
      devices: c.devices,
      measurements: c.measurements,
    };
  }

  private activeFor(doctorId: string): Consultation | undefined {
    return [...this.consultations.values()].find((c) => c.state === 'in-call' && c.doctor?.id === doctorId);
  }

  private ownConsultation(doctor: DoctorInfo, consultationId: string): Consultation {
    const c = this.consultations.get(consultationId);
    if (!c || c.state !== 'in-call') throw new SignalFailure('not-found', 'no such consultation in call');
    if (c.doctor?.id !== doctor.id) throw new SignalFailure('forbidden', 'this consultation is another doctor’s');
    return c;
  }

  private byKioskLink(link: KioskLink): Consultation | undefined {
    return [...this.consultations.values()].find((c) => c.kiosk === link);
  }

  private requireKiosk(link: KioskLink): Consultation {
    const c = this.byKioskLink(link);
    if (!c) throw new SignalFailure('conflict', 'join the queue first');
    return c;
  }
}

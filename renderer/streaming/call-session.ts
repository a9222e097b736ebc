import type { Device } from 'mediasoup-client';
import type { DeviceStatus } from '../../common/devices/device-status';
import type { FlowIntention } from '../../common/flow/flow-intention';
import type { PatientIdentity } from '../../common/identity/identity';
import type { CallTicket } from '../../common/signaling/call-ticket';
import { KioskMethods, PlatformToKiosk, type KioskEvent } from '../../common/signaling/messages';
import { Reconnector } from '../../common/net/reconnector';
import type { SocketLike } from '../../common/net/socket-connection';
import { SignalingClient, SignalRequestError } from '../../common/signaling/signaling-client';
import { assertUnreachable } from '../../common/util/assert-unreachable';
import type { BackoffPolicy } from '../../common/util/backoff';
import type { Clock } from '../../common/util/clock';
import { INITIAL_CALL_SNAPSHOT, type CallSnapshot } from './call-snapshot';
import { PreparedDevice } from '../../web-shared/media/prepared-device';
import { createDevice, MediaLink, type KioskSignaling } from './media-link';
import type { MediaInput } from '../../common/devices/media-input';
import { openCabinMedia } from './cabin-media';
import { ExamDevices, type DoctorRequest } from './exam-devices';
import type { MediaDevicesLike } from './stethoscope-input';
import { VideoWatch } from './video-watch';
import { VitalsPublisher, type VitalsSource } from './vitals-publisher';

export interface CallSessionOptions {
  ticket: CallTicket;
  identity: PatientIdentity | null;
  devices: DeviceStatus[];
  /** Relays platform events to the flow (kiosk.flowSend). */
  flowSend(intention: FlowIntention): void;
  vitals: VitalsSource;
  getUserMedia?: (constraints: MediaStreamConstraints) => Promise<MediaStream>;
  /** The devices the call captures on request (stethoscope, examination camera) and the labels that pick them. */
  mediaInputs?: readonly MediaInput[];
  /** Where they are found and opened; default the browser's navigator.mediaDevices. */
  mediaDevices?: MediaDevicesLike;
  createSocket?: (url: string) => SocketLike;
  createDevice?: () => Device;
  /** Rejoin delays after a cut; default 250 ms doubling to 8 s, half of each random. */
  backoff?: BackoffPolicy;
  clock?: Clock;
  /** How often the camera's stats are checked for the audio-only decision (ms). Default 3000. */
  statsIntervalMs?: number;
  /** How long the media may take to connect before `error` says 'media-unreachable' (ms). */
  mediaUnreachableAfterMs?: number;
}

/** Jitter: after a platform restart the kiosks do not all rejoin at the same instant. */
const DEFAULT_BACKOFF: BackoffPolicy = { initialMs: 250, maxMs: 8000, jitter: 0.5 };
/** How long the media may take to connect before the screen says the service is unreachable. */
const MEDIA_UNREACHABLE_AFTER_MS = 20_000;

/**
 * One patient's call, from the queue to the end, surviving network cuts: a signalling socket that
 * is reopened with backoff (rejoining the same consultation with the same ticket), a MediaLink
 * rebuilt after each rejoin (new transports in the same room), ICE restarts inside the MediaLink,
 * and an audio-only fallback (VideoWatch). Platform events become flow intentions.
 */
export class CallSession {
  private snapshot: CallSnapshot = INITIAL_CALL_SNAPSHOT;
  private readonly listeners = new Set<(s: CallSnapshot) => void>();
  /** The signalling socket to the platform, reopened after every cut until the call ends. */
  private readonly platform: Reconnector<KioskSignaling>;
  private link: MediaLink | null = null;
  /** Loaded while the patient waits (join), so the accept does not wait for it; kept across rejoins. */
  private readonly device: PreparedDevice;
  private readonly vitals: VitalsPublisher;
  private stopped = false;
  private inCall = false;
  private lostReported = false;
  private readonly videoWatch: VideoWatch;
  private unreachableTimer: ReturnType<typeof setTimeout> | null = null;
  /** TURN failures already reported to the platform (url and code), each once per session. */
  private readonly reportedIceErrors = new Set<string>();
  private readonly examDevices: ExamDevices;

  constructor(private readonly options: CallSessionOptions) {
    this.device = new PreparedDevice(options.createDevice ?? createDevice);
    this.vitals = new VitalsPublisher(options.vitals);
    this.vitals.setDevices(options.devices);
    this.examDevices = new ExamDevices({
      inputs: options.mediaInputs ?? [],
      // Looked up when used: tests without a browser never reach it.
      media: options.mediaDevices ?? {
        enumerateDevices: () => navigator.mediaDevices.enumerateDevices(),
        getUserMedia: (constraints) => navigator.mediaDevices.getUserMedia(constraints),
      },
      flowSend: (intention) => options.flowSend(intention),
      report: async (method, params) => {
        await this.signaling?.request(method, params);
      },
    });
    this.platform = new Reconnector({
      connect: () => this.openSignaling(),
      onOpen: (client) => this.join(client),
      onLost: ({ attempt }) => this.onLost(attempt),
      backoff: options.backoff ?? DEFAULT_BACKOFF,
      ...(options.clock ? { clock: options.clock } : {}),
    });
    this.videoWatch = new VideoWatch({
      intervalMs: options.statsIntervalMs ?? 3000,
      // Judged only while video is sent and the call is up: a cut is the reconnection's business.
      videoStats: () => {
        const link = this.link;
        if (!link?.hasVideo || this.snapshot.state !== 'connected') return null;
        return link.videoStats().catch(() => null);
      },
      onBadVideo: () => this.goAudioOnly(),
    });
  }

  private get signaling(): KioskSignaling | null {
    return this.platform.connection;
  }

  get current(): CallSnapshot {
    return this.snapshot;
  }

  subscribe(listener: (s: CallSnapshot) => void): () => void {
    this.listeners.add(listener);
    listener(this.snapshot);
    return () => this.listeners.delete(listener);
  }

  /**
   * Opens the cabin's camera (falls back to the microphone alone) and joins the queue; resolves once in the
   * queue (or back in the call), or once the session gave up.
   */
  async start(): Promise<void> {
    const media: MediaDevicesLike = {
      getUserMedia: this.options.getUserMedia ?? ((c) => navigator.mediaDevices.getUserMedia(c)),
      enumerateDevices: () => (this.options.mediaDevices ?? navigator.mediaDevices).enumerateDevices(),
    };
    try {
      const { stream: local, audioOnly } = await openCabinMedia(media, this.options.mediaInputs ?? []);
      if (this.stopped) return local.getTracks().forEach((t) => t.stop());
      this.update(audioOnly ? { localStream: local, audioOnly } : { localStream: local });
    } catch {
      this.update({ state: 'failed', error: 'no-microphone' });
      return;
    }
    this.platform.start();
    await this.platform.whenReady().catch(() => {});
  }

  /** Leaves the queue (or the call) and releases the camera. */
  async stop(): Promise<void> {
    if (this.stopped) return;
    this.stopped = true;
    this.videoWatch.stop();
    if (this.unreachableTimer) clearTimeout(this.unreachableTimer);
    if (this.snapshot.state !== 'ended' && this.signaling?.isOpen)
      await this.signaling.request('leave-queue', {}).catch(() => {});
    await this.examDevices.stop();
    this.platform.stop();
    this.teardown();
    this.snapshot.localStream?.getTracks().forEach((t) => t.stop());
    this.vitals.dispose();
  }

  /**
   * The patient leaves the cabin keeping their place (a French phone number in pairs, or null):
   * once the platform answered, the flow shows the ticket; the call is over for this kiosk (no
   * leave-queue on stop: the place is the platform's now). Throws when the platform did not take it.
   */
  async stepAway(phone: string | null): Promise<void> {
    const client = this.signaling;
    if (!client?.isOpen || this.snapshot.state !== 'waiting') throw new Error('not waiting in the queue');
    const answer = await client.request('step-away', { phone });
    this.update({ state: 'ended', queue: null });
    this.options.flowSend({ type: 'STEPPED_AWAY', ...answer, phoneGiven: phone !== null });
  }

  /** Gives up on video by hand (the patient or the pharmacist chose it). */
  async goAudioOnly(): Promise<void> {
    await this.link?.dropVideo();
    this.snapshot.localStream?.getVideoTracks().forEach((t) => t.stop());
    if (!this.snapshot.audioOnly) {
      this.update({ audioOnly: true });
      this.options.flowSend({ type: 'CALL_AUDIO_ONLY' });
      await this.signaling?.request('report-media-state', { state: 'audio-only' }).catch(() => {});
    }
  }

  /** The receive transport's WebRTC stats (framesDecoded of the doctor's video), or null. */
  async receiveStats(): Promise<RTCStatsReport | null> {
    return (await this.link?.recvStats()) ?? null;
  }

  /** The send transport's WebRTC stats (nothing may be sent before the accept), or null. */
  async sendStats(): Promise<RTCStatsReport | null> {
    return (await this.link?.sendStats()) ?? null;
  }

  /** Connection states of the media transports, send then receive (diagnostics). */
  transportStates(): string[] {
    return this.link?.connectionStates() ?? [];
  }

  /** Drops the signalling socket and the media path as a network cut would (tests, diagnostics). */
  simulateNetworkCut(): void {
    this.signaling?.close();
  }

  // ---------------------------------------------------------------------------------------------

  private openSignaling(): KioskSignaling {
    const client: KioskSignaling = new SignalingClient({
      url: this.options.ticket.signalingUrl,
      methods: KioskMethods,
      incoming: PlatformToKiosk,
      createSocket: this.options.createSocket,
    });
    client.on((event) => void this.onEvent(client, event));
    return client;
  }

  /** Joins (or rejoins) the queue with the ticket; a socket-level failure throws: the Reconnector retries. */
  private async join(client: KioskSignaling): Promise<void> {
    let joined;
    try {
      joined = await client.request('join-queue', {
        token: this.options.ticket.token,
        sessionId: this.options.ticket.sessionId,
        queueEntry: this.options.ticket.queueEntry,
        identity: this.options.identity,
        devices: this.options.devices,
      });
    } catch (error) {
      if (error instanceof SignalRequestError && ['unauthorised', 'conflict', 'forbidden'].includes(error.code)) {
        // The ticket expired or the consultation is gone: retrying would not help.
        this.update({ state: this.inCall ? 'ended' : 'failed', error: error.code });
        if (this.inCall) this.options.flowSend({ type: 'DOCTOR_ENDED_CALL', prescription: null });
        this.stopped = true;
        this.platform.stop();
        return;
      }
      throw error;
    }
    if (joined.state === 'in-call') {
      // Accepted while this kiosk was cut off: the flow has not heard of it yet.
      if (!this.inCall) this.options.flowSend({ type: 'DOCTOR_ACCEPTED' });
      this.update({ doctor: joined.doctor, state: 'connecting', queue: null });
      await this.startMedia(client);
      return;
    }
    // A waiting consultation always has a wait (null only in call, handled above).
    const queue = { position: joined.position, wait: joined.wait ?? { kind: 'no-doctor' as const } };
    this.update({
      state: 'waiting',
      attempt: 0,
      queue,
      resumedTicket: joined.resumedTicket ?? this.snapshot.resumedTicket,
    });
    this.options.flowSend({ type: 'QUEUE_UPDATED', ...queue });
    if (this.lostReported) this.restored();
    // A platform that answers the capabilities only inside a call refuses, and a browser without
    // WebRTC cannot make a Device: either way the media set-up does it at the accept and says what failed.
    this.device.prepare(client).catch(() => {});
  }

  private onLost(attempt: number) {
    if (this.stopped || this.snapshot.state === 'ended') return;
    this.teardown();
    if (!this.lostReported) {
      this.lostReported = true;
      this.options.flowSend({ type: 'CALL_CONNECTION_LOST' });
    }
    this.update({ state: 'reconnecting', attempt });
  }

  /** The doctor ended the call (or the platform did): the flow is told, and everything of the call stops. */
  private callEnded(event: Extract<KioskEvent, { type: 'call-ended' }>): void {
    this.update({ state: 'ended', doctorReconnecting: false });
    this.options.flowSend({ type: 'DOCTOR_ENDED_CALL', prescription: event.prescription });
    this.stopped = true;
    void this.examDevices.stop();
    this.platform.stop();
    this.teardown();
    this.snapshot.localStream?.getTracks().forEach((t) => t.stop());
    this.vitals.dispose();
  }

  private async onEvent(client: KioskSignaling, event: KioskEvent) {
    if (client !== this.signaling) return;
    switch (event.type) {
      case 'queue-updated':
        this.update({ queue: { position: event.position, wait: event.wait } });
        this.options.flowSend({
          type: 'QUEUE_UPDATED',
          position: event.position,
          wait: event.wait,
          ...(event.bookingEnded && { bookingEnded: event.bookingEnded }),
        });
        return;
      case 'doctor-accepted':
        this.update({ doctor: event.doctor, state: 'connecting', queue: null });
        this.options.flowSend({ type: 'DOCTOR_ACCEPTED' });
        await this.startMedia(client).catch(() => client.close());
        return;
      case 'new-producer':
        await this.link?.consume(event.producer).catch(() => {});
        return;
      case 'producer-closed':
        this.link?.producerClosed(event.producerId);
        return;
      case 'measurement-requested':
      case 'auscultation-requested':
      case 'auscultation-ended':
      case 'exam-camera-requested':
      case 'exam-camera-ended':
        return this.examDevices.onDoctorRequest(event satisfies DoctorRequest, (intention) =>
          this.options.flowSend(intention),
        );
      case 'peer-state':
        if (event.peer === 'doctor') this.update({ doctorReconnecting: event.state === 'reconnecting' });
        return;
      case 'call-ended':
        return this.callEnded(event);
      case 'prepare-media':
        return this.prepareMedia(client);
      case 'release-media':
        // No longer next in the queue: what was prepared goes (a link in call is never released).
        if (!this.inCall) this.teardown();
        return;
      case 'media-reset':
        // The platform lost the media room and opened a new one: negotiate again, same call.
        this.update({ state: 'connecting' });
        await this.startMedia(client).catch(() => client.close());
        return;
      case 'identity-verified':
      case 'new-data-producer':
      case 'error':
        return;
      default:
        assertUnreachable(event, 'kiosk event');
    }
  }

  /**
   * This patient is next: the call's transports are opened and the camera and microphone produced
   * with nothing sent (MediaLink.prepare), so that the accept only turns them on. A failure costs
   * only the head start: the accept negotiates from the beginning.
   */
  private async prepareMedia(client: KioskSignaling) {
    if (this.inCall || this.stopped) return;
    this.link?.close();
    const link = this.newLink(client);
    this.link = link;
    await link.prepare(this.snapshot.localStream ?? new MediaStream(), this.snapshot.audioOnly).catch(() => {
      if (link !== this.link || this.inCall) return;
      link.close();
      this.link = null;
    });
  }

  private async startMedia(client: KioskSignaling) {
    // The accept of a waiting patient whose link was prepared starts the call on it.
    const prepared = !this.inCall && this.link?.isPrepared ? this.link : null;
    this.inCall = true;
    if (!prepared) this.link?.close();
    const link = prepared ?? this.newLink(client);
    this.link = link;
    this.watchConnecting();
    await link.start(this.snapshot.localStream ?? new MediaStream(), this.snapshot.audioOnly);
    for (const channel of [link.live, link.results]) channel?.on('open', () => this.vitals.flush());
    this.vitals.attach(link.live, link.results);
    // An auscultation under way goes on over the new link.
    await this.examDevices.attach(link);
    if (this.snapshot.audioOnly) {
      // No camera from the start: the doctor and the flow learn it once the call is up.
      this.options.flowSend({ type: 'CALL_AUDIO_ONLY' });
      await client.request('report-media-state', { state: 'audio-only' }).catch(() => {});
    }
    this.videoWatch.start();
  }

  /** A media link on this socket whose events move the call's state while it is the call's link. */
  private newLink(client: KioskSignaling): MediaLink {
    const link: MediaLink = new MediaLink(this.device, client, {
      onRemoteTracks: (tracks) => this.update({ remoteStream: tracks.length > 0 ? new MediaStream(tracks) : null }),
      onConnectivity: (connected) => {
        // A prepared link is not the call's yet: its state is told once the call starts on it.
        if (link !== this.link || !this.inCall) return;
        if (connected) {
          const wasReconnecting = this.snapshot.state === 'reconnecting';
          this.clearUnreachable();
          this.update({ state: 'connected', attempt: 0 });
          if (this.lostReported) this.restored();
          if (wasReconnecting)
            void client
              .request('report-media-state', { state: this.snapshot.audioOnly ? 'audio-only' : 'connected' })
              .catch(() => {});
        } else if (this.snapshot.state === 'connected') {
          // The media path dropped while signalling still works: ICE restarts (MediaLink); tell
          // the flow (the patient sees it) and the doctor.
          this.update({ state: 'reconnecting' });
          void client.request('report-media-state', { state: 'reconnecting' }).catch(() => {});
          if (!this.lostReported) {
            this.lostReported = true;
            this.options.flowSend({ type: 'CALL_CONNECTION_LOST' });
          }
        }
      },
      // ICE could not recover: drop the socket; the retry rejoins with new transports.
      onNeedsRejoin: () => {
        if (link === this.link) client.close();
      },
      onIceServerError: (error) => {
        const key = `${error.url} ${error.code}`;
        if (link !== this.link || this.reportedIceErrors.has(key)) return;
        this.reportedIceErrors.add(key);
        const state =
          this.snapshot.state !== 'connected' ? 'reconnecting' : this.snapshot.audioOnly ? 'audio-only' : 'connected';
        void client.request('report-media-state', { state, iceServerError: error }).catch(() => {});
      },
    });
    return link;
  }

  /** Says 'media-unreachable' when the media have not connected in time (cleared once they do). */
  private watchConnecting() {
    if (this.unreachableTimer) return;
    this.unreachableTimer = setTimeout(() => {
      this.unreachableTimer = null;
      if (!this.stopped && this.snapshot.state !== 'connected') this.update({ error: 'media-unreachable' });
    }, this.options.mediaUnreachableAfterMs ?? MEDIA_UNREACHABLE_AFTER_MS);
  }

  private clearUnreachable() {
    if (this.unreachableTimer) clearTimeout(this.unreachableTimer);
    this.unreachableTimer = null;
    if (this.snapshot.error === 'media-unreachable') this.update({ error: null });
  }

  private restored() {
    this.lostReported = false;
    this.options.flowSend({ type: 'CALL_CONNECTION_RESTORED' });
  }

  private teardown() {
    this.videoWatch.stop();
    void this.examDevices.attach(null);
    this.link?.close();
    this.link = null;
    this.vitals.attach(null, null);
    if (this.snapshot.remoteStream) this.update({ remoteStream: null });
  }

  private update(patch: Partial<CallSnapshot>) {
    this.snapshot = { ...this.snapshot, ...patch };
    for (const listener of this.listeners) listener(this.snapshot);
  }
}

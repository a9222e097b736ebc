import type { Device } from 'mediasoup-client';
import type { DoctorEvent } from '../common/signaling/messages';
import type { MediaSource } from '../common/signaling/messages/media';
import { parseVitalsMessage, VITALS_LIVE_LABEL, VITALS_PROTOCOL, type VitalsMessage } from '../common/signaling/vitals';
import { MediaSession, type OutgoingTrack } from '../web-shared/media/media-session';
import { PreparedDevice } from '../web-shared/media/prepared-device';
import type { RemoteTrack } from '../web-shared/media/remote-consumers';
import type { DoctorClient } from './platform-client';

export interface ConsultationMediaEvents {
  /** The kiosk's camera and microphone as one stream; null when it has none. */
  onRemoteStream(stream: MediaStream | null): void;
  /**
   * The kiosk's stethoscope, apart from the call's sound (the doctor plays it on an output of
   * their choice and sees its phonocardiogram); null when the kiosk sends none.
   */
  onStethoscope?(track: MediaStreamTrack | null): void;
  /** The kiosk's examination camera as received (at its full size), or null while it sends none. */
  onExamCamera?(track: MediaStreamTrack | null): void;
  /** The doctor's own camera, for the self view (null if no camera could be opened). */
  onLocalStream(stream: MediaStream | null): void;
  onVitals(message: VitalsMessage): void;
  /** A new live vitals channel is consumed: its `seq` numbering starts again. */
  onLiveChannel?(): void;
  /**
   * A negotiation step failed (shown, the call goes on): a key of the console's catalogue
   * (i18n.ts) when the console can say it in words, else the technical message.
   */
  onError(message: string): void;
}

/** The Device per signalling client: loaded once, reused by every consultation of the session. */
const devices = new WeakMap<DoctorClient, PreparedDevice>();

function deviceOf(client: DoctorClient): PreparedDevice {
  let device = devices.get(client);
  if (!device) devices.set(client, (device = new PreparedDevice()));
  return device;
}

/**
 * Loads the client's Device with the routers' capabilities: called when the doctor signs in, so
 * accepting a patient does not wait for it. A refusal is not kept (a platform that answers only
 * inside a call): the accept asks the room.
 */
export function prepareDevice(client: DoctorClient): Promise<Device> {
  return deviceOf(client).prepare(client);
}

/** The kiosk's sources shown apart from the call's stream: a <video> plays every audio track it holds. */
const APART = new Set<MediaSource>(['stethoscope', 'exam-camera']);

/**
 * The doctor's side of the shared media session (web-shared/media/media-session.ts) in one
 * consultation: the doctor's camera opened while the kiosk's tracks are consumed ('side-by-side':
 * the patient appears without waiting for the doctor's camera, issue 22), the kiosk's vitals
 * channels read, its stethoscope and examination camera handed out apart, media-reset handled.
 */
export class ConsultationMedia {
  private readonly session: MediaSession;
  private local: MediaStream | null = null;
  private closed = false;
  /** Vitals messages received from the kiosk's channels, by type (the e2e reads it). */
  readonly vitalsReceived = { live: 0, pleth: 0, measurement: 0, 'measurement-failed': 0, devices: 0 };

  constructor(
    client: DoctorClient,
    private readonly events: ConsultationMediaEvents,
  ) {
    this.session = new MediaSession(
      {
        signaling: client,
        // Loaded while the doctor waited for a patient (prepareDevice); else now, from the room.
        device: deviceOf(client),
        order: 'side-by-side',
        dataProtocol: VITALS_PROTOCOL,
        // A network change: new ICE credentials at once (the console always did).
        iceRestartAfterMs: 0,
      },
      {
        onRemoteTracks: (tracks) => this.publishRemote(tracks),
        onDataConsumer: (consumer) => {
          if (consumer.label === VITALS_LIVE_LABEL) this.events.onLiveChannel?.();
          consumer.on('message', (data: unknown) => this.onData(data));
        },
        onNeedsRejoin: (reason) => {
          if (reason === 'ice restart failed') this.events.onError('restart-ice');
        },
      },
    );
  }

  /** Negotiates everything (after accept/rejoin, and again after media-reset). */
  async start(): Promise<void> {
    const camera = this.local ? Promise.resolve(this.local) : this.openCamera();
    // The camera is handed over only if the session still runs; else the one opened for this start is closed.
    const outgoing = camera.then((stream): OutgoingTrack[] => {
      if (this.closed) {
        if (stream !== this.local) stream?.getTracks().forEach((track) => track.stop());
        return [];
      }
      if (stream !== this.local) {
        this.local = stream;
        this.events.onLocalStream(stream);
      }
      const video = stream?.getVideoTracks()[0];
      const audio = stream?.getAudioTracks()[0];
      return [
        ...(video ? [{ track: video, source: 'camera' as const }] : []),
        ...(audio ? [{ track: audio, source: 'microphone' as const }] : []),
      ];
    });
    await this.session.start(outgoing);
  }

  /** Feed every platform event here; the room events concern the media. */
  async handle(event: DoctorEvent): Promise<void> {
    if (this.closed) return;
    try {
      if (event.type === 'media-reset') {
        this.session.reset();
        await this.start();
      } else if (event.type === 'new-producer') {
        await this.session.consume(event.producer);
      } else if (event.type === 'new-data-producer') {
        await this.session.consumeData(event.dataProducer.dataProducerId);
      } else if (event.type === 'producer-closed') {
        this.session.producerClosed(event.producerId);
      }
    } catch (error) {
      this.events.onError(error instanceof Error ? error.message : String(error));
    }
  }

  /** The receive transport's WebRTC stats (the call-quality indicator), null before it exists. */
  receiveStats(): Promise<RTCStatsReport | null> {
    return this.session.receiveStats();
  }

  /** Video frames decoded from the kiosk so far (e2e and the "is video passing" check). */
  framesDecoded(): Promise<number> {
    return this.session.framesDecoded();
  }

  /**
   * The stethoscope as received (e2e and diagnostics): its inbound RTP stats and the Opus
   * parameters the kiosk sent it with; null while none is consumed.
   */
  async stethoscopeStats() {
    const consumer = this.session.remoteTrack('stethoscope')?.consumer;
    if (!consumer) return null;
    return { stats: await consumer.getStats(), codec: consumer.rtpParameters.codecs[0] };
  }

  /** Closes the transports (their producers and consumers) and stops the camera and microphone. */
  close(): void {
    this.closed = true;
    this.session.close();
    this.local?.getTracks().forEach((track) => track.stop());
    this.local = null;
    this.events.onLocalStream(null);
  }

  /** The doctor's camera and microphone, or null (said once) when they cannot be opened. */
  private async openCamera(): Promise<MediaStream | null> {
    try {
      return await navigator.mediaDevices.getUserMedia({ audio: true, video: { width: 640, height: 480 } });
    } catch {
      this.events.onError('call.localMediaUnavailable');
      return null;
    }
  }

  private onData(data: unknown) {
    const message = parseVitalsMessage(data);
    if (!message) return;
    this.vitalsReceived[message.type] += 1;
    this.events.onVitals(message);
  }

  private publishRemote(tracks: readonly RemoteTrack[]) {
    const call = tracks.filter((t) => !APART.has(t.source)).map((t) => t.consumer.track);
    this.events.onRemoteStream(call.length ? new MediaStream(call) : null);
    this.events.onStethoscope?.(tracks.find((t) => t.source === 'stethoscope')?.consumer.track ?? null);
    this.events.onExamCamera?.(tracks.find((t) => t.source === 'exam-camera')?.consumer.track ?? null);
  }
}

import { Device, type types } from 'mediasoup-client';
import type { KioskEvent, KioskMethods, ProducerInfo } from '../../common/signaling/messages';
import type { SignalingClient } from '../../common/signaling/signaling-client';
import { MediaSession, type MediaSessionEvents, type OutgoingTrack } from '../../web-shared/media/media-session';
import type { PreparedDevice } from '../../web-shared/media/prepared-device';
import { VITALS_LIVE_LABEL, VITALS_PROTOCOL, VITALS_RESULTS_LABEL } from '../../common/signaling/vitals';
import { STETHOSCOPE_OPUS } from './stethoscope-input';
import { EXAM_CAMERA_ENCODING } from './exam-camera-input';

export type KioskSignaling = SignalingClient<KioskMethods, KioskEvent>;

/** A data channel the vitals publisher writes to (a mediasoup DataProducer fits). */
export interface VitalsChannel {
  readonly readyState: RTCDataChannelState;
  send(data: string): void;
}

export type MediaLinkEvents = Omit<MediaSessionEvents, 'onRemoteTracks' | 'onDataConsumer'> & {
  /** The doctor's tracks changed (a consumer added or closed). */
  onRemoteTracks(tracks: MediaStreamTrack[]): void;
};

/**
 * The kiosk's side of the shared media session (web-shared/media/media-session.ts), for one
 * signalling connection: its camera and microphone, then its two vitals data channels, then the
 * doctor's tracks ('send-first'), each source tuned for a cabin's uplink; the examination devices
 * sent on request. Made anew after each rejoin; the Device is kept across them.
 */
export class MediaLink {
  private readonly session: MediaSession;
  live: types.DataProducer | null = null;
  results: types.DataProducer | null = null;

  constructor(device: PreparedDevice, signaling: KioskSignaling, events: MediaLinkEvents) {
    this.session = new MediaSession(
      {
        signaling,
        device,
        // Both transports asked for at once (one round trip, not two); the camera first, as the doctor
        // sees the patient before hearing them speak (the microphone follows within one negotiation).
        order: 'send-first',
        tuning: {
          // One modest layer: a cabin's uplink is often a pharmacy's shared ADSL.
          camera: { encodings: [{ maxBitrate: 600_000 }] },
          stethoscope: { codecOptions: STETHOSCOPE_OPUS },
          'exam-camera': { encodings: [EXAM_CAMERA_ENCODING] },
        },
        dataChannels: [
          // Waveform: unordered, never retransmitted (a late sample is worthless); results: reliable.
          { ordered: false, maxRetransmits: 0, label: VITALS_LIVE_LABEL, protocol: VITALS_PROTOCOL },
          { ordered: true, label: VITALS_RESULTS_LABEL, protocol: VITALS_PROTOCOL },
        ],
      },
      { ...events, onRemoteTracks: (tracks) => events.onRemoteTracks(tracks.map((t) => t.consumer.track)) },
    );
  }

  /** Set by prepare(): this link was made before the accept, for the call to start on. */
  isPrepared = false;

  /**
   * Before the accept (prepare-media): loads the device, opens both transports and produces the
   * camera and microphone with no encoding active — nothing leaves the cabin until start().
   */
  prepare(local: MediaStream, audioOnly: boolean): Promise<void> {
    this.isPrepared = true;
    return this.session.prepare(Promise.resolve(outgoingOf(local, audioOnly)));
  }

  /**
   * Loads the device (first time), opens both transports, produces the tracks and the data
   * channels; on a prepared link, turns the tracks on and opens the data channels.
   */
  async start(local: MediaStream, audioOnly: boolean): Promise<void> {
    await this.session.start(Promise.resolve(outgoingOf(local, audioOnly)));
    this.live = this.session.dataProducer(VITALS_LIVE_LABEL);
    this.results = this.session.dataProducer(VITALS_RESULTS_LABEL);
  }

  /** Consumes one of the doctor's producers (from list-producers or a new-producer event). */
  consume(producer: ProducerInfo): Promise<void> {
    return this.session.consume(producer);
  }

  /** The doctor's producer closed (they reloaded, or switched to audio only). */
  producerClosed(producerId: string): void {
    this.session.producerClosed(producerId);
  }

  /** Stops sending video (audio-only fallback); the platform tells the doctor. */
  dropVideo(): Promise<void> {
    return this.session.closeProducer('camera');
  }

  /** Sends the stethoscope as its own audio producer (Opus as STETHOSCOPE_OPUS says); once per link. */
  produceStethoscope(track: MediaStreamTrack): Promise<void> {
    return this.session.produce(track, 'stethoscope');
  }

  /** Stops sending the stethoscope (the track stays the caller's). */
  closeStethoscope(): Promise<void> {
    return this.session.closeProducer('stethoscope');
  }

  /** Sends the examination camera as its own video producer, at its full size; once per link. */
  produceExamCamera(track: MediaStreamTrack): Promise<void> {
    return this.session.produce(track, 'exam-camera');
  }

  /** Stops sending the examination camera (the track stays the caller's). */
  closeExamCamera(): Promise<void> {
    return this.session.closeProducer('exam-camera');
  }

  get hasVideo(): boolean {
    return this.session.sends('camera');
  }

  /** The camera producer's outbound stats (for the audio-only decision), or null. */
  videoStats(): Promise<RTCStatsReport | null> {
    return this.session.producerStats('camera');
  }

  /** Stats of the send side (packets sent: none before the accept). */
  sendStats(): Promise<RTCStatsReport | null> {
    return this.session.sendStats();
  }

  /** Stats of the receive side (framesDecoded of the doctor's video…). */
  recvStats(): Promise<RTCStatsReport | null> {
    return this.session.receiveStats();
  }

  /** Connection state of the send and receive transports (diagnostics). */
  connectionStates(): string[] {
    return this.session.connectionStates();
  }

  close(): void {
    this.session.close();
  }
}

/** The cabin's camera (unless audio only) then its microphone. */
function outgoingOf(local: MediaStream, audioOnly: boolean): OutgoingTrack[] {
  const video = audioOnly ? undefined : local.getVideoTracks()[0];
  const audio = local.getAudioTracks()[0];
  return [
    ...(video ? [{ track: video, source: 'camera' as const }] : []),
    ...(audio ? [{ track: audio, source: 'microphone' as const }] : []),
  ];
}

/** A Device for this browser (Chromium in the kiosk and the tests). */
export function createDevice(): Device {
  return new Device();
}

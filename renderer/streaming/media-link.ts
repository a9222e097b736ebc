import { Device, type types } from 'mediasoup-client';
import type { IceServerError, KioskEvent, KioskMethods, ProducerInfo } from '../../common/signaling/messages';
import type { SignalingClient } from '../../common/signaling/signaling-client';
import { createMediaTransport, loadDevice, restartTransportIce } from '../../web-shared/media/media-transport';
import { RemoteConsumers } from '../../web-shared/media/remote-consumers';
import { VITALS_LIVE_LABEL, VITALS_PROTOCOL, VITALS_RESULTS_LABEL } from '../../common/signaling/vitals';
import type { MediaSource } from '../../common/signaling/messages/media';
import { STETHOSCOPE_OPUS } from './stethoscope-input';
import { EXAM_CAMERA_ENCODING } from './exam-camera-input';

export type KioskSignaling = SignalingClient<KioskMethods, KioskEvent>;

/** A data channel the vitals publisher writes to (a mediasoup DataProducer fits). */
export interface VitalsChannel {
  readonly readyState: RTCDataChannelState;
  send(data: string): void;
}

export interface MediaLinkEvents {
  /** The doctor's tracks changed (a consumer added or closed). */
  onRemoteTracks(tracks: MediaStreamTrack[]): void;
  /** Both transports connected / one of them is not (disconnected, failed). */
  onConnectivity(connected: boolean): void;
  /** ICE did not recover: the session should rejoin with new transports. */
  onNeedsRejoin(reason: string): void;
  /** A TURN server refused the credential or could not be reached. */
  onIceServerError?(error: IceServerError): void;
}

/** How long a disconnected transport may try to recover on its own before an ICE restart (ms). */
const ICE_RESTART_AFTER_MS = 2000;

/**
 * The kiosk's media for one signalling connection: a mediasoup-client Device (kept across
 * reconnections), a send and a receive transport, the camera and microphone producers, the two
 * vitals data producers, and consumers for the doctor's tracks. Made anew after each rejoin.
 */
export class MediaLink {
  private send: types.Transport | null = null;
  private recv: types.Transport | null = null;
  private readonly producers = new Map<MediaSource, types.Producer>();
  /** The doctor's tracks, once the receive transport exists. */
  private remote: RemoteConsumers | null = null;
  private readonly states = new Map<string, types.ConnectionState>();
  private iceTimers = new Map<string, ReturnType<typeof setTimeout>>();
  private closed = false;
  live: types.DataProducer | null = null;
  results: types.DataProducer | null = null;

  constructor(
    private readonly device: Device,
    private readonly signaling: KioskSignaling,
    private readonly events: MediaLinkEvents,
  ) {}

  /** Loads the device (first time), opens both transports, produces the tracks and the data channels. */
  async start(local: MediaStream, audioOnly: boolean): Promise<void> {
    if (!this.device.loaded) await loadDevice(this.device, this.signaling);
    // Both transports asked for at once (one round trip, not two); the camera first, as the doctor
    // sees the patient before hearing them speak (the microphone follows within one negotiation).
    [this.send, this.recv] = await Promise.all([this.createTransport('send'), this.createTransport('recv')]);
    this.remote = new RemoteConsumers(this.device, this.signaling, this.recv, () => this.emitTracks());
    const video = local.getVideoTracks()[0];
    if (video && !audioOnly) await this.produce(video, 'camera');
    const audio = local.getAudioTracks()[0];
    if (audio) await this.produce(audio, 'microphone');
    // Waveform: unordered, never retransmitted (a late sample is worthless); results: reliable.
    this.live = await this.send.produceData({
      ordered: false,
      maxRetransmits: 0,
      label: VITALS_LIVE_LABEL,
      protocol: VITALS_PROTOCOL,
    });
    this.results = await this.send.produceData({
      ordered: true,
      label: VITALS_RESULTS_LABEL,
      protocol: VITALS_PROTOCOL,
    });
    const { producers } = await this.signaling.request('list-producers', {});
    for (const producer of producers) await this.consume(producer);
  }

  /** Consumes one of the doctor's producers (from list-producers or a new-producer event). */
  async consume(producer: ProducerInfo): Promise<void> {
    // An event and list-producers can name the same producer while the link starts: once only.
    if (this.closed) return;
    await this.remote?.consume(producer.producerId, producer.source);
  }

  /** The doctor's producer closed (they reloaded, or switched to audio only). */
  producerClosed(producerId: string): void {
    this.remote?.producerClosed(producerId);
  }

  /** Stops sending video (audio-only fallback); the platform tells the doctor. */
  async dropVideo(): Promise<void> {
    await this.closeProducer('camera');
  }

  /** Sends the stethoscope as its own audio producer (Opus as STETHOSCOPE_OPUS says); once per link. */
  async produceStethoscope(track: MediaStreamTrack): Promise<void> {
    if (this.producers.has('stethoscope') || !this.send || this.closed) return;
    await this.produce(track, 'stethoscope');
  }

  /** Stops sending the stethoscope (the track stays the caller's). */
  async closeStethoscope(): Promise<void> {
    await this.closeProducer('stethoscope');
  }

  /** Sends the examination camera as its own video producer, at its full size; once per link. */
  async produceExamCamera(track: MediaStreamTrack): Promise<void> {
    if (this.producers.has('exam-camera') || !this.send || this.closed) return;
    await this.produce(track, 'exam-camera');
  }

  /** Stops sending the examination camera (the track stays the caller's). */
  async closeExamCamera(): Promise<void> {
    await this.closeProducer('exam-camera');
  }

  get sendsStethoscope(): boolean {
    return this.producers.has('stethoscope');
  }

  /** The stethoscope producer's outbound RTP stats (bitrate, packets: e2e and diagnostics), or null. */
  async stethoscopeStats(): Promise<RTCStatsReport | null> {
    const producer = this.producers.get('stethoscope');
    return producer && !producer.closed ? producer.getStats() : null;
  }

  /** The camera producer's outbound stats (for the audio-only decision), or null. */
  async videoStats(): Promise<RTCStatsReport | null> {
    const camera = this.producers.get('camera');
    return camera && !camera.closed ? camera.getStats() : null;
  }

  /** Stats of the receive side (framesDecoded of the doctor's video…). */
  async recvStats(): Promise<RTCStatsReport | null> {
    return this.recv && !this.recv.closed ? this.recv.getStats() : null;
  }

  /** Connection state of the send and receive transports (diagnostics). */
  connectionStates(): string[] {
    return [this.send, this.recv].map((t) => (t ? (this.states.get(t.id) ?? t.connectionState) : 'none'));
  }

  get hasVideo(): boolean {
    return this.producers.has('camera');
  }

  close(): void {
    this.closed = true;
    for (const timer of this.iceTimers.values()) clearTimeout(timer);
    this.iceTimers.clear();
    this.send?.close();
    this.recv?.close();
    this.remote?.close();
    this.producers.clear();
  }

  private async produce(track: MediaStreamTrack, source: MediaSource) {
    const producer = await this.send!.produce({
      track,
      appData: { source },
      // One modest layer: a cabin's uplink is often a pharmacy's shared ADSL.
      ...(source === 'camera' ? { encodings: [{ maxBitrate: 600_000 }] } : {}),
      ...(source === 'stethoscope' ? { codecOptions: STETHOSCOPE_OPUS } : {}),
      ...(source === 'exam-camera' ? { encodings: [EXAM_CAMERA_ENCODING] } : {}),
      stopTracks: false,
    });
    this.producers.set(source, producer);
  }

  private async closeProducer(source: MediaSource) {
    const producer = this.producers.get(source);
    if (!producer) return;
    this.producers.delete(source);
    producer.close();
    await this.signaling.request('close-producer', { producerId: producer.id }).catch(() => {});
  }

  private async createTransport(direction: 'send' | 'recv'): Promise<types.Transport> {
    const transport = await createMediaTransport(this.device, this.signaling, direction);
    transport.on('connectionstatechange', (state) => this.onTransportState(transport, state));
    transport.on('icecandidateerror', (event) => {
      // Only TURN failures: a STUN or host candidate error says nothing the platform can fix.
      if (/^turns?:/.test(event.url))
        this.events.onIceServerError?.({
          url: event.url.slice(0, 300),
          code: event.errorCode,
          text: event.errorText.slice(0, 200),
        });
    });
    return transport;
  }

  private onTransportState(transport: types.Transport, state: types.ConnectionState) {
    if (this.closed) return;
    this.states.set(transport.id, state);
    const all = [this.send, this.recv].filter((t): t is types.Transport => t !== null);
    this.events.onConnectivity(all.every((t) => this.states.get(t.id) === 'connected'));
    const pending = this.iceTimers.get(transport.id);
    if (state === 'connected' && pending) {
      clearTimeout(pending);
      this.iceTimers.delete(transport.id);
    }
    if ((state === 'disconnected' || state === 'failed') && !pending) {
      // A short Wi-Fi hiccup recovers by itself; after ICE_RESTART_AFTER_MS ask for new credentials.
      const timer = setTimeout(() => void this.restartIce(transport), state === 'failed' ? 0 : ICE_RESTART_AFTER_MS);
      this.iceTimers.set(transport.id, timer);
    }
  }

  private async restartIce(transport: types.Transport) {
    this.iceTimers.delete(transport.id);
    if (this.closed || this.states.get(transport.id) === 'connected') return;
    try {
      await restartTransportIce(this.signaling, transport);
    } catch {
      this.events.onNeedsRejoin('ice restart failed');
      return;
    }
    // Give the restart time to work; if the path is still dead, rejoin with new transports.
    const timer = setTimeout(() => {
      this.iceTimers.delete(transport.id);
      if (!this.closed && this.states.get(transport.id) !== 'connected')
        this.events.onNeedsRejoin('ice restart did not reconnect');
    }, 8000);
    this.iceTimers.set(transport.id, timer);
  }

  private emitTracks() {
    this.events.onRemoteTracks((this.remote?.live() ?? []).map((t) => t.consumer.track));
  }
}

/** A Device for this browser (Chromium in the kiosk and the tests). */
export function createDevice(): Device {
  return new Device();
}

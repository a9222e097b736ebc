import { Device, type types } from 'mediasoup-client';
import type { DoctorEvent } from '../common/signaling/messages';
import type { MediaSource } from '../common/signaling/messages/media';
import { parseVitalsMessage, VITALS_LIVE_LABEL, VITALS_PROTOCOL, type VitalsMessage } from '../common/signaling/vitals';
import { createMediaTransport, loadDevice, restartTransportIce } from '../web-shared/media/media-transport';
import { RemoteConsumers, type RemoteTrack } from '../web-shared/media/remote-consumers';
import type { DoctorClient } from './platform-client';

export interface MediaSessionEvents {
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
const devices = new WeakMap<DoctorClient, Promise<Device>>();

/**
 * A Device loaded with the routers' capabilities, made once per client: called when the doctor
 * signs in, so accepting a patient does not wait for it. A refusal is not kept (a platform that
 * answers only inside a call): the next call, at the accept, asks the room.
 */
export function prepareDevice(client: DoctorClient): Promise<Device> {
  let device = devices.get(client);
  if (!device) {
    device = (async () => {
      const d = new Device();
      await loadDevice(d, client);
      return d;
    })();
    devices.set(client, device);
    device.catch(() => devices.delete(client));
  }
  return device;
}

/**
 * The doctor's media in one consultation (README "Media"): a mediasoup-client Device, a send
 * transport for the doctor's camera and microphone, a recv transport for the kiosk's tracks and its
 * two vitals data channels. Handles new/closed producers, ICE restarts and media-reset.
 */
export class MediaSession {
  private device: Device | null = null;
  private send: types.Transport | null = null;
  private recv: types.Transport | null = null;
  private local: MediaStream | null = null;
  /** The kiosk's tracks, with what each carries, once the receive transport exists. */
  private remote: RemoteConsumers | null = null;
  private readonly dataConsumers = new Map<string, types.DataConsumer>();
  private closed = false;
  /** Vitals messages received from the kiosk's channels, by type (the e2e reads it). */
  readonly vitalsReceived = { live: 0, pleth: 0, measurement: 0, 'measurement-failed': 0, devices: 0 };

  constructor(
    private readonly client: DoctorClient,
    private readonly events: MediaSessionEvents,
  ) {}

  /**
   * Negotiates everything (after accept/rejoin, and again after media-reset). Both transports are
   * asked for at once, then two things run side by side: the kiosk's tracks are consumed on the
   * receive side while the doctor's camera opens and is produced on the send side, camera before
   * microphone. Neither side waits for the other: the patient appears without waiting for the
   * doctor's camera, and the doctor reaches the kiosk without waiting for the patient's tracks
   * (issue 22: accept → first frame at the kiosk).
   */
  async start(): Promise<void> {
    const camera = this.local ? Promise.resolve(this.local) : this.openCamera();
    // Each step may resolve after close() (the view unmounted mid-negotiation): stop there, undo it,
    // and close the camera opened for this start if it was not handed over yet.
    const gone = () => {
      if (!this.closed) return false;
      this.release();
      void camera.then((stream) => {
        if (stream !== this.local) stream?.getTracks().forEach((track) => track.stop());
      });
      return true;
    };
    // Loaded while the doctor waited for a patient (prepareDevice); else now, from the room.
    this.device = await prepareDevice(this.client).catch(() => prepareDevice(this.client));
    if (gone()) return;
    const recv = this.transport('recv');
    const send = this.transport('send');
    // Should the receive side fail (the error reported), the send side made for nothing is closed.
    recv.catch(() => send.then((t) => t.close()).catch(() => {}));
    this.recv = await recv;
    this.remote = new RemoteConsumers(this.device, this.client, this.recv, () => this.publishRemote());
    this.send = await send;
    if (gone()) return;
    await Promise.all([this.receiveKiosk(gone), this.sendOwn(this.send, camera, gone)]);
  }

  /** Consumes what the kiosk already produces (later ones arrive as new-producer events). */
  private async receiveKiosk(gone: () => boolean): Promise<void> {
    const { producers, dataProducers } = await this.client.request('list-producers', {});
    if (gone()) return;
    for (const p of producers) await this.consume(p.producerId, p.source);
    for (const d of dataProducers) await this.consumeData(d.dataProducerId);
  }

  /** Produces the doctor's camera, then microphone, on `send` once they are open. */
  private async sendOwn(send: types.Transport, camera: Promise<MediaStream | null>, gone: () => boolean) {
    const local = await camera;
    if (gone()) return;
    if (local !== this.local) {
      this.local = local;
      this.events.onLocalStream(local);
    }
    if (send.closed) return;
    const video = local?.getVideoTracks()[0];
    const audio = local?.getAudioTracks()[0];
    if (video) await send.produce({ track: video, appData: { source: 'camera' }, stopTracks: false });
    if (audio && !send.closed)
      await send.produce({ track: audio, appData: { source: 'microphone' }, stopTracks: false });
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

  /** Feed every platform event here; the room events concern the media. */
  async handle(event: DoctorEvent): Promise<void> {
    if (this.closed) return;
    try {
      if (event.type === 'media-reset') {
        this.closeTransports();
        await this.start();
      } else if (!this.recv) {
        return;
      } else if (event.type === 'new-producer') {
        await this.consume(event.producer.producerId, event.producer.source);
      } else if (event.type === 'new-data-producer') {
        await this.consumeData(event.dataProducer.dataProducerId);
      } else if (event.type === 'producer-closed') {
        this.remote?.producerClosed(event.producerId);
        this.dataConsumers.get(event.producerId)?.close();
        this.dataConsumers.delete(event.producerId);
        this.consumingData.delete(event.producerId);
      }
    } catch (error) {
      this.events.onError(error instanceof Error ? error.message : String(error));
    }
  }

  /** The receive transport's WebRTC stats (the call-quality indicator), null before it exists. */
  async receiveStats(): Promise<RTCStatsReport | null> {
    return (await this.recv?.getStats()) ?? null;
  }

  /** Video frames decoded from the kiosk so far (e2e and the "is video passing" check). */
  async framesDecoded(): Promise<number> {
    let frames = 0;
    (await this.recv?.getStats())?.forEach((s: { type: string; kind?: string; framesDecoded?: number }) => {
      if (s.type === 'inbound-rtp' && s.kind === 'video') frames += s.framesDecoded ?? 0;
    });
    return frames;
  }

  /**
   * The stethoscope as received (e2e and diagnostics): its inbound RTP stats and the Opus
   * parameters the kiosk sent it with; null while none is consumed.
   */
  async stethoscopeStats(): Promise<{ stats: RTCStatsReport; codec: types.RtpCodecParameters | undefined } | null> {
    const consumer = this.stethoscopeConsumer();
    if (!consumer) return null;
    return { stats: await consumer.getStats(), codec: consumer.rtpParameters.codecs[0] };
  }

  close(): void {
    this.closed = true;
    this.release();
    this.events.onLocalStream(null);
  }

  /** Closes the transports (their producers and consumers) and stops the camera and microphone. */
  private release() {
    this.closeTransports();
    this.local?.getTracks().forEach((track) => track.stop());
    this.local = null;
  }

  private closeTransports() {
    this.send?.close();
    this.recv?.close();
    this.send = this.recv = null;
    this.remote?.close();
    this.remote = null;
    this.dataConsumers.clear();
    this.consumingData.clear();
    this.publishRemote();
  }

  private async transport(direction: 'send' | 'recv'): Promise<types.Transport> {
    const t = await createMediaTransport(this.device!, this.client, direction);
    t.on('connectionstatechange', (state) => {
      // A network change: new ICE credentials from the platform (the kiosk side does the same).
      if ((state === 'disconnected' || state === 'failed') && !t.closed) {
        restartTransportIce(this.client, t).catch(() => this.events.onError('restart-ice'));
      }
    });
    return t;
  }

  /** Data producers being consumed or consumed: an event and list-producers can name the same one. */
  private readonly consumingData = new Set<string>();

  private async consume(producerId: string, source: MediaSource) {
    await this.remote?.consume(producerId, source);
  }

  private remoteTrack(source: MediaSource): RemoteTrack | undefined {
    return this.remote?.live().find((t) => t.source === source);
  }

  private stethoscopeConsumer(): types.Consumer | undefined {
    return this.remoteTrack('stethoscope')?.consumer;
  }

  private async consumeData(dataProducerId: string) {
    if (this.consumingData.has(dataProducerId)) return;
    this.consumingData.add(dataProducerId);
    const r = await this.client.request('consume-data', { transportId: this.recv!.id, dataProducerId });
    if (r.protocol !== VITALS_PROTOCOL) return;
    const dc = await this.recv!.consumeData({
      id: r.dataConsumerId,
      dataProducerId: r.dataProducerId,
      sctpStreamParameters: r.sctpStreamParameters,
      label: r.label,
      protocol: r.protocol,
    });
    this.dataConsumers.set(dataProducerId, dc);
    if (r.label === VITALS_LIVE_LABEL) this.events.onLiveChannel?.();
    dc.on('message', (data: unknown) => {
      const message = parseVitalsMessage(data);
      if (!message) return;
      this.vitalsReceived[message.type] += 1;
      this.events.onVitals(message);
    });
  }

  private publishRemote() {
    // The stethoscope stays out of the call's stream: a <video> plays every audio track it holds;
    // so does the examination camera, which the doctor shows apart from the cabin's.
    const apart = new Set<MediaSource>(['stethoscope', 'exam-camera']);
    const tracks = (this.remote?.live() ?? []).filter((t) => !apart.has(t.source)).map((t) => t.consumer.track);
    this.events.onRemoteStream(tracks.length ? new MediaStream(tracks) : null);
    this.events.onStethoscope?.(this.stethoscopeConsumer()?.track ?? null);
    this.events.onExamCamera?.(this.remoteTrack('exam-camera')?.consumer.track ?? null);
  }
}

import type { Device, types } from 'mediasoup-client';
import type { MediaSource } from '../../common/signaling/messages/media';
import { IceRecovery, type IceRecoveryOptions } from './ice-recovery';
import { createMediaTransport, type MediaSignaling } from './media-transport';
import type { PreparedDevice } from './prepared-device';
import { RemoteConsumers, type RemoteTrack } from './remote-consumers';

/** How one source is sent: its encodings and codec options (the kiosk tunes its camera and devices). */
export type ProducerTuning = Pick<types.ProducerOptions, 'encodings' | 'codecOptions'>;

/** A local track to send, and what it carries (the platform tells the other side). */
export interface OutgoingTrack {
  readonly track: MediaStreamTrack;
  readonly source: MediaSource;
}

export interface MediaSessionOptions {
  signaling: MediaSignaling;
  /** The side's Device, prepared before the call; loaded here if it is not yet. */
  device: PreparedDevice;
  /**
   * 'send-first': this side's tracks and data channels, then the other side's (the kiosk);
   * 'side-by-side': both at once, neither waiting for the other (the console: the patient appears
   * while the doctor's camera still opens).
   */
  order: 'send-first' | 'side-by-side';
  tuning?: Partial<Record<MediaSource, ProducerTuning>>;
  /** Data channels this side sends, opened after its tracks (the kiosk's vitals). */
  dataChannels?: readonly types.DataProducerOptions[];
  /** The other side's data channels of this protocol are consumed (the console: vitals); none without it. */
  dataProtocol?: string;
  /** How long a disconnected transport may recover by itself before an ICE restart (ms). Default 2000. */
  iceRestartAfterMs?: number;
}

export interface MediaSessionEvents extends Pick<
  IceRecoveryOptions,
  'onConnectivity' | 'onNeedsRejoin' | 'onIceServerError'
> {
  /** The other side's live tracks changed (a consumer added or closed, or all gone). */
  onRemoteTracks(tracks: readonly RemoteTrack[]): void;
  /** One of the other side's data channels (of `dataProtocol`) is consumed. */
  onDataConsumer?(consumer: types.DataConsumer): void;
}

/**
 * One side's media in one consultation, the kiosk's and the console's alike (README "Media"): the
 * Device, a send and a receive transport (asked for at once: one round trip, not two), this side's
 * tracks produced in the order given (the camera first: the other side sees before it hears), the
 * other side's producers consumed once each, data channels both ways, ICE restarts (IceRecovery),
 * and stats. After a signalling reconnect the side makes a new session (rejoin); after media-reset
 * it may reset() this one and start again. close() leaves no transport, producer or consumer behind.
 */
export class MediaSession {
  private send: types.Transport | null = null;
  private recv: types.Transport | null = null;
  /** The other side's tracks, once the receive transport exists. */
  private remote: RemoteConsumers | null = null;
  private readonly producers = new Map<MediaSource, types.Producer>();
  private readonly dataProducers = new Map<string, types.DataProducer>();
  private readonly dataConsumers = new Map<string, types.DataConsumer>();
  /** Data producers being consumed or consumed: an event and list-producers can name the same one. */
  private readonly consumingData = new Set<string>();
  private ice: IceRecovery | null = null;
  private closed = false;
  /** Set by prepare() until start(): this side's tracks are produced with no encoding active. */
  private held = false;
  /** The preparation under way or done (prepare()), which start() completes. */
  private preparing: Promise<void> | null = null;

  constructor(
    private readonly options: MediaSessionOptions,
    private readonly events: MediaSessionEvents,
  ) {}

  /**
   * Negotiates everything: the Device, both transports, then this side's tracks (`outgoing`, in
   * order, then its data channels) and the other side's producers, in the session's `order`. Once
   * per session, or once after each reset().
   */
  async start(outgoing: Promise<readonly OutgoingTrack[]>): Promise<void> {
    if (this.preparing) {
      const prepared = await this.preparing.then(
        () => true,
        () => false,
      );
      this.preparing = null;
      if (this.closed) return;
      if (prepared && this.send) return this.goLive();
      // The preparation failed (the room was released or lost meanwhile): from the beginning.
      this.reset();
    }
    const device = await this.loadDevice();
    if (this.closed || !(await this.openTransports(device))) return;
    const send = this.send!;
    if (this.options.order === 'side-by-side') {
      await Promise.all([this.receiveOther(), this.sendOwn(send, outgoing)]);
    } else {
      await this.sendOwn(send, outgoing);
      await this.receiveOther();
    }
  }

  /**
   * Before the call (the kiosk, on prepare-media): the Device, both transports and this side's
   * tracks, produced with their encodings inactive — no RTP leaves this side — until start()
   * activates them, then its data channels (nothing written to them yet); nothing of the other
   * side. Rejects as start() would.
   */
  prepare(outgoing: Promise<readonly OutgoingTrack[]>): Promise<void> {
    this.held = true;
    this.preparing = (async () => {
      const device = await this.loadDevice();
      if (this.closed || !(await this.openTransports(device))) return;
      const tracks = await outgoing;
      for (const { track, source } of tracks) await this.produceOn(this.send!, track, source);
      // Open but empty: what writes to them (the kiosk's vitals publisher) is attached after start().
      await this.sendData(this.send!);
    })();
    return this.preparing;
  }

  /** A load begun before the call may have been refused (a platform that answers only inside a call): asked again. */
  private loadDevice(): Promise<Device> {
    const { device: prepared, signaling } = this.options;
    return prepared.prepare(signaling).catch(() => prepared.prepare(signaling));
  }

  /**
   * The call began on a prepared session: its tracks start sending (their encodings activated on
   * the sender itself, no renegotiation), then the other side's producers are asked for: the only
   * request left on the accept's path (the platform answers a socket's requests in order).
   */
  private async goLive() {
    this.held = false;
    await Promise.all([...this.producers.values()].map((producer) => activate(producer)));
    await this.receiveOther();
  }

  /** Consumes one of the other side's producers (from list-producers or a new-producer event). */
  async consume(producer: { readonly producerId: string; readonly source: MediaSource }): Promise<void> {
    if (this.closed) return;
    await this.remote?.consume(producer.producerId, producer.source);
  }

  /** Consumes one of the other side's data producers, if this session takes data and has not yet. */
  async consumeData(dataProducerId: string): Promise<void> {
    const recv = this.recv;
    const protocol = this.options.dataProtocol;
    if (this.closed || !recv || protocol === undefined || this.consumingData.has(dataProducerId)) return;
    this.consumingData.add(dataProducerId);
    const r = await this.options.signaling.request('consume-data', { transportId: recv.id, dataProducerId });
    if (r.protocol !== protocol || recv.closed) return;
    const consumer = await recv.consumeData({
      id: r.dataConsumerId,
      dataProducerId: r.dataProducerId,
      sctpStreamParameters: r.sctpStreamParameters,
      label: r.label,
      protocol: r.protocol,
    });
    if (recv !== this.recv) return consumer.close();
    this.dataConsumers.set(dataProducerId, consumer);
    this.events.onDataConsumer?.(consumer);
  }

  /** A producer or data producer of the other side closed (they reloaded, went audio only…). */
  producerClosed(producerId: string): void {
    this.remote?.producerClosed(producerId);
    this.dataConsumers.get(producerId)?.close();
    this.dataConsumers.delete(producerId);
    this.consumingData.delete(producerId);
  }

  /** Sends `track` as `source` (tuned as the options say); a no-op when that source is already sent. */
  async produce(track: MediaStreamTrack, source: MediaSource): Promise<void> {
    if (this.send) await this.produceOn(this.send, track, source);
  }

  /** Stops sending `source` (the track stays the caller's) and tells the platform. */
  async closeProducer(source: MediaSource): Promise<void> {
    const producer = this.producers.get(source);
    if (!producer) return;
    this.producers.delete(source);
    producer.close();
    await this.options.signaling.request('close-producer', { producerId: producer.id }).catch(() => {});
  }

  sends(source: MediaSource): boolean {
    return this.producers.has(source);
  }

  /** The data channel this side sends with `label`, once open (the kiosk's vitals publisher writes to it). */
  dataProducer(label: string): types.DataProducer | null {
    return this.dataProducers.get(label) ?? null;
  }

  /** The other side's live track carrying `source`, if consumed. */
  remoteTrack(source: MediaSource): RemoteTrack | undefined {
    return this.remote?.live().find((t) => t.source === source);
  }

  /** The outbound stats of the producer of `source` (audio-only decision, diagnostics), or null. */
  async producerStats(source: MediaSource): Promise<RTCStatsReport | null> {
    const producer = this.producers.get(source);
    return producer && !producer.closed ? producer.getStats() : null;
  }

  /** The send transport's WebRTC stats (what this side sends; none before a call), null before it exists. */
  async sendStats(): Promise<RTCStatsReport | null> {
    return this.send && !this.send.closed ? this.send.getStats() : null;
  }

  /** The receive transport's WebRTC stats (the call-quality indicator), null before it exists. */
  async receiveStats(): Promise<RTCStatsReport | null> {
    return this.recv && !this.recv.closed ? this.recv.getStats() : null;
  }

  /** Video frames decoded from the other side so far (e2e and the "is video passing" check). */
  async framesDecoded(): Promise<number> {
    let frames = 0;
    (await this.receiveStats())?.forEach((s: { type: string; kind?: string; framesDecoded?: number }) => {
      if (s.type === 'inbound-rtp' && s.kind === 'video') frames += s.framesDecoded ?? 0;
    });
    return frames;
  }

  /** Connection state of the send and receive transports (diagnostics). */
  connectionStates(): string[] {
    return [this.send, this.recv].map((t) => (t && this.ice ? this.ice.state(t) : 'none'));
  }

  /**
   * The media room was replaced (media-reset): the transports and all they carry are closed, the
   * other side's tracks reported gone; start() may run again.
   */
  reset(): void {
    this.preparing = null;
    this.held = false;
    const hadTracks = (this.remote?.live().length ?? 0) > 0;
    this.ice?.close();
    this.ice = null;
    this.send?.close();
    this.recv?.close();
    this.send = this.recv = null;
    this.remote?.close();
    this.remote = null;
    this.producers.clear();
    this.dataProducers.clear();
    this.dataConsumers.clear();
    this.consumingData.clear();
    if (hadTracks) this.events.onRemoteTracks([]);
  }

  /** Ends the session: nothing left open, no event after. A start still under way stops at its next step. */
  close(): void {
    this.reset();
    this.closed = true;
  }

  /** Asks for both transports at once; false when the session closed meanwhile (they are closed too). */
  private async openTransports(device: Device): Promise<boolean> {
    const { signaling } = this.options;
    const settled = await Promise.allSettled([
      createMediaTransport(device, signaling, 'recv'),
      createMediaTransport(device, signaling, 'send'),
    ]);
    const made = settled.flatMap((r) => (r.status === 'fulfilled' ? [r.value] : []));
    const failed = settled.find((r): r is PromiseRejectedResult => r.status === 'rejected');
    // One failed (the caller hears why) or the session closed: the other, made for nothing, is closed.
    if (failed || this.closed) made.forEach((t) => t.close());
    if (failed) throw failed.reason;
    if (this.closed) return false;
    [this.recv, this.send] = made as [types.Transport, types.Transport];
    this.ice = new IceRecovery({
      signaling,
      restartAfterMs: this.options.iceRestartAfterMs ?? 2000,
      onConnectivity: (connected) => this.events.onConnectivity?.(connected),
      onNeedsRejoin: (reason) => this.events.onNeedsRejoin?.(reason),
      onIceServerError: (error) => this.events.onIceServerError?.(error),
    });
    this.ice.watch(this.send);
    this.ice.watch(this.recv);
    this.remote = new RemoteConsumers(device, signaling, this.recv, () =>
      this.events.onRemoteTracks(this.remote?.live() ?? []),
    );
    return true;
  }

  /** This side's tracks, in the order given, then its data channels, on `send` while it stays open. */
  private async sendOwn(send: types.Transport, outgoing: Promise<readonly OutgoingTrack[]>) {
    const tracks = await outgoing;
    for (const { track, source } of tracks) await this.produceOn(send, track, source);
    await this.sendData(send);
  }

  /** This side's data channels, on `send` while it stays open. */
  private async sendData(send: types.Transport) {
    for (const channel of this.options.dataChannels ?? []) {
      if (this.closed || send.closed) return;
      const producer = await send.produceData(channel);
      this.dataProducers.set(channel.label ?? '', producer);
    }
  }

  /** What the other side already produces (later ones arrive as events the side passes on). */
  private async receiveOther() {
    const recv = this.recv;
    const { producers, dataProducers } = await this.options.signaling.request('list-producers', {});
    if (this.closed || recv !== this.recv) return;
    for (const producer of producers) await this.consume(producer);
    for (const data of dataProducers) await this.consumeData(data.dataProducerId);
  }

  private async produceOn(send: types.Transport, track: MediaStreamTrack, source: MediaSource) {
    if (this.closed || send.closed || this.producers.has(source)) return;
    const tuning = this.options.tuning?.[source];
    const held = this.held;
    const producer = await send.produce({
      track,
      appData: { source },
      ...tuning,
      // Privacy: a prepared session (before the accept) sends nothing: every encoding is inactive.
      ...(held ? { encodings: (tuning?.encodings ?? [{}]).map((e) => ({ ...e, active: false })) } : {}),
      stopTracks: false,
    });
    // The call began while it was produced: it sends like the others.
    if (held && !this.held) await activate(producer);
    this.producers.set(source, producer);
  }
}

/** Turns on every encoding of a producer made with none active (a prepared session going live). */
async function activate(producer: types.Producer): Promise<void> {
  const sender = producer.rtpSender;
  if (!sender) return producer.setRtpEncodingParameters({ active: true });
  const parameters = sender.getParameters();
  parameters.encodings.forEach((encoding) => (encoding.active = true));
  await sender.setParameters(parameters);
}

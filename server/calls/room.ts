import type { types } from 'mediasoup';
import type {
  DataProducerInfo,
  MediaMethods,
  ProducerInfo,
  RequestFrame,
  ResultOf,
} from '../../common/signaling/messages';
import { VITALS_RESULTS_LABEL } from '../../common/signaling/vitals';
import { createLogger } from '../../common/util/logger';
import { transportOptions } from '../media/media-config';
import { SignalFailure } from './signal-failure';

const log = createLogger('platform:calls:room');

export type PeerRole = 'kiosk' | 'doctor';
export const otherRole = (role: PeerRole): PeerRole => (role === 'kiosk' ? 'doctor' : 'kiosk');

/** What the room tells the consultation (which forwards it to the peer's socket). */
export type RoomNotice =
  | { type: 'new-producer'; to: PeerRole; producer: ProducerInfo }
  | { type: 'new-data-producer'; to: PeerRole; dataProducer: DataProducerInfo }
  | { type: 'producer-closed'; to: PeerRole; producerId: string };

/** A validated media request (the frame without its id). */
export type MediaRequest = {
  [K in keyof MediaMethods]: Omit<RequestFrame<Pick<MediaMethods, K>>, 'id'>;
}[keyof MediaMethods];

class Peer {
  readonly transports = new Map<string, types.WebRtcTransport>();
  readonly producers = new Map<string, types.Producer>();
  readonly consumers = new Map<string, types.Consumer>();
  readonly dataProducers = new Map<string, types.DataProducer>();
  readonly dataConsumers = new Map<string, types.DataConsumer>();

  closeAll() {
    for (const transport of this.transports.values()) transport.close();
    this.transports.clear();
  }
}

export interface RoomOptions {
  listenIp: string;
  announcedAddress: string;
  /** Called for every room event addressed to a peer. */
  notify(notice: RoomNotice): void;
  /** Each text message of the kiosk's reliable vitals channel (kept for the consultation report). */
  onVitalsResult?(text: string): void;
  /** The router died with its worker (not closed by us): the consultation needs a new room. */
  onLost?(): void;
}

/**
 * One consultation's media room: a mediasoup router and two peers (the kiosk and the doctor), each
 * with its transports, producers and consumers. A peer may be reset (network cut, reload) and
 * renegotiate in the same room while the other keeps its media.
 */
export class Room {
  private readonly peers: Record<PeerRole, Peer> = { kiosk: new Peer(), doctor: new Peer() };
  private direct: types.DirectTransport | null = null;
  private closed = false;

  constructor(
    readonly router: types.Router,
    private readonly options: RoomOptions,
  ) {
    router.observer.once('close', () => {
      if (this.closed) return;
      this.closed = true;
      log.warn('room lost with its media worker');
      options.onLost?.();
    });
  }

  /** Handles one media request of a peer; throws SignalFailure for anything refused. */
  async handle<R extends MediaRequest>(role: PeerRole, request: R): Promise<ResultOf<MediaMethods, R['type']>> {
    if (this.closed) throw new SignalFailure('conflict', 'the consultation room is closed');
    try {
      return (await this.dispatch(role, request)) as ResultOf<MediaMethods, R['type']>;
    } catch (error) {
      if (error instanceof SignalFailure) throw error;
      // mediasoup's own validation (bad RTP parameters, unknown ids): refuse, keep the room.
      throw new SignalFailure('bad-request', `${request.type}: ${(error as Error).message}`.slice(0, 300));
    }
  }

  /** Closes every transport of a peer (its producers close; the other side is told). */
  resetPeer(role: PeerRole): void {
    this.peers[role].closeAll();
  }

  /** Producer ids by peer (tests, fleet diagnostics). */
  producerCount(role: PeerRole): number {
    return this.peers[role].producers.size;
  }

  close(): void {
    if (this.closed) return;
    this.closed = true;
    this.router.close();
  }

  get isClosed(): boolean {
    return this.closed;
  }

  private async dispatch(role: PeerRole, request: MediaRequest): Promise<unknown> {
    const peer = this.peers[role];
    const other = this.peers[otherRole(role)];
    const r = request;
    switch (r.type) {
      case 'get-router-capabilities':
        return { rtpCapabilities: this.router.rtpCapabilities };
      case 'create-transport': {
        const transport = await this.router.createWebRtcTransport({
          ...transportOptions(this.options.listenIp, this.options.announcedAddress),
          appData: { direction: r.direction },
        });
        peer.transports.set(transport.id, transport);
        transport.observer.on('close', () => peer.transports.delete(transport.id));
        return {
          transportId: transport.id,
          iceParameters: transport.iceParameters,
          iceCandidates: transport.iceCandidates,
          dtlsParameters: transport.dtlsParameters,
          sctpParameters: transport.sctpParameters ?? null,
        };
      }
      case 'connect-transport':
        await this.transport(peer, r.transportId).connect({
          dtlsParameters: r.dtlsParameters as unknown as types.DtlsParameters,
        });
        return {};
      case 'produce': {
        const transport = this.transport(peer, r.transportId);
        const producer = await transport.produce({
          kind: r.kind,
          rtpParameters: r.rtpParameters as unknown as types.RtpParameters,
          appData: { source: r.source },
        });
        peer.producers.set(producer.id, producer);
        producer.observer.on('close', () => {
          peer.producers.delete(producer.id);
          if (!this.closed)
            this.options.notify({ type: 'producer-closed', to: otherRole(role), producerId: producer.id });
        });
        this.options.notify({
          type: 'new-producer',
          to: otherRole(role),
          producer: { producerId: producer.id, kind: producer.kind, source: r.source },
        });
        return { producerId: producer.id };
      }
      case 'close-producer': {
        const producer = peer.producers.get(r.producerId);
        if (!producer) throw new SignalFailure('not-found', 'no such producer');
        producer.close();
        return {};
      }
      case 'produce-data': {
        const transport = this.transport(peer, r.transportId);
        const dataProducer = await transport.produceData({
          sctpStreamParameters: r.sctpStreamParameters,
          label: r.label,
          protocol: r.protocol,
        });
        peer.dataProducers.set(dataProducer.id, dataProducer);
        dataProducer.observer.on('close', () => {
          peer.dataProducers.delete(dataProducer.id);
          if (!this.closed)
            this.options.notify({ type: 'producer-closed', to: otherRole(role), producerId: dataProducer.id });
        });
        if (role === 'kiosk' && dataProducer.label === VITALS_RESULTS_LABEL) await this.tapVitalsResults(dataProducer);
        this.options.notify({
          type: 'new-data-producer',
          to: otherRole(role),
          dataProducer: { dataProducerId: dataProducer.id, label: dataProducer.label },
        });
        return { dataProducerId: dataProducer.id };
      }
      case 'consume': {
        const transport = this.transport(peer, r.transportId);
        const producer = other.producers.get(r.producerId);
        if (!producer) throw new SignalFailure('not-found', 'no such producer on the other side');
        if (
          !this.router.canConsume({
            producerId: producer.id,
            rtpCapabilities: r.rtpCapabilities as types.RtpCapabilities,
          })
        ) {
          throw new SignalFailure('bad-request', 'these RTP capabilities cannot consume that producer');
        }
        const consumer = await transport.consume({
          producerId: producer.id,
          rtpCapabilities: r.rtpCapabilities as types.RtpCapabilities,
          paused: true,
        });
        peer.consumers.set(consumer.id, consumer);
        consumer.observer.on('close', () => peer.consumers.delete(consumer.id));
        return {
          consumerId: consumer.id,
          producerId: producer.id,
          kind: consumer.kind,
          rtpParameters: consumer.rtpParameters,
          source: (producer.appData as { source: 'camera' | 'microphone' }).source,
        };
      }
      case 'resume-consumer': {
        const consumer = peer.consumers.get(r.consumerId);
        if (!consumer) throw new SignalFailure('not-found', 'no such consumer');
        await consumer.resume();
        return {};
      }
      case 'consume-data': {
        const transport = this.transport(peer, r.transportId);
        const dataProducer = other.dataProducers.get(r.dataProducerId);
        if (!dataProducer) throw new SignalFailure('not-found', 'no such data producer on the other side');
        const dataConsumer = await transport.consumeData({ dataProducerId: dataProducer.id });
        peer.dataConsumers.set(dataConsumer.id, dataConsumer);
        dataConsumer.observer.on('close', () => peer.dataConsumers.delete(dataConsumer.id));
        return {
          dataConsumerId: dataConsumer.id,
          dataProducerId: dataProducer.id,
          sctpStreamParameters: dataConsumer.sctpStreamParameters!,
          label: dataConsumer.label,
          protocol: dataConsumer.protocol,
        };
      }
      case 'restart-ice':
        return { iceParameters: await this.transport(peer, r.transportId).restartIce() };
      case 'list-producers':
        return {
          producers: [...other.producers.values()].map((p) => ({
            producerId: p.id,
            kind: p.kind,
            source: (p.appData as { source: 'camera' | 'microphone' }).source,
          })),
          dataProducers: [...other.dataProducers.values()].map((d) => ({ dataProducerId: d.id, label: d.label })),
        };
    }
  }

  private transport(peer: Peer, id: string): types.WebRtcTransport {
    const transport = peer.transports.get(id);
    if (!transport) throw new SignalFailure('not-found', 'no such transport');
    return transport;
  }

  /** The platform keeps a copy of the reliable vitals channel for the consultation report. */
  private async tapVitalsResults(dataProducer: types.DataProducer) {
    if (!this.options.onVitalsResult) return;
    this.direct ??= await this.router.createDirectTransport({ maxReceiveMessageSize: 262144 });
    const tap = await this.direct.consumeData({ dataProducerId: dataProducer.id });
    tap.on('message', (message, ppid) => {
      // PPID 51 = WebRTC string.
      if (ppid === 51) this.options.onVitalsResult?.(message.toString('utf8'));
    });
    tap.on('dataproducerclose', () => log.debug('vitals tap closed'));
  }
}

import type { types } from 'mediasoup';
import type { Handler, Handlers, IceServer, MediaMethods } from '../../common/signaling/messages';
import { VITALS_RESULTS_LABEL } from '../../common/signaling/vitals';
import { transportOptions } from '../media/media-config';
import type { MediaNetwork } from '../media/media-network';
import type { RouterAppData } from '../media/worker-pool';
import { producerSource, type PeerNotice, type PeerRole, type RoomPeer } from './room-peer';
import { SignalFailure } from './signal-failure';

/** What a media request of one peer acts on: its side of the room, the other side, the router. */
export interface MediaScope {
  readonly role: PeerRole;
  readonly peer: RoomPeer;
  readonly other: RoomPeer;
  readonly router: types.Router<RouterAppData>;
  /** Where the transports listen and what they announce (the router's WebRtcServer when it has one). */
  readonly network: MediaNetwork;
  /** False while the room is only prepared, before the accept (room.ts): producers are made paused. */
  live(): boolean;
  /** TURN servers with fresh credentials for this peer (empty without TURN). */
  iceServers(): IceServer[];
  /** Tells the other peer (through the consultation) about a producer that came or went. */
  tellOther(notice: PeerNotice): void;
  /** The kiosk's reliable vitals channel opened: the platform keeps a copy of what passes. */
  tapVitalsResults(dataProducer: types.DataProducer): Promise<void>;
}

/** A mediasoup object with an id that tells its observer when it closes. */
interface Closable {
  readonly id: string;
  readonly observer: { on(event: 'close', listener: () => void): unknown };
}

/** Keeps an object in its peer's map for as long as it lives; `closed` runs when it goes. */
function keep<T extends Closable>(map: Map<string, T>, item: T, closed?: () => void): void {
  map.set(item.id, item);
  item.observer.on('close', () => {
    map.delete(item.id);
    closed?.();
  });
}

type MediaHandler<K extends keyof MediaMethods & string> = Handler<MediaMethods, K, MediaScope>;

const createTransport: MediaHandler<'create-transport'> = async (scope, request) => {
  scope.peer.ensureRoomFor('transports');
  const transport = await scope.router.createWebRtcTransport({
    ...transportOptions(scope.network, scope.router.appData.webRtcServer),
    appData: { direction: request.direction },
  });
  keep(scope.peer.transports, transport);
  return {
    transportId: transport.id,
    iceParameters: transport.iceParameters,
    iceCandidates: transport.iceCandidates,
    dtlsParameters: transport.dtlsParameters,
    sctpParameters: transport.sctpParameters ?? null,
    iceServers: scope.iceServers(),
  };
};

const produce: MediaHandler<'produce'> = async (scope, request) => {
  // The console plays a stethoscope apart, on the doctor's chosen output: only the cabin has one.
  if (request.source === 'stethoscope' && (scope.role !== 'kiosk' || request.kind !== 'audio'))
    throw new SignalFailure('forbidden', 'only the kiosk sends a stethoscope, as audio');
  // Likewise the examination camera, shown in place of the cabin's camera.
  if (request.source === 'exam-camera' && (scope.role !== 'kiosk' || request.kind !== 'video'))
    throw new SignalFailure('forbidden', 'only the kiosk sends an examination camera, as video');
  scope.peer.ensureRoomFor('producers');
  const producer = await scope.peer.transport(request.transportId).produce({
    kind: request.kind,
    rtpParameters: request.rtpParameters as unknown as types.RtpParameters,
    appData: { source: request.source },
    // Privacy: before the accept the kiosk sends nothing (its encodings are inactive); should RTP
    // come anyway, the SFU holds it here until goLive() — no consumer could exist before it either.
    paused: !scope.live(),
  });
  // The accept came while it was being made (goLive() resumed only those it found): resumed now.
  if (producer.paused && scope.live()) await producer.resume();
  keep(scope.peer.producers, producer, () => scope.tellOther({ type: 'producer-closed', producerId: producer.id }));
  scope.tellOther({
    type: 'new-producer',
    producer: { producerId: producer.id, kind: producer.kind, source: request.source },
  });
  return { producerId: producer.id };
};

const produceData: MediaHandler<'produce-data'> = async (scope, request) => {
  scope.peer.ensureRoomFor('dataProducers');
  const dataProducer = await scope.peer.transport(request.transportId).produceData({
    sctpStreamParameters: request.sctpStreamParameters,
    label: request.label,
    protocol: request.protocol,
  });
  keep(scope.peer.dataProducers, dataProducer, () =>
    scope.tellOther({ type: 'producer-closed', producerId: dataProducer.id }),
  );
  if (scope.role === 'kiosk' && dataProducer.label === VITALS_RESULTS_LABEL) await scope.tapVitalsResults(dataProducer);
  scope.tellOther({
    type: 'new-data-producer',
    dataProducer: { dataProducerId: dataProducer.id, label: dataProducer.label },
  });
  return { dataProducerId: dataProducer.id };
};

const consume: MediaHandler<'consume'> = async (scope, request) => {
  scope.peer.ensureRoomFor('consumers');
  const transport = scope.peer.transport(request.transportId);
  // Producers are looked up on the other side: a peer never consumes its own media.
  const producer = scope.other.producers.get(request.producerId);
  if (!producer) throw new SignalFailure('not-found', 'no such producer on the other side');
  const rtpCapabilities = request.rtpCapabilities as types.RtpCapabilities;
  if (!scope.router.canConsume({ producerId: producer.id, rtpCapabilities }))
    throw new SignalFailure('bad-request', 'these RTP capabilities cannot consume that producer');
  const consumer = await transport.consume({ producerId: producer.id, rtpCapabilities, paused: true });
  keep(scope.peer.consumers, consumer);
  return {
    consumerId: consumer.id,
    producerId: producer.id,
    kind: consumer.kind,
    rtpParameters: consumer.rtpParameters,
    source: producerSource(producer),
  };
};

const consumeData: MediaHandler<'consume-data'> = async (scope, request) => {
  scope.peer.ensureRoomFor('dataConsumers');
  const transport = scope.peer.transport(request.transportId);
  const dataProducer = scope.other.dataProducers.get(request.dataProducerId);
  if (!dataProducer) throw new SignalFailure('not-found', 'no such data producer on the other side');
  const dataConsumer = await transport.consumeData({ dataProducerId: dataProducer.id });
  keep(scope.peer.dataConsumers, dataConsumer);
  return {
    dataConsumerId: dataConsumer.id,
    dataProducerId: dataProducer.id,
    // A WebRTC transport's data consumer is always an SCTP one.
    sctpStreamParameters: dataConsumer.sctpStreamParameters!,
    label: dataConsumer.label,
    protocol: dataConsumer.protocol,
  };
};

/** Every media request, one handler each (see MediaMethods for the negotiation order). */
export const mediaHandlers: Handlers<MediaMethods, MediaScope> = {
  'get-router-capabilities': (scope) => ({ rtpCapabilities: scope.router.rtpCapabilities }),
  'create-transport': createTransport,
  'connect-transport': async (scope, request) => {
    await scope.peer.transport(request.transportId).connect({
      dtlsParameters: request.dtlsParameters as unknown as types.DtlsParameters,
    });
    return {};
  },
  produce,
  'close-producer': (scope, request) => {
    const producer = scope.peer.producers.get(request.producerId);
    if (!producer) throw new SignalFailure('not-found', 'no such producer');
    producer.close();
    return {};
  },
  'produce-data': produceData,
  consume,
  'resume-consumer': async (scope, request) => {
    const consumer = scope.peer.consumers.get(request.consumerId);
    if (!consumer) throw new SignalFailure('not-found', 'no such consumer');
    await consumer.resume();
    return {};
  },
  'consume-data': consumeData,
  'restart-ice': async (scope, request) => ({
    iceParameters: await scope.peer.transport(request.transportId).restartIce(),
    iceServers: scope.iceServers(),
  }),
  'list-producers': (scope) => ({
    producers: [...scope.other.producers.values()].map((p) => ({
      producerId: p.id,
      kind: p.kind,
      source: producerSource(p),
    })),
    dataProducers: [...scope.other.dataProducers.values()].map((d) => ({ dataProducerId: d.id, label: d.label })),
  }),
};

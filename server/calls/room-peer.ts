import type { types } from 'mediasoup';
import type { DataProducerInfo, ProducerInfo } from '../../common/signaling/messages';
import type { MediaSource } from '../../common/signaling/messages/media';
import { createLogger } from '../../common/util/logger';
import { PEER_MEDIA_LIMITS, type PeerMediaLimit } from './media-limits';
import { SignalFailure } from './signal-failure';

const log = createLogger('platform:calls:room');

export type PeerRole = 'kiosk' | 'doctor';
export const otherRole = (role: PeerRole): PeerRole => (role === 'kiosk' ? 'doctor' : 'kiosk');

/** A producer of one peer that came or went, for the other peer to consume or drop. */
export type PeerNotice =
  | { type: 'new-producer'; producer: ProducerInfo }
  | { type: 'new-data-producer'; dataProducer: DataProducerInfo }
  | { type: 'producer-closed'; producerId: string };
/** What the room tells the consultation (which forwards it to the addressed peer's socket). */
export type RoomNotice = PeerNotice & { to: PeerRole };

/** One side of a consultation room: its transports and what it produces and consumes on them. */
export class RoomPeer {
  readonly transports = new Map<string, types.WebRtcTransport>();
  readonly producers = new Map<string, types.Producer>();
  readonly consumers = new Map<string, types.Consumer>();
  readonly dataProducers = new Map<string, types.DataProducer>();
  readonly dataConsumers = new Map<string, types.DataConsumer>();

  constructor(readonly role: PeerRole) {}

  /** Refuses one more of `what` (as limit-reached) once this peer holds its limit of them. */
  ensureRoomFor(what: PeerMediaLimit): void {
    const limit = PEER_MEDIA_LIMITS[what];
    if (this[what].size < limit) return;
    log.warn(`${this.role} peer refused: it holds its limit of ${limit} ${what}`);
    throw new SignalFailure('limit-reached', `${what}: at most ${limit} per peer`);
  }

  /** One of this peer's transports; refused as not-found when it has no such transport. */
  transport(id: string): types.WebRtcTransport {
    const transport = this.transports.get(id);
    if (!transport) throw new SignalFailure('not-found', 'no such transport');
    return transport;
  }

  /** Closes every transport; mediasoup closes their producers and consumers with them. */
  closeAll(): void {
    for (const transport of this.transports.values()) transport.close();
    this.transports.clear();
  }
}

/** The source a producer was created with (the produce request's `source`, kept in its appData). */
export function producerSource(producer: types.Producer): MediaSource {
  return (producer.appData as { source: MediaSource }).source;
}

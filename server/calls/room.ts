import type { types } from 'mediasoup';
import {
  dispatch,
  type AnyRequestBody,
  type IceServer,
  type MediaMethods,
  type ResultOf,
} from '../../common/signaling/messages';
import { createLogger } from '../../common/util/logger';
import type { MediaNetwork } from '../media/media-network';
import type { RouterAppData } from '../media/worker-pool';
import { mediaHandlers, type MediaScope } from './media-handlers';
import { otherRole, RoomPeer, type PeerRole, type RoomNotice } from './room-peer';
import { SignalFailure } from './signal-failure';

export { otherRole, type PeerRole, type RoomNotice } from './room-peer';

const log = createLogger('platform:calls:room');

/** A validated media request (the frame without its id). */
export type MediaRequest = AnyRequestBody<MediaMethods>;

/**
 * A consultation's room as the call center uses it: a Room on this node's workers, or a proxy of
 * one hosted by another media node (server/cluster/remote-room.ts).
 */
export type MediaRoom = Pick<
  Room,
  'handle' | 'resetPeer' | 'producerCount' | 'goLive' | 'isLive' | 'close' | 'isClosed'
>;

/** What a room tells its consultation: notices for the peers, vitals tapped, its loss. */
export type RoomEvents = Pick<RoomOptions, 'notify' | 'onVitalsResult' | 'onLost'>;

export interface RoomOptions {
  network: MediaNetwork;
  /** TURN servers with fresh credentials for a peer's new transport or ICE restart (none without TURN). */
  iceServers(role: PeerRole): IceServer[];
  /** Called for every room event addressed to a peer. */
  notify(notice: RoomNotice): void;
  /** Each text message of the kiosk's reliable vitals channel (kept for the consultation report). */
  onVitalsResult?(text: string): void;
  /** The router died with its worker (not closed by us): the consultation needs a new room. */
  onLost?(): void;
  /**
   * Opened before the accept for the patient next in their queue (prepared-rooms.ts): until
   * goLive() only the kiosk negotiates, and whatever it produces is held paused on the SFU.
   */
  prepared?: boolean;
}

/**
 * What a kiosk may ask of a room prepared before the accept: its transports, its producers (held
 * paused) and its vitals channels (nothing is written to them before the call; only the platform's
 * own tap consumes them), nothing that receives or forwards media to anyone.
 */
const BEFORE_ACCEPT = new Set<MediaRequest['type']>([
  'get-router-capabilities',
  'create-transport',
  'connect-transport',
  'produce',
  'close-producer',
  'produce-data',
  'restart-ice',
]);

/**
 * One consultation's media room: a mediasoup router and two peers (the kiosk and the doctor), each
 * with its transports, producers and consumers. A peer may be reset (network cut, reload) and
 * renegotiate in the same room while the other keeps its media. The requests themselves are
 * handled one function each in media-handlers.ts.
 */
export class Room {
  private readonly peers: Record<PeerRole, RoomPeer> = {
    kiosk: new RoomPeer('kiosk'),
    doctor: new RoomPeer('doctor'),
  };
  /**
   * Where the platform taps the kiosk's reliable vitals channel: made as the room opens, off the
   * accept's path, so the kiosk's produce-data does not wait for it (its signalling requests are
   * answered in order, the doctor's video behind it).
   */
  private readonly direct: Promise<types.DirectTransport> | null;
  private closed = false;
  /** False while the room is only prepared: no doctor yet (see RoomOptions.prepared). */
  private live: boolean;

  constructor(
    readonly router: types.Router<RouterAppData>,
    private readonly options: RoomOptions,
  ) {
    this.live = !options.prepared;
    this.direct = options.onVitalsResult ? router.createDirectTransport({ maxReceiveMessageSize: 262144 }) : null;
    // A failure is the tap's to report, when the channel opens.
    this.direct?.catch(() => {});
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
    if (!this.live && (role !== 'kiosk' || !BEFORE_ACCEPT.has(request.type)))
      throw new SignalFailure('conflict', `${request.type}: no call yet, wait for doctor-accepted`);
    try {
      return await dispatch(mediaHandlers, this.scope(role), request);
    } catch (error) {
      if (error instanceof SignalFailure) throw error;
      // mediasoup's own validation (bad RTP parameters, unknown ids): refuse, keep the room.
      throw new SignalFailure('bad-request', `${request.type}: ${(error as Error).message}`.slice(0, 300));
    }
  }

  /**
   * The doctor accepted: the kiosk's producers, held paused on the SFU since they were prepared,
   * are resumed (the kiosk starts sending as it hears of the accept), and every request is open.
   */
  async goLive(): Promise<void> {
    if (this.live) return;
    this.live = true;
    await Promise.all([...this.peers.kiosk.producers.values()].map((p) => p.resume().catch(() => {})));
  }

  get isLive(): boolean {
    return this.live;
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

  private scope(role: PeerRole): MediaScope {
    const to = otherRole(role);
    return {
      role,
      peer: this.peers[role],
      other: this.peers[to],
      router: this.router,
      network: this.options.network,
      live: () => this.live,
      iceServers: () => this.options.iceServers(role),
      // Producers close with the room too: nobody is left to tell then.
      tellOther: (notice) => {
        if (!this.closed) this.options.notify({ ...notice, to });
      },
      tapVitalsResults: (dataProducer) => this.tapVitalsResults(dataProducer),
    };
  }

  /** The platform keeps a copy of the reliable vitals channel for the consultation report. */
  private async tapVitalsResults(dataProducer: types.DataProducer) {
    if (!this.direct) return;
    const tap = await (await this.direct).consumeData({ dataProducerId: dataProducer.id });
    tap.on('message', (message, ppid) => {
      // PPID 51 = WebRTC string.
      if (ppid === 51) this.options.onVitalsResult?.(message.toString('utf8'));
    });
    tap.on('dataproducerclose', () => log.debug('vitals tap closed'));
  }
}

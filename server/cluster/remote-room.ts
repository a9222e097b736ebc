import { randomUUID } from 'node:crypto';
import type { MediaMethods, ResultOf } from '../../common/signaling/messages';
import { MediaMethods as MediaSchemas } from '../../common/signaling/messages/media';
import { createLogger } from '../../common/util/logger';
import { otherRole, type PeerRole, type RoomNotice } from '../calls/room-peer';
import type { MediaRequest, MediaRoom, RoomEvents } from '../calls/room';
import { SignalFailure } from '../calls/signal-failure';
import type { ClusterBus } from './cluster-bus';
import { MEDIA_TOPIC, type MediaFrame, type OutgoingMediaFrame } from './media-rpc';
import type { MediaNodes } from './media-nodes';

const log = createLogger('platform:media-rpc');

/** How long the call node waits for a media node to open a room (then it opens one itself). */
export const OPEN_MS = 3_000;
/** How long a peer's media request waits for the media node's answer. */
export const REQUEST_MS = 5_000;

type Answer = Extract<MediaFrame, { kind: 'reply' | 'refusal' }>;
type OwnerFrame = Extract<MediaFrame, { kind: 'reply' | 'refusal' | 'notice' | 'vitals' | 'lost' }>;

/**
 * The call node's side of the media RPC: rooms it opened on other media nodes, and the requests
 * waiting for their answers. A media node gone (media-nodes.ts) fails its waiting requests at once
 * and loses its rooms: the consultation reopens them elsewhere (consultation-rooms.ts replace).
 */
export class MediaClient {
  private readonly rooms = new Map<string, RemoteRoom>();
  private readonly pending = new Map<
    string,
    { node: string; done: (answer: Answer | Error) => void; timer: ReturnType<typeof setTimeout> }
  >();

  constructor(
    private readonly bus: ClusterBus,
    nodes: MediaNodes,
  ) {
    nodes.onGone((node) => this.nodeGone(node));
  }

  /** Opens a room on `node`; rejects when it refuses or does not answer within OPEN_MS. */
  async open(node: string, consultationId: string, events: RoomEvents, prepared = false): Promise<RemoteRoom> {
    const rid = randomUUID();
    const room = new RemoteRoom(node, rid, this, events, !prepared);
    this.rooms.set(rid, room);
    try {
      await this.call({ kind: 'open', to: node, rid, consultationId, prepared }, OPEN_MS);
    } catch (error) {
      this.rooms.delete(rid);
      // It may have opened it after all, too late: it closes it.
      this.send({ kind: 'close', to: node, rid });
      throw error;
    }
    return room;
  }

  /** Sends a frame that expects an answer; resolves with the result, rejects with a SignalFailure. */
  call(
    frame: DistributiveOmit<Extract<OutgoingMediaFrame, { kind: 'open' | 'request' | 'go-live' }>, 'cid'>,
    ms = REQUEST_MS,
  ) {
    const cid = randomUUID();
    return new Promise<unknown>((resolve, reject) => {
      const timer = setTimeout(() => {
        this.pending.delete(cid);
        reject(new SignalFailure('internal', 'the media node did not answer in time'));
      }, ms);
      this.pending.set(cid, {
        node: frame.to,
        timer,
        done: (answer) => {
          clearTimeout(timer);
          this.pending.delete(cid);
          if (answer instanceof Error) reject(answer);
          else if (answer.kind === 'reply') resolve(answer.result);
          else reject(new SignalFailure(answer.code, answer.message));
        },
      });
      this.send({ ...frame, cid });
    });
  }

  send(frame: OutgoingMediaFrame): void {
    this.bus.publish(MEDIA_TOPIC, frame).catch((error: unknown) => {
      log.error(`media frame not sent (${frame.kind}): ${(error as Error).message}`);
      if ('cid' in frame)
        this.pending.get(frame.cid)?.done(new SignalFailure('internal', 'the media node is unreachable'));
    });
  }

  forget(rid: string): void {
    this.rooms.delete(rid);
  }

  /** A frame for this node as an owner of rooms: answers, and each room's notices, vitals and loss. */
  onFrame(from: string, frame: OwnerFrame): void {
    if (frame.kind === 'reply' || frame.kind === 'refusal') {
      const waiting = this.pending.get(frame.cid);
      if (waiting && waiting.node === from) waiting.done(frame);
      else log.debug(`an answer from node ${from} nobody waits for (late or not ours)`);
      return;
    }
    const room = this.rooms.get(frame.rid);
    if (!room || room.node !== from) {
      log.warn(`media ${frame.kind} from node ${from} for a room it does not host for this node: refused`);
      return;
    }
    if (frame.kind === 'notice') room.noticed(frame.notice);
    else if (frame.kind === 'vitals') room.vitals(frame.text);
    else room.lost('its worker died');
  }

  private nodeGone(node: string): void {
    for (const waiting of this.pending.values())
      if (waiting.node === node) waiting.done(new SignalFailure('internal', 'the media node is gone'));
    for (const room of [...this.rooms.values()]) if (room.node === node) room.lost('its media node is gone');
  }

  /** Rooms this node opened on others (diagnostics, tests). */
  remoteRooms(): RemoteRoom[] {
    return [...this.rooms.values()];
  }
}

type DistributiveOmit<T, K extends PropertyKey> = T extends unknown ? Omit<T, K> : never;

/**
 * A consultation's room hosted by another media node, as the call center sees it: the same narrow
 * interface as a Room (room.ts), each request passed over the bus and answered from there; its
 * notices and the kiosk's vitals come back through the client.
 */
export class RemoteRoom implements MediaRoom {
  private closed = false;
  /** Producer ids of each peer, followed from the notices (the other peer is told of each). */
  private readonly producers: Record<PeerRole, Set<string>> = { kiosk: new Set(), doctor: new Set() };

  constructor(
    readonly node: string,
    readonly rid: string,
    private readonly client: MediaClient,
    private readonly events: RoomEvents,
    /** False while only prepared (before the accept), as Room.isLive. */
    private live: boolean,
  ) {}

  async handle<R extends MediaRequest>(role: PeerRole, request: R): Promise<ResultOf<MediaMethods, R['type']>> {
    if (this.closed) throw new SignalFailure('conflict', 'the consultation room is closed');
    // The signalling's frame id stays here: the media node answers by the call's own id.
    const { id: _frameId, ...body } = request as R & { id?: unknown };
    const result = await this.client.call({ kind: 'request', to: this.node, rid: this.rid, role, request: body as R });
    // The media node is trusted (the bus is signed) but its answer is checked all the same.
    const checked = MediaSchemas[request.type].result.safeParse(result);
    if (!checked.success) throw new SignalFailure('internal', `${request.type}: the media node answered wrongly`);
    return result as ResultOf<MediaMethods, R['type']>;
  }

  /** The accept: the host resumes the kiosk's producers it held paused (Room.goLive), then this is live. */
  async goLive(): Promise<void> {
    if (this.live) return;
    if (this.closed) throw new SignalFailure('conflict', 'the consultation room is closed');
    await this.client.call({ kind: 'go-live', to: this.node, rid: this.rid });
    this.live = true;
  }

  get isLive(): boolean {
    return this.live;
  }

  resetPeer(role: PeerRole): void {
    if (this.closed) return;
    this.producers[role].clear();
    this.client.send({ kind: 'reset', to: this.node, rid: this.rid, role });
  }

  producerCount(role: PeerRole): number {
    return this.producers[role].size;
  }

  close(): void {
    if (this.closed) return;
    this.closed = true;
    this.client.forget(this.rid);
    this.client.send({ kind: 'close', to: this.node, rid: this.rid });
  }

  get isClosed(): boolean {
    return this.closed;
  }

  noticed(notice: RoomNotice): void {
    if (this.closed) return;
    // A notice goes to the other side of the producer's peer.
    if (notice.type === 'new-producer') this.producers[otherRole(notice.to)].add(notice.producer.producerId);
    if (notice.type === 'producer-closed')
      for (const set of Object.values(this.producers)) set.delete(notice.producerId);
    this.events.notify(notice);
  }

  vitals(text: string): void {
    if (!this.closed) this.events.onVitalsResult?.(text);
  }

  lost(why: string): void {
    if (this.closed) return;
    this.closed = true;
    this.client.forget(this.rid);
    log.warn(`room on media node ${this.node} lost: ${why}`);
    this.events.onLost?.();
  }
}

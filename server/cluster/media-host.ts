import { createLogger } from '../../common/util/logger';
import type { MediaRequest, Room, RoomEvents } from '../calls/room';
import { SignalFailure } from '../calls/signal-failure';
import type { ClusterBus } from './cluster-bus';
import { MEDIA_TOPIC, type MediaFrame, type OutgoingMediaFrame } from './media-rpc';
import type { MediaNodes } from './media-nodes';

const log = createLogger('platform:media-host');

/** Opens a room on this node's workers, with this node's media addresses and TURN (cluster-media.ts). */
export type LocalRoomOpener = (consultationId: string, events: RoomEvents, prepared: boolean) => Promise<Room>;

export type HostFrame = Extract<MediaFrame, { kind: 'open' | 'request' | 'go-live' | 'reset' | 'close' }>;
const HOST_KINDS = new Set<MediaFrame['kind']>(['open', 'request', 'go-live', 'reset', 'close']);

/** The frames a media node hosts; the others answer the rooms this node placed elsewhere. */
export const isHostFrame = (frame: MediaFrame): frame is HostFrame => HOST_KINDS.has(frame.kind);

/**
 * This node as a media node: the rooms other nodes (the call node) opened here, each a real Room on
 * this node's workers, serving the requests relayed to it. Only the node that opened a room may use
 * it; a room whose owner is gone (the call node died: the new one reopens its calls' rooms) closes.
 */
export class MediaHost {
  private readonly rooms = new Map<string, { room: Room; owner: string }>();
  /** Rooms closed by their owner before they were open here (it gave up waiting): closed as they open. */
  private readonly abandoned = new Set<string>();

  constructor(
    private readonly bus: ClusterBus,
    private readonly openLocal: LocalRoomOpener,
    nodes: MediaNodes,
  ) {
    nodes.onGone((node) => this.ownerGone(node));
  }

  /** Rooms hosted here for other nodes (diagnostics, tests). */
  get hostedRooms(): number {
    return this.rooms.size;
  }

  onFrame(from: string, frame: HostFrame): void {
    switch (frame.kind) {
      case 'open':
        return void this.open(from, frame);
      case 'go-live':
        return void this.goLive(from, frame.rid, frame.cid);
      case 'request':
        return void this.request(from, frame.rid, frame.cid, frame.role, frame.request as MediaRequest);
      case 'reset':
        return this.owned(from, frame.rid)?.resetPeer(frame.role);
      case 'close': {
        if (!this.rooms.has(frame.rid)) return this.abandon(frame.rid);
        const room = this.owned(from, frame.rid);
        if (room) this.rooms.delete(frame.rid);
        return room?.close();
      }
    }
  }

  private async open(owner: string, { rid, cid, consultationId, prepared }: Extract<HostFrame, { kind: 'open' }>) {
    if (this.rooms.has(rid)) return this.send({ kind: 'reply', to: owner, cid, ok: true, result: {} });
    const send = (frame: OutgoingMediaFrame) => this.send(frame);
    try {
      const events: RoomEvents = {
        notify: (notice) => send({ kind: 'notice', to: owner, rid, notice }),
        onVitalsResult: (text) => send({ kind: 'vitals', to: owner, rid, text }),
        onLost: () => {
          this.rooms.delete(rid);
          send({ kind: 'lost', to: owner, rid });
        },
      };
      const room = await this.openLocal(consultationId, events, prepared);
      if (this.abandoned.delete(rid)) return room.close();
      this.rooms.set(rid, { room, owner });
      log.info(`hosting a room for node ${owner} (${this.rooms.size} hosted)`);
      this.send({ kind: 'reply', to: owner, cid, ok: true, result: {} });
    } catch (error) {
      log.error(`could not open a room for node ${owner}: ${(error as Error).message}`);
      this.send({ kind: 'refusal', to: owner, cid, code: 'internal', message: 'the media node could not open a room' });
    }
  }

  private async request(owner: string, rid: string, cid: string, role: 'kiosk' | 'doctor', request: MediaRequest) {
    const room = this.owned(owner, rid);
    if (!room) {
      // Closed here (its owner was silent too long, or its worker died): the owner reopens it.
      if (!this.rooms.has(rid)) this.send({ kind: 'lost', to: owner, rid });
      const message = 'the consultation room is not on this media node';
      return this.send({ kind: 'refusal', to: owner, cid, code: 'conflict', message });
    }
    try {
      const result = await room.handle(role, request);
      this.send({ kind: 'reply', to: owner, cid, ok: true, result });
    } catch (error) {
      const failure =
        error instanceof SignalFailure ? error : new SignalFailure('internal', 'the media node failed the request');
      this.send({ kind: 'refusal', to: owner, cid, code: failure.code, message: failure.message.slice(0, 500) });
    }
  }

  /** The accept of a prepared room: its kiosk producers resumed, then answered (the accept waits for it). */
  private async goLive(owner: string, rid: string, cid: string): Promise<void> {
    const room = this.owned(owner, rid);
    if (!room) {
      if (!this.rooms.has(rid)) this.send({ kind: 'lost', to: owner, rid });
      const message = 'the consultation room is not on this media node';
      return this.send({ kind: 'refusal', to: owner, cid, code: 'conflict', message });
    }
    await room.goLive();
    this.send({ kind: 'reply', to: owner, cid, ok: true, result: {} });
  }

  private abandon(rid: string): void {
    this.abandoned.add(rid);
    // An open that never comes is forgotten.
    setTimeout(() => this.abandoned.delete(rid), 60_000).unref();
  }

  /** The room, if `from` is the node that opened it (anyone else is refused and logged). */
  private owned(from: string, rid: string): Room | null {
    const entry = this.rooms.get(rid);
    if (!entry) return null;
    if (entry.owner === from) return entry.room;
    log.warn(`node ${from} used a room that node ${entry.owner} opened here: refused`);
    return null;
  }

  private ownerGone(node: string): void {
    for (const [rid, entry] of this.rooms) {
      if (entry.owner !== node) continue;
      this.rooms.delete(rid);
      entry.room.close();
    }
  }

  private send(frame: OutgoingMediaFrame): void {
    this.bus.publish(MEDIA_TOPIC, frame).catch((error: unknown) => {
      log.error(`media frame not sent (${frame.kind}): ${(error as Error).message}`);
    });
  }

  close(): void {
    for (const { room } of this.rooms.values()) room.close();
    this.rooms.clear();
  }
}

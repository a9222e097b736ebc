import { randomUUID } from 'node:crypto';
import type { RawData, WebSocket } from 'ws';
import { createLogger } from '../../common/util/logger';
import type { SocketPort } from '../signaling/signal-socket';
import type { CallLeadership } from './call-leadership';
import type { ClusterBus } from './cluster-bus';

const log = createLogger('platform:relay');

/** A node not heard of this long is dead: the call node closes the sockets it relayed. */
export const NODE_SILENT_MS = 4_000;
const BEAT_MS = 1_000;
/** Close code telling a client to come back (through the public URL: to a live node). */
const SERVICE_RESTART = 1012;
const TRY_AGAIN_LATER = 1013;

/** A socket as the signalling serves it: frames in, and its end. */
export interface HostedSocket {
  receive(text: string | null): void;
  closed(): Promise<void>;
}

/** Opens a signalling socket on this node over any transport (SignalingServer.host). */
export type SocketHost = (port: SocketPort, address: string) => HostedSocket;

type Frame =
  | { kind: 'open'; to: string; sid: string; address: string }
  | { kind: 'in'; to: string; sid: string; text: string | null }
  | { kind: 'close'; to: string; sid: string }
  | { kind: 'out'; to: string; sid: string; text: string }
  | { kind: 'end'; to: string; sid: string; code: number; reason: string };

/**
 * Signalling across nodes: a client may reach any node through the public URL, but one node holds
 * the calls (call-leadership.ts). The other nodes relay each frame of their sockets to it over the
 * bus and its answers and events back, in order (one publisher connection per node keeps order).
 * When the call node changes, relayed sockets are closed with 1012: clients come back through the
 * public URL and rejoin (kiosk: same session, same place; doctor: resume, rejoin their call).
 */
export class SignalRelay {
  /** Origin side: this node's sockets relayed to the call node, by sid. */
  private readonly relayed = new Map<string, WebSocket>();
  /** Call-node side: sockets of other nodes hosted here, by sid, with their node. */
  private readonly hosted = new Map<string, { node: string; socket: HostedSocket; open: boolean }>();
  private readonly lastSeen = new Map<string, number>();
  private readonly timer: ReturnType<typeof setInterval>;
  private readonly unsubscribe: () => void;

  constructor(
    private readonly bus: ClusterBus,
    private readonly leadership: CallLeadership,
    private readonly host: SocketHost,
    /** This node's load, told to the others with each heartbeat (the node registry). */
    private readonly load: () => Record<string, number> = () => ({}),
    /** Whether this node, holding the calls, has restored the queue yet (sockets wait until it has). */
    private readonly restored: () => boolean = () => true,
  ) {
    this.unsubscribe = bus.subscribe<Frame>('signal', ({ from, payload }) => {
      this.lastSeen.set(from, Date.now());
      if (payload.to === bus.nodeId) this.onFrame(from, payload);
    });
    bus.subscribe<Record<string, number>>('node.beat', ({ from }) => this.lastSeen.set(from, Date.now()));
    leadership.onChange(() => this.dropRelayed('the call node changed'));
    this.timer = setInterval(() => this.beat(), BEAT_MS);
    this.timer.unref();
  }

  /** Nodes heard of within NODE_SILENT_MS (this one included), for the health endpoint. */
  liveNodes(): string[] {
    const now = Date.now();
    return [...this.lastSeen].filter(([, at]) => now - at < NODE_SILENT_MS).map(([node]) => node);
  }

  /** A new socket on this node: relayed (true) unless this node holds the calls (false: serve it here). */
  take(ws: WebSocket, address: string): boolean {
    const leader = this.leadership.leader();
    if (leader === this.bus.nodeId && this.restored()) return false;
    if (leader === null || leader === this.bus.nodeId) {
      ws.close(TRY_AGAIN_LATER, 'the calls are moving to another node: reconnect in a moment');
      return true;
    }
    const sid = `${this.bus.nodeId}/${randomUUID().slice(0, 8)}`;
    this.relayed.set(sid, ws);
    this.send({ kind: 'open', to: leader, sid, address });
    ws.on('message', (data: RawData, isBinary: boolean) =>
      this.send({ kind: 'in', to: leader, sid, text: isBinary ? null : data.toString() }),
    );
    ws.on('close', () => {
      if (this.relayed.delete(sid)) this.send({ kind: 'close', to: leader, sid });
    });
    ws.on('error', (error) => log.warn(`relayed socket ${sid}: ${error.message}`));
    return true;
  }

  private onFrame(from: string, frame: Frame): void {
    switch (frame.kind) {
      case 'open':
        return this.openHosted(from, frame.sid, frame.address);
      case 'in':
        return this.hosted.get(frame.sid)?.socket.receive(frame.text);
      case 'close':
        return this.closeHosted(frame.sid);
      case 'out':
        return void this.relayed.get(frame.sid)?.send(frame.text);
      case 'end':
        return this.relayed.get(frame.sid)?.close(frame.code, frame.reason);
    }
  }

  private openHosted(node: string, sid: string, address: string): void {
    const entry = { node, open: true, socket: null as unknown as HostedSocket };
    const port: SocketPort = {
      get isOpen() {
        return entry.open;
      },
      send: (text) => this.send({ kind: 'out', to: node, sid, text }),
      close: (code, reason) => {
        this.send({ kind: 'end', to: node, sid, code, reason });
        this.closeHosted(sid);
      },
    };
    entry.socket = this.host(port, address);
    this.hosted.set(sid, entry);
  }

  private closeHosted(sid: string): void {
    const entry = this.hosted.get(sid);
    if (!entry) return;
    this.hosted.delete(sid);
    entry.open = false;
    void entry.socket.closed();
  }

  private beat(): void {
    void this.bus.publish('node.beat', this.load()).catch(() => {});
    const now = Date.now();
    for (const [sid, entry] of this.hosted) {
      const seen = this.lastSeen.get(entry.node) ?? 0;
      if (now - seen > NODE_SILENT_MS) {
        log.warn(`node ${entry.node} silent: its relayed socket ${sid} is closed`);
        this.closeHosted(sid);
      }
    }
  }

  private dropRelayed(why: string): void {
    if (this.relayed.size > 0) log.info(`${why}: ${this.relayed.size} relayed socket(s) closed, clients reconnect`);
    for (const [sid, ws] of this.relayed) {
      this.relayed.delete(sid);
      ws.close(SERVICE_RESTART, 'the calls moved to another node: reconnect');
    }
  }

  send(frame: Frame): void {
    this.bus.publish('signal', frame).catch((error: unknown) => {
      log.error(`signal not relayed (${frame.kind}): ${(error as Error).message}`);
    });
  }

  close(): void {
    clearInterval(this.timer);
    this.unsubscribe();
    for (const sid of [...this.hosted.keys()]) this.closeHosted(sid);
    for (const ws of this.relayed.values()) ws.terminate();
    this.relayed.clear();
  }
}

import websocket from '@fastify/websocket';
import { randomUUID } from 'node:crypto';
import type { RawData, WebSocket } from 'ws';
import { MAX_SIGNAL_FRAME_BYTES, SIGNALING_PATH, SignalCloseCode } from '../../common/signaling/messages';
import type { Clock } from '../../common/util/clock';
import { createLogger } from '../../common/util/logger';
import type { HttpApp } from '../../http/http-server';
import { SignalSocket, type SocketPort } from './signal-socket';
import type { SignalingDeps } from './socket-context';
import { UnauthenticatedSockets } from './unauthenticated-sockets';

export type { SignalingDeps } from './socket-context';

const log = createLogger('platform:signaling');

export interface SignalingOptions {
  /** Ping interval; a socket that missed one pong is dropped (a pulled cable sends no FIN). */
  pingIntervalMs?: number;
  /** Sockets per client address that may wait unauthenticated at once (default 20). */
  maxUnauthenticatedPerAddress?: number;
  /** The sockets' entry deadlines and frame-rate windows; default the system's. */
  clock?: Clock;
  /**
   * Several nodes: a socket this node does not serve itself is relayed to the node holding the
   * calls (server/cluster/signal-relay.ts), which serves it through `host`. Absent: all served here.
   */
  relay?: { take(ws: WebSocket, address: string): boolean };
}

/** What the signalling server holds now (diagnostics; tests check the tables empty out). */
export interface SignalingStats {
  sockets: number;
  /** Client addresses with an unauthenticated socket. */
  unauthenticatedAddresses: number;
}

/**
 * The signalling WebSocket at SIGNALING_PATH. Each socket becomes a kiosk (first frame
 * `join-queue` with a valid call token) or a doctor (`sign-in` / `resume-session`); what happens
 * to its frames is SignalSocket's (signal-socket.ts). This class only accepts the sockets (no more
 * unauthenticated ones per address than the cap) and keeps them alive.
 */
export class SignalingServer {
  private readonly clients = new Set<WebSocket>();
  private readonly alive = new WeakMap<WebSocket, boolean>();
  private readonly keepalive: ReturnType<typeof setInterval>;
  private readonly unauthenticated: UnauthenticatedSockets;

  constructor(
    private readonly deps: SignalingDeps,
    private readonly options: SignalingOptions = {},
  ) {
    this.unauthenticated = new UnauthenticatedSockets(options.maxUnauthenticatedPerAddress);
    this.keepalive = setInterval(() => {
      for (const ws of this.clients) {
        if (this.alive.get(ws) === false) {
          ws.terminate();
          continue;
        }
        this.alive.set(ws, false);
        ws.ping();
      }
    }, options.pingIntervalMs ?? 15_000);
    this.keepalive.unref();
  }

  /** Accepts WebSocket upgrades at SIGNALING_PATH on the platform's HTTP server. */
  async attach(app: HttpApp): Promise<void> {
    await app.register(websocket, { options: { maxPayload: MAX_SIGNAL_FRAME_BYTES } });
    app.get(SIGNALING_PATH, { websocket: true }, (ws, request) => this.onConnection(ws, request.ip));
  }

  stats(): SignalingStats {
    return { sockets: this.clients.size, unauthenticatedAddresses: this.unauthenticated.addresses };
  }

  close(): Promise<void> {
    clearInterval(this.keepalive);
    for (const ws of this.clients) ws.terminate();
    this.clients.clear();
    return Promise.resolve();
  }

  private onConnection(ws: WebSocket, address: string) {
    // Pinged like any other, a socket relayed to the call node too: a client gone without a FIN
    // (a kiosk's network cut) would otherwise hold its relay, and its place, until TCP gives up.
    this.clients.add(ws);
    this.alive.set(ws, true);
    ws.on('pong', () => this.alive.set(ws, true));
    ws.on('close', () => this.clients.delete(ws));
    if (this.options.relay?.take(ws, address)) return;
    const port: SocketPort = {
      get isOpen() {
        return ws.readyState === ws.OPEN;
      },
      send: (text) => ws.send(text),
      close: (code, reason) => ws.close(code, reason),
    };
    const socketId = randomUUID().slice(0, 8);
    const socket = this.host(port, address, socketId);
    ws.on('message', (data: RawData, isBinary: boolean) => socket.receive(isBinary ? null : data.toString()));
    ws.on('close', () => void socket.closed());
    ws.on('error', (error) => log.warn(`socket ${socketId}: ${error.message}`));
  }

  /**
   * A signalling socket over any transport: a WebSocket here, or one another node relays
   * (signal-relay.ts). No more unauthenticated ones per address than the cap.
   */
  host(
    port: SocketPort,
    address: string,
    socketId = randomUUID().slice(0, 8),
  ): { receive(text: string | null): void; closed(): Promise<void> } {
    if (!this.unauthenticated.admit(address)) {
      log.warn(
        `socket ${socketId} refused: ${address} already has ${this.unauthenticated.maxPerAddress} unauthenticated`,
      );
      port.close(SignalCloseCode.tooManyUnauthenticated, 'too many sockets from this address have not signed in');
      return { receive: () => {}, closed: () => Promise.resolve() };
    }
    // Counted in the table from here until it gains a role or closes, whichever comes first.
    let counted = true;
    const setCounted = (count: boolean) => {
      if (count === counted) return;
      counted = count;
      if (count) this.unauthenticated.add(address);
      else this.unauthenticated.release(address);
    };
    const socket = new SignalSocket(
      port,
      this.deps,
      { socketId, address },
      { clock: this.options.clock, onAuthenticated: (authenticated) => setCounted(!authenticated) },
    );
    return {
      receive: (text) => socket.receive(text),
      closed: () => {
        setCounted(false);
        return socket.closed();
      },
    };
  }
}

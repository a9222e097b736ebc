import websocket from '@fastify/websocket';
import { randomUUID } from 'node:crypto';
import type { RawData, WebSocket } from 'ws';
import { MAX_SIGNAL_FRAME_BYTES, SIGNALING_PATH } from '../../common/signaling/messages';
import { createLogger } from '../../common/util/logger';
import type { HttpApp } from '../../http/http-server';
import { SignalSocket, type SocketPort } from './signal-socket';
import type { SignalingDeps } from './socket-context';

export type { SignalingDeps } from './socket-context';

const log = createLogger('platform:signaling');

/**
 * The signalling WebSocket at SIGNALING_PATH. Each socket becomes a kiosk (first frame
 * `join-queue` with a valid call token) or a doctor (`sign-in` / `resume-session`); what happens
 * to its frames is SignalSocket's (signal-socket.ts). This class only accepts the sockets and
 * keeps them alive.
 */
export class SignalingServer {
  private readonly clients = new Set<WebSocket>();
  private readonly alive = new WeakMap<WebSocket, boolean>();
  private readonly keepalive: ReturnType<typeof setInterval>;

  constructor(
    private readonly deps: SignalingDeps,
    /** Ping interval; a socket that missed one pong is dropped (a pulled cable sends no FIN). */
    pingIntervalMs = 15_000,
  ) {
    this.keepalive = setInterval(() => {
      for (const ws of this.clients) {
        if (this.alive.get(ws) === false) {
          ws.terminate();
          continue;
        }
        this.alive.set(ws, false);
        ws.ping();
      }
    }, pingIntervalMs);
    this.keepalive.unref();
  }

  /** Accepts WebSocket upgrades at SIGNALING_PATH on the platform's HTTP server. */
  async attach(app: HttpApp): Promise<void> {
    await app.register(websocket, { options: { maxPayload: MAX_SIGNAL_FRAME_BYTES } });
    app.get(SIGNALING_PATH, { websocket: true }, (ws, request) => this.onConnection(ws, request.ip));
  }

  close(): Promise<void> {
    clearInterval(this.keepalive);
    for (const ws of this.clients) ws.terminate();
    this.clients.clear();
    return Promise.resolve();
  }

  private onConnection(ws: WebSocket, address: string) {
    const socketId = randomUUID().slice(0, 8);
    this.clients.add(ws);
    this.alive.set(ws, true);
    ws.on('pong', () => this.alive.set(ws, true));
    const port: SocketPort = {
      get isOpen() {
        return ws.readyState === ws.OPEN;
      },
      send: (text) => ws.send(text),
      close: (code, reason) => ws.close(code, reason),
    };
    const socket = new SignalSocket(port, this.deps, { socketId, address });
    ws.on('message', (data: RawData, isBinary: boolean) => socket.receive(isBinary ? null : data.toString()));
    ws.on('close', () => {
      this.clients.delete(ws);
      void socket.closed();
    });
    ws.on('error', (error) => log.warn(`socket ${socketId}: ${error.message}`));
  }
}

import websocket from '@fastify/websocket';
import { randomBytes, timingSafeEqual } from 'node:crypto';
import type { FastifyRequest } from 'fastify';
import type { WebSocket } from 'ws';
import { KIOSK_WS_PATH, WsClientFrame, type WsServerFrame } from '../../common/ipc/ws-wire';
import { createLogger } from '../../common/util/logger';
import { createHttpServer, listen, sendError } from '../../http/http-server';
import { serveSinglePageApp } from '../../http/single-page-app';
import type { Dispatch } from '../ipc/dispatch';
import type { KioskEventHub } from '../ipc/event-hub';

const log = createLogger('kiosk:web-host');

/** Largest frame a screen may send; kiosk API requests are small. */
const MAX_FRAME_BYTES = 64 * 1024;

export interface WebHostOptions {
  /** Folder of the built renderer (index.html + assets). */
  staticDir: string;
  dispatch: Dispatch;
  events: KioskEventHub;
  /** 0 picks a free port. The host always binds 127.0.0.1: the kiosk API is never on the network. */
  port: number;
  /** Origins the screens may connect to besides the host (the platform), for the CSP. */
  platformOrigins: readonly string[];
}

export interface WebHost {
  readonly url: string;
  close(): Promise<void>;
}

/**
 * Serves the kiosk screens to a browser (Chromium kiosk mode, development, e2e) and carries the
 * kiosk API over a WebSocket. A per-launch token, written into the served page, must accompany the
 * socket, and the socket's Origin must be this host: another page or local process cannot drive
 * the kiosk.
 */
export async function startWebHost(options: WebHostOptions): Promise<WebHost> {
  const token = randomBytes(24).toString('base64url');
  let origin = '';
  const app = await createHttpServer({ name: 'kiosk:web-host', connectTo: options.platformOrigins });
  await app.register(websocket, { options: { maxPayload: MAX_FRAME_BYTES } });
  app.get(
    KIOSK_WS_PATH,
    {
      websocket: true,
      onRequest: async (request, reply) => {
        if (isAuthorised(request, token, origin)) return undefined;
        log.warn('refused a kiosk API connection (bad token or origin)');
        return sendError(reply, 403, 'forbidden', "the kiosk API needs this host's page");
      },
    },
    (ws) => serveSocket(ws, options),
  );
  await serveSinglePageApp(app, {
    root: options.staticDir,
    prefix: '/',
    name: 'The kiosk screens',
    transformIndex: (html) => html.replace('<head>', `<head><meta name="kiosk-api-token" content="${token}">`),
  });
  // The host always binds loopback: the kiosk API is never on the network.
  origin = await listen(app, options.port, '127.0.0.1');
  log.info(`serving ${options.staticDir} on ${origin}`);
  return { url: `${origin}/`, close: () => app.close() };
}

function isAuthorised(request: FastifyRequest, token: string, origin: string): boolean {
  if (request.headers.origin !== origin) return false;
  const given = Buffer.from(new URL(request.url, origin).searchParams.get('token') ?? '');
  const expected = Buffer.from(token);
  return given.length === expected.length && timingSafeEqual(given, expected);
}

function serveSocket(ws: WebSocket, options: WebHostOptions): void {
  const send = (frame: WsServerFrame) => {
    if (ws.readyState === ws.OPEN) ws.send(JSON.stringify(frame));
  };
  const detach = options.events.attach((channel, payload) => send({ type: 'event', channel, payload }));
  ws.on('close', detach);
  ws.on('message', (data) => {
    let frame: WsClientFrame;
    try {
      frame = WsClientFrame.parse(JSON.parse(data.toString()));
    } catch {
      log.warn('refused a malformed kiosk API frame');
      ws.close(1003, 'malformed frame');
      return;
    }
    void options
      .dispatch(frame.channel, frame.request)
      .then((envelope) => send({ type: 'result', id: frame.id, envelope }));
  });
}

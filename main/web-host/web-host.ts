import { randomBytes, timingSafeEqual } from 'node:crypto';
import { createServer, type IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';
import { WebSocketServer, type WebSocket } from 'ws';
import { KIOSK_WS_PATH, WsClientFrame, type WsServerFrame } from '../../common/ipc/ws-wire';
import { createLogger } from '../../common/util/logger';
import type { Dispatch } from '../ipc/dispatch';
import type { KioskEventHub } from '../ipc/event-hub';
import { contentSecurityPolicy, serveStatic } from './static-files';

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
  const csp = contentSecurityPolicy(options.platformOrigins);
  const injectToken = (html: string) =>
    html.replace('<head>', `<head><meta name="kiosk-api-token" content="${token}">`);

  const server = createServer((req, res) => {
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      res.writeHead(405, { allow: 'GET, HEAD' }).end();
      return;
    }
    void serveStatic(options.staticDir, req.url ?? '/', res, injectToken, csp);
  });

  const wss = new WebSocketServer({ noServer: true, maxPayload: MAX_FRAME_BYTES });
  server.on('upgrade', (req, socket, head) => {
    if (!isAuthorised(req, token, origin)) {
      log.warn('refused a kiosk API connection (bad token, origin or path)');
      socket.end('HTTP/1.1 403 Forbidden\r\n\r\n');
      return;
    }
    wss.handleUpgrade(req, socket, head, (ws) => serveSocket(ws, options));
  });

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, '127.0.0.1', () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  origin = `http://127.0.0.1:${port}`;
  log.info(`serving ${options.staticDir} on ${origin}`);

  return {
    url: `${origin}/`,
    close: async () => {
      for (const client of wss.clients) client.terminate();
      wss.close();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

function isAuthorised(req: IncomingMessage, token: string, origin: string): boolean {
  const url = new URL(req.url ?? '/', 'http://127.0.0.1');
  if (url.pathname !== KIOSK_WS_PATH) return false;
  if (req.headers.origin !== origin) return false;
  const given = Buffer.from(url.searchParams.get('token') ?? '');
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

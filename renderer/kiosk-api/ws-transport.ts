import type { KioskTransport } from '../../common/ipc/build-api';
import { unwrapEnvelope, type Envelope } from '../../common/ipc/envelope';
import { KIOSK_WS_PATH, WsServerFrame } from '../../common/ipc/ws-wire';
import { Reconnector } from '../../common/net/reconnector';
import { SocketConnection, type SocketLike } from '../../common/net/socket-connection';
import type { BackoffPolicy } from '../../common/util/backoff';
import type { Clock } from '../../common/util/clock';

/** How long an invoke may wait for main before the screen is told something is wrong. */
const INVOKE_TIMEOUT_MS = 15_000;
/** Reconnection after the web host restarts: on this machine, so quick and without jitter. */
const RECONNECT_BACKOFF: BackoffPolicy = { initialMs: 250, maxMs: 5000 };

type Pending = { resolve: (v: unknown) => void; reject: (e: Error) => void; timer: ReturnType<typeof setTimeout> };

export interface WsTransportOptions {
  /** Defaults to the browser's WebSocket. */
  createSocket?: (url: string) => SocketLike;
  clock?: Clock;
}

/**
 * The kiosk API over the web host's WebSocket. Requests made while the socket is (re)connecting
 * wait for it; listeners survive reconnection.
 */
export function createWsTransport(url: string, options: WsTransportOptions = {}): KioskTransport {
  const createSocket = options.createSocket ?? ((u: string) => new WebSocket(u) as unknown as SocketLike);
  const listeners = new Map<string, Set<(payload: unknown) => void>>();
  const pending = new Map<number, Pending>();
  let nextId = 1;

  const receive = (data: unknown) => {
    const parsed = WsServerFrame.safeParse(JSON.parse(String(data)));
    if (!parsed.success) {
      console.error('kiosk api: malformed frame from the web host');
      return;
    }
    const frame = parsed.data;
    if (frame.type === 'event') {
      for (const listener of listeners.get(frame.channel) ?? []) listener(frame.payload);
      return;
    }
    const waiting = pending.get(frame.id);
    if (!waiting) return;
    pending.delete(frame.id);
    clearTimeout(waiting.timer);
    try {
      waiting.resolve(unwrapEnvelope(frame.envelope as Envelope<unknown>));
    } catch (error) {
      waiting.reject(error as Error);
    }
  };

  // Nothing to resume on open: invokes wait for the socket, subscriptions live here, not on it.
  const link = new Reconnector({
    connect: () => new SocketConnection(createSocket(url), receive),
    onOpen: () => {},
    backoff: RECONNECT_BACKOFF,
    ...(options.clock ? { clock: options.clock } : {}),
  });
  link.start();

  return {
    async invoke(channel, request) {
      // A request made during a cut waits for the next socket.
      const connection = await link.whenReady();
      const id = nextId++;
      return new Promise((resolve, reject) => {
        const timer = setTimeout(() => {
          pending.delete(id);
          reject(new Error(`The kiosk did not answer ${channel} in time`));
        }, INVOKE_TIMEOUT_MS);
        pending.set(id, { resolve, reject, timer });
        connection.send(JSON.stringify({ type: 'invoke', id, channel, request }));
      });
    },
    subscribe(channel, listener) {
      const set = listeners.get(channel) ?? new Set();
      set.add(listener);
      listeners.set(channel, set);
      return () => set.delete(listener);
    },
  };
}

/** The socket URL: same host as the page, token from the meta tag the web host injected. */
export function kioskSocketUrl(doc: Document = document): string {
  const token = doc.querySelector('meta[name="kiosk-api-token"]')?.getAttribute('content');
  if (!token) throw new Error('This page was not served by the kiosk web host (no kiosk API token)');
  const { host, protocol } = doc.location;
  return `${protocol === 'https:' ? 'wss' : 'ws'}://${host}${KIOSK_WS_PATH}?token=${encodeURIComponent(token)}`;
}

import { unwrapEnvelope, type Envelope } from '../../common/ipc/envelope';
import type { KioskTransport } from '../../common/ipc/build-api';
import { KIOSK_WS_PATH, WsServerFrame } from '../../common/ipc/ws-wire';

/** How long an invoke may wait for main before the screen is told something is wrong. */
const INVOKE_TIMEOUT_MS = 15_000;
/** Reconnection delays after the web host restarts; the last one repeats. */
const RECONNECT_DELAYS_MS = [250, 500, 1000, 2000, 5000];

type Pending = { resolve: (v: unknown) => void; reject: (e: Error) => void; timer: ReturnType<typeof setTimeout> };

/**
 * The kiosk API over the web host's WebSocket. Requests made while the socket is (re)connecting
 * wait for it; listeners survive reconnection.
 */
export function createWsTransport(url: string, WebSocketImpl: typeof WebSocket = WebSocket): KioskTransport {
  const listeners = new Map<string, Set<(payload: unknown) => void>>();
  const pending = new Map<number, Pending>();
  let nextId = 1;
  let attempt = 0;
  let socket: WebSocket;
  let opened: Promise<void>;

  const connect = () => {
    socket = new WebSocketImpl(url);
    opened = new Promise((resolve) => socket.addEventListener('open', () => resolve(), { once: true }));
    socket.addEventListener('open', () => {
      attempt = 0;
    });
    socket.addEventListener('message', (event) => {
      const parsed = WsServerFrame.safeParse(JSON.parse(String(event.data)));
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
    });
    socket.addEventListener('close', () => {
      const delay = RECONNECT_DELAYS_MS[Math.min(attempt, RECONNECT_DELAYS_MS.length - 1)]!;
      attempt += 1;
      setTimeout(connect, delay);
    });
  };
  connect();

  return {
    async invoke(channel, request) {
      await opened;
      const id = nextId++;
      return new Promise((resolve, reject) => {
        const timer = setTimeout(() => {
          pending.delete(id);
          reject(new Error(`The kiosk did not answer ${channel} in time`));
        }, INVOKE_TIMEOUT_MS);
        pending.set(id, { resolve, reject, timer });
        socket.send(JSON.stringify({ type: 'invoke', id, channel, request }));
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

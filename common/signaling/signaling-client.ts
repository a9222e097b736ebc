import type { z } from 'zod';
import { SocketConnection, type SocketLike } from '../net/socket-connection';
import { parseFrame, type ParamsOf, type ResponseFrame, type ResultOf, type SignalError } from './messages';

type Method = { request: z.ZodObject; result: z.ZodType };

/** A request the platform refused (`code` from SignalErrorCode), or the socket closing under it. */
export class SignalRequestError extends Error {
  constructor(
    readonly code: SignalError['code'] | 'closed' | 'timeout',
    message: string,
  ) {
    super(message);
  }
}

export interface SignalingClientOptions<M extends Record<string, Method>, E> {
  url: string;
  methods: M;
  /** Schema of every frame the platform sends this side (PlatformToKiosk / PlatformToDoctor). */
  incoming: z.ZodType<E | ResponseFrame>;
  /** Defaults to the global WebSocket. */
  createSocket?: (url: string) => SocketLike;
  /** A request with no answer after this long fails with 'timeout'. Default 15 s. */
  requestTimeoutMs?: number;
}

/**
 * A typed client of the platform's signalling socket, for the kiosk (renderer/streaming) and the
 * doctor console: `await client.request('produce', {...})` resolves with the validated result or
 * rejects with SignalRequestError; `client.on(listener)` gets each validated event. One socket per
 * client: after `closed` resolves, make a new client (a Reconnector does, with backoff).
 */
export class SignalingClient<M extends Record<string, Method>, E extends { type: string }> {
  private readonly connection: SocketConnection;
  private readonly pending = new Map<
    string,
    { method: string; resolve(value: unknown): void; reject(error: Error): void; timer: ReturnType<typeof setTimeout> }
  >();
  private readonly listeners = new Set<(event: E) => void>();
  private nextId = 1;
  /** Resolves once the socket is open; rejects if it closes first. */
  readonly opened: Promise<void>;
  /** Resolves with the close code when the socket closes (for whatever reason). */
  readonly closed: Promise<number>;

  constructor(private readonly options: SignalingClientOptions<M, E>) {
    const create = options.createSocket ?? ((url: string) => new WebSocket(url) as unknown as SocketLike);
    this.connection = new SocketConnection(create(options.url), (data) => this.receive(data));
    this.opened = this.connection.opened.catch(() => {
      throw new SignalRequestError('closed', 'the signalling socket closed before opening');
    });
    // A caller that never awaits `opened` must not cause an unhandled rejection.
    this.opened.catch(() => {});
    // Registered first, so requests are rejected before anyone else hears of the close.
    this.closed = this.connection.closed.then((code) => {
      for (const [, p] of this.pending) {
        clearTimeout(p.timer);
        p.reject(new SignalRequestError('closed', `${p.method}: the signalling socket closed`));
      }
      this.pending.clear();
      return code;
    });
  }

  /** Sends a request and resolves with its validated result. */
  request<K extends keyof M & string>(method: K, params: ParamsOf<M, K>): Promise<ResultOf<M, K>> {
    const id = String(this.nextId++);
    return new Promise((resolve, reject) => {
      if (!this.connection.isOpen)
        return reject(new SignalRequestError('closed', `${method}: the signalling socket is not open`));
      const timer = setTimeout(() => {
        this.pending.delete(id);
        reject(new SignalRequestError('timeout', `${method}: no answer from the platform`));
      }, this.options.requestTimeoutMs ?? 15_000);
      this.pending.set(id, { method, resolve: resolve, reject, timer });
      this.connection.send(JSON.stringify({ ...(params as object), type: method, id }));
    });
  }

  /** Subscribes to events; returns the unsubscribe function. */
  on(listener: (event: E) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  get isOpen(): boolean {
    return this.connection.isOpen;
  }

  close(): void {
    this.connection.close();
  }

  private receive(data: unknown) {
    if (typeof data !== 'string') return;
    const parsed = parseFrame(this.options.incoming, data);
    if (!parsed.ok) {
      console.warn(`signalling: ignored a frame from the platform (${parsed.error})`);
      return;
    }
    const frame = parsed.value;
    if (frame.type !== 'response') {
      for (const listener of this.listeners) listener(frame as E);
      return;
    }
    const response = frame as ResponseFrame;
    const pending = this.pending.get(response.id);
    if (!pending) return;
    this.pending.delete(response.id);
    clearTimeout(pending.timer);
    if (!response.ok) return pending.reject(new SignalRequestError(response.error.code, response.error.message));
    const result = this.options.methods[pending.method]!.result.safeParse(response.result);
    if (!result.success) {
      pending.reject(new SignalRequestError('bad-message', `${pending.method}: unexpected result from the platform`));
      return;
    }
    pending.resolve(result.data);
  }
}

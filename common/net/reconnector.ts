import { RetryTimer, type BackoffPolicy } from '../util/backoff';
import type { Clock } from '../util/clock';

/** What a Reconnector needs of one connection attempt (a SocketConnection, a SignalingClient). */
export interface Connection {
  /** Resolves once the connection can be used; rejects if it closed first. */
  readonly opened: Promise<void>;
  /** Resolves when it closed, for whatever reason. */
  readonly closed: Promise<unknown>;
  close(): void;
}

export interface ReconnectorOptions<C extends Connection> {
  /** Makes a new connection (a new socket) for each attempt. */
  connect(): C;
  /**
   * The connection is open: resume what was going on (rejoin the call, resume the session). A throw
   * or a rejection closes the connection and counts as a failed attempt; once it resolves the
   * backoff starts over.
   */
  onOpen(connection: C): void | Promise<void>;
  /**
   * The connection closed (`wasOpen`) or could not open, and a new attempt, number `attempt` since
   * the last success, is due in `delayMs`.
   */
  onLost?(info: { connection: C; wasOpen: boolean; attempt: number; delayMs: number }): void;
  backoff: BackoffPolicy;
  clock?: Clock;
  /** 0 ≤ x < 1, for the jitter; defaults to Math.random. */
  random?: () => number;
}

/**
 * Keeps one connection up: connects, and after every cut or failed attempt connects again with
 * the shared backoff, until stopped. The owner sees each connection once it is open (`onOpen`) and
 * each loss (`onLost`); a connection that is no longer current is never reported.
 */
export class Reconnector<C extends Connection> {
  private current: C | null = null;
  /** The current connection once open and resumed (onOpen done); null while (re)connecting. */
  private ready: C | null = null;
  private waiters: { resolve(connection: C): void; reject(error: Error): void }[] = [];
  private stopped = false;
  private readonly retry: RetryTimer;

  constructor(private readonly options: ReconnectorOptions<C>) {
    this.retry = new RetryTimer({ policy: options.backoff, clock: options.clock, random: options.random });
  }

  /** The connection in use (open or opening); null before start and after stop. */
  get connection(): C | null {
    return this.current;
  }

  /** Connection attempts that failed since the last success. */
  get attempts(): number {
    return this.retry.attempts;
  }

  /** Resolves with the connection once one is open and resumed: now, or after the coming reconnects. */
  whenReady(): Promise<C> {
    if (this.stopped) return Promise.reject(new Error('the connection was stopped'));
    if (this.ready !== null) return Promise.resolve(this.ready);
    return new Promise((resolve, reject) => this.waiters.push({ resolve, reject }));
  }

  /** Connects now; a no-op once started or stopped. */
  start(): void {
    if (this.current === null && !this.stopped) this.attempt();
  }

  /** No more attempts; closes the current connection (its loss is not reported). */
  stop(): void {
    this.stopped = true;
    this.retry.cancel();
    const connection = this.current;
    this.current = this.ready = null;
    connection?.close();
    for (const waiter of this.waiters.splice(0)) waiter.reject(new Error('the connection was stopped'));
  }

  private attempt(): void {
    if (this.stopped) return;
    const connection = this.options.connect();
    this.current = connection;
    let wasOpen = false;
    void connection.closed.then(() => this.lost(connection, wasOpen));
    connection.opened
      .then(async () => {
        wasOpen = true;
        if (connection !== this.current) return;
        await this.options.onOpen(connection);
        if (connection !== this.current || this.stopped) return;
        this.retry.succeeded();
        this.ready = connection;
        for (const waiter of this.waiters.splice(0)) waiter.resolve(connection);
      })
      .catch(() => connection.close());
  }

  private lost(connection: C, wasOpen: boolean): void {
    if (connection !== this.current || this.stopped) return;
    this.ready = null;
    const delayMs = this.retry.schedule(() => this.attempt());
    if (delayMs !== null) this.options.onLost?.({ connection, wasOpen, attempt: this.retry.attempts, delayMs });
  }
}

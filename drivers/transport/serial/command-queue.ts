import type { Clock } from '../../../common/util/clock';

/** A command got no matching reply in time. The message names the command, the port and the wait. */
export class CommandTimeoutError extends Error {
  constructor(
    readonly command: string,
    readonly timeoutMs: number,
    where: string,
  ) {
    super(`command "${command}" on ${where} got no reply after ${timeoutMs} ms`);
    this.name = 'CommandTimeoutError';
  }
}

/** The queue was closed (port closed, device unplugged) before the command got its reply. */
export class CommandQueueClosedError extends Error {
  constructor(
    readonly command: string,
    reason: string,
  ) {
    super(`command "${command}" abandoned: ${reason}`);
    this.name = 'CommandQueueClosedError';
  }
}

export interface CommandOptions<TReply> {
  /** Name used in errors and logs, e.g. "read temperature record". */
  name: string;
  bytes: Uint8Array;
  /** How long to wait for a matching reply once the command is written, in ms. */
  timeoutMs: number;
  /** True for the reply that answers this command; other replies are left to `unmatched`. */
  matches(reply: TReply): boolean;
}

interface Pending<TReply> {
  options: CommandOptions<TReply>;
  resolve(reply: TReply): void;
  reject(error: Error): void;
}

/**
 * One command in flight at a time on a command/response line: commands wait their turn, the one
 * in flight is written, then `offer` hands it each decoded reply until one matches or its named
 * timeout fires. Replies that match nothing return false from `offer` (spontaneous frames).
 */
export class CommandQueue<TReply> {
  private readonly waiting: Pending<TReply>[] = [];
  private inFlight: { pending: Pending<TReply>; timer: unknown } | null = null;
  private closedReason: string | null = null;

  constructor(
    private readonly write: (bytes: Uint8Array) => Promise<void>,
    private readonly clock: Clock,
    /** Where the commands go, for error messages (the port path). */
    private readonly where: string,
  ) {}

  /** Queues a command; resolves with its reply, rejects with CommandTimeoutError / CommandQueueClosedError / the write error. */
  send(options: CommandOptions<TReply>): Promise<TReply> {
    return new Promise<TReply>((resolve, reject) => {
      if (this.closedReason !== null) {
        reject(new CommandQueueClosedError(options.name, this.closedReason));
        return;
      }
      this.waiting.push({ options, resolve, reject });
      this.next();
    });
  }

  /** Hands a decoded reply to the command in flight; true when it was that command's answer. */
  offer(reply: TReply): boolean {
    const current = this.inFlight;
    if (current === null || !current.pending.options.matches(reply)) return false;
    this.clock.clearTimeout(current.timer);
    this.inFlight = null;
    current.pending.resolve(reply);
    this.next();
    return true;
  }

  /** Number of commands waiting or in flight. */
  get size(): number {
    return this.waiting.length + (this.inFlight === null ? 0 : 1);
  }

  /** Rejects everything queued and in flight; later sends reject at once. */
  close(reason: string): void {
    this.closedReason = reason;
    const all = [...(this.inFlight ? [this.inFlight.pending] : []), ...this.waiting.splice(0)];
    if (this.inFlight) this.clock.clearTimeout(this.inFlight.timer);
    this.inFlight = null;
    for (const p of all) p.reject(new CommandQueueClosedError(p.options.name, reason));
  }

  private next(): void {
    if (this.inFlight !== null || this.closedReason !== null) return;
    const pending = this.waiting.shift();
    if (pending === undefined) return;
    const { name, timeoutMs, bytes } = pending.options;
    const timer = this.clock.setTimeout(() => {
      if (this.inFlight?.pending !== pending) return;
      this.inFlight = null;
      pending.reject(new CommandTimeoutError(name, timeoutMs, this.where));
      this.next();
    }, timeoutMs);
    this.inFlight = { pending, timer };
    this.write(bytes).catch((error: unknown) => {
      if (this.inFlight?.pending !== pending) return;
      this.clock.clearTimeout(timer);
      this.inFlight = null;
      pending.reject(error instanceof Error ? error : new Error(String(error)));
      this.next();
    });
  }
}

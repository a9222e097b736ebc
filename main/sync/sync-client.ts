import { MAX_BATCH_BYTES, MAX_BATCH_ITEMS } from '../../common/records/wire';
import { backoffDelay, type BackoffPolicy } from '../../common/util/backoff';
import { systemClock, type Clock } from '../../common/util/clock';
import { createLogger } from '../../common/util/logger';
import type { OutboxAccess } from '../db/outbox';
import { SyncTransportError, type RecordsTransport } from './records-transport';

const log = createLogger('kiosk:sync');

export interface SyncClientOptions {
  outbox: OutboxAccess;
  transport: RecordsTransport;
  clock?: Clock;
  /** Items per batch (≤ MAX_BATCH_ITEMS, the default); batches also stay under MAX_BATCH_BYTES. */
  batchSize?: number;
  /** Default: 1 s doubling to 5 min, half of each delay random; a refusal waits the ceiling. */
  backoff?: BackoffPolicy;
  /** When idle, look at the outbox again after this long even without a write notice (ms). */
  idlePollMs?: number;
  /** 0 ≤ x < 1; jitter spreads a fleet's retries after a platform outage. Injected for tests. */
  random?: () => number;
}

export type SyncEvent =
  | { type: 'acknowledged'; count: number; ids: readonly string[] }
  | { type: 'retry'; attempt: number; delayMs: number; reason: string }
  | { type: 'idle' };

/** What technicians and the fleet view see of the sync. No patient data. */
export interface SyncStatus {
  state: 'stopped' | 'idle' | 'sending' | 'retrying';
  /** Outbox rows not yet acknowledged. */
  pending: number;
  /** Consecutive failures so far (0 after a success). */
  failures: number;
  /** Why the last delivery failed, while failing; null once one succeeds. */
  lastError: string | null;
  /** When the platform last acknowledged something (ms since the epoch), on the client's clock. */
  lastAcknowledgedAt: number | null;
}

/**
 * Drains the kiosk's outbox to the platform: oldest first, one batch in flight (so each session's
 * items arrive in the order written), a row marked sent only when the platform's acknowledgement
 * names its id. Failures are retried with exponential backoff on the injected clock, forever:
 * nothing is ever dropped. After a restart it resumes from whatever is still unacknowledged.
 */
export class SyncClient {
  private readonly clock: Clock;
  private readonly batchSize: number;
  private readonly backoff: BackoffPolicy;
  private readonly listeners = new Set<(event: SyncEvent) => void>();
  private running = false;
  private loop: Promise<void> | null = null;
  private wake: (() => void) | null = null;
  private unsubscribe: (() => void) | null = null;
  private inFlight: AbortController | null = null;
  private current: Omit<SyncStatus, 'pending'> = {
    state: 'stopped',
    failures: 0,
    lastError: null,
    lastAcknowledgedAt: null,
  };

  constructor(private readonly options: SyncClientOptions) {
    this.clock = options.clock ?? systemClock;
    this.batchSize = Math.min(options.batchSize ?? MAX_BATCH_ITEMS, MAX_BATCH_ITEMS);
    // Jitter spreads a fleet's retries after a platform outage.
    this.backoff = { jitter: 0.5, ...(options.backoff ?? { initialMs: 1_000, maxMs: 5 * 60_000 }) };
  }

  start(): void {
    if (this.running) return;
    this.running = true;
    this.unsubscribe = this.options.outbox.onWrite(() => this.wake?.());
    this.loop = this.run();
  }

  /**
   * Stops: a batch in flight is abandoned (its rows stay pending and go again at the next start; the
   * platform ignores what it already holds), so closing never waits on an unreachable platform.
   */
  async stop(): Promise<void> {
    this.running = false;
    this.unsubscribe?.();
    this.wake?.();
    this.inFlight?.abort();
    await this.loop;
    this.current.state = 'stopped';
  }

  status(): SyncStatus {
    return { ...this.current, pending: this.options.outbox.counts().pending };
  }

  onEvent(listener: (event: SyncEvent) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  private emit(event: SyncEvent): void {
    for (const listener of this.listeners) listener(event);
  }

  /** Waits `ms` on the clock, or until woken (a write, or stop()). */
  private pause(ms: number, wakeOnWrite: boolean): Promise<void> {
    if (!this.running) return Promise.resolve();
    return new Promise((resolve) => {
      const done = () => {
        this.clock.clearTimeout(timer);
        this.wake = null;
        resolve();
      };
      const timer = this.clock.setTimeout(done, ms);
      // During a backoff only stop() may cut the wait short: new rows must not hammer a down platform.
      this.wake = wakeOnWrite ? done : () => (this.running ? undefined : done());
    });
  }

  private async run(): Promise<void> {
    let attempt = 0;
    while (this.running) {
      try {
        // A margin under the platform's body limit for the batch's own brackets and keys.
        const pending = this.options.outbox.pending(this.batchSize, MAX_BATCH_BYTES - 16 * 1024);
        if (pending.length === 0) {
          this.current.state = 'idle';
          this.emit({ type: 'idle' });
          await this.pause(this.options.idlePollMs ?? 60_000, true);
          continue;
        }
        const sent = new Set(pending.map((p) => p.item.id));
        if (this.current.state !== 'retrying') this.current.state = 'sending';
        this.inFlight = new AbortController();
        const ack = await this.options.transport.send({ items: pending.map((p) => p.item) }, this.inFlight.signal);
        this.inFlight = null;
        // Even when stopping: the platform holds these, recording it saves resending them.
        const acknowledged = ack.stored.filter((id) => sent.has(id));
        if (acknowledged.length === 0)
          throw new SyncTransportError('the platform acknowledged none of the batch', true);
        this.options.outbox.markAcknowledged(acknowledged);
        attempt = 0;
        this.current = { state: 'sending', failures: 0, lastError: null, lastAcknowledgedAt: this.clock.now() };
        this.emit({ type: 'acknowledged', count: acknowledged.length, ids: acknowledged });
      } catch (error) {
        this.inFlight = null;
        if (!this.running) break;
        // A transport failure, or the store failing to read or mark: either way wait and try again.
        attempt++;
        const retryable = !(error instanceof SyncTransportError) || error.retryable;
        // A refusal that a quick retry cannot fix (bad batch, bad credential) waits the ceiling.
        const step = retryable ? attempt : Number.POSITIVE_INFINITY;
        const delayMs = backoffDelay(this.backoff, step, (this.options.random ?? Math.random)());
        const reason = (error as Error).message;
        (attempt === 1 ? log.info : log.warn)(`delivery failed (${reason}); retry ${attempt} in ${delayMs} ms`);
        this.current = { ...this.current, state: 'retrying', failures: attempt, lastError: reason };
        this.emit({ type: 'retry', attempt, delayMs, reason });
        await this.pause(delayMs, false);
      }
    }
  }
}

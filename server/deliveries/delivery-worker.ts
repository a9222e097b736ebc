import { systemClock, type Clock } from '../../common/util/clock';
import { createLogger } from '../../common/util/logger';
import type { DeliveryKind, DeliveryOutbox, DeliveryStatus } from './delivery-outbox';

const log = createLogger('platform:deliveries');

/** Sends one payload; resolves with the receiving service's receipt, rejects with a reason fit to show. */
export type DeliverySender = (payload: unknown) => Promise<string>;

/** 30 s after the first failure, doubling, at most an hour apart: a service down for a day is still reached. */
export function retryDelayMs(attempts: number): number {
  return Math.min(30_000 * 2 ** Math.max(0, attempts - 1), 3_600_000);
}

/**
 * Tries the outbox's due deliveries with the sender of their kind. A failure is kept with its reason
 * and the next attempt's time; nothing is dropped. One pass at a time (a slow service never has two
 * attempts of one delivery in flight).
 */
export class DeliveryWorker {
  private readonly clock: Pick<Clock, 'now'>;
  private running: Promise<void> | null = null;
  private timer: NodeJS.Timeout | null = null;

  constructor(
    private readonly outbox: DeliveryOutbox,
    private readonly senders: Partial<Record<DeliveryKind, DeliverySender>>,
    clock?: Pick<Clock, 'now'>,
  ) {
    this.clock = clock ?? systemClock;
  }

  /** One pass over what is due now; resolves when each was tried. */
  runDue(): Promise<void> {
    this.running ??= this.pass().finally(() => (this.running = null));
    return this.running;
  }

  /** Attempts one delivery now (the doctor's "try again", or right after it was stored). */
  async attempt(id: string): Promise<DeliveryStatus | null> {
    const before = await this.outbox.get(id);
    await this.outbox.retryNow(id, this.clock.now());
    await this.runDue();
    // A pass already under way listed what was due before this one: run the next pass for it.
    const after = await this.outbox.get(id);
    if (after && after.deliveredAtMs === null && after.attempts === before?.attempts) await this.runDue();
    return this.outbox.get(id);
  }

  start(intervalMs = 15_000): void {
    this.timer ??= setInterval(() => void this.runDue(), intervalMs);
    this.timer.unref();
  }

  async stop(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    await this.running;
  }

  /** A database lost mid-pass ends the pass, logged: the next one (15 s later) tries again. */
  private async pass(): Promise<void> {
    try {
      await this.passOnce();
    } catch (error) {
      log.warn(`delivery pass stopped: ${(error as Error).message}`);
    }
  }

  private async passOnce(): Promise<void> {
    for (const item of await this.outbox.due(this.clock.now())) {
      const send = this.senders[item.kind];
      if (!send) {
        await this.outbox.markFailed(
          item.id,
          `no ${item.kind} service is configured on this platform`,
          this.later(item),
        );
        continue;
      }
      try {
        const receipt = await send(item.payload);
        await this.outbox.markDelivered(item.id, receipt, this.clock.now());
      } catch (error) {
        const reason = error instanceof Error ? error.message : String(error);
        log.warn(`${item.kind} delivery ${item.id} failed (attempt ${item.attempts + 1}): ${reason}`);
        await this.outbox.markFailed(item.id, reason, this.later(item));
      }
    }
  }

  private later(item: DeliveryStatus): number {
    return this.clock.now() + retryDelayMs(item.attempts + 1);
  }
}

import { randomUUID } from 'node:crypto';
import { kioskAlertState, type AlertKind, type KioskAlertView } from '../../common/pharmacy/alerts';
import { RetryTimer, type BackoffPolicy } from '../../common/util/backoff';
import { systemClock, type Clock } from '../../common/util/clock';
import { createLogger } from '../../common/util/logger';
import { AlertRequestError, type AlertClient } from './alert-client';

const log = createLogger('kiosk:main:alerts');

/** Retrying an unreachable platform: soon at first (the patient is waiting), then every 15 s at most. */
const RETRY: BackoffPolicy = { initialMs: 1_000, maxMs: 15_000, jitter: 0.3 };

export interface PharmacistAlertsOptions {
  client: AlertClient;
  /** Told the `error` code of a 401 (PlatformCredential.refused). */
  onRefused?(code: unknown): void;
  clock?: Clock;
  random?: () => number;
  newId?: () => string;
}

interface Tracked {
  readonly id: string;
  readonly kind: AlertKind;
  /** The platform knows it (raised); false until the raise is answered, and again after a 404. */
  raised: boolean;
  version: number;
  readonly abort: AbortController;
}

/**
 * The cabin's call to the pharmacist, as the kiosk follows it: raised on the platform, followed by
 * long poll until a pharmacist acknowledges it, retried with backoff while the platform cannot be
 * reached. Its view (`current`) is what the screens may say: "alerted" only once a portal has it on
 * screen, "coming" only once acknowledged, and the truth otherwise (nobody to tell, no platform,
 * nobody answered in time). One alert at a time: an emergency takes over from a help request.
 */
export class PharmacistAlerts {
  private tracked: Tracked | null = null;
  private view: KioskAlertView | null = null;
  private readonly listeners = new Set<(view: KioskAlertView | null) => void>();
  private readonly retry: RetryTimer;

  constructor(private readonly options: PharmacistAlertsOptions) {
    this.retry = new RetryTimer({ policy: RETRY, clock: options.clock ?? systemClock, random: options.random });
  }

  /** What the screens say about the alert now; null when there is none. */
  current(): KioskAlertView | null {
    return this.view;
  }

  /** Called with every change of `current`. */
  onChange(listener: (view: KioskAlertView | null) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /**
   * Tells the pharmacist. Pressing again while the same call is followed changes nothing, except
   * that an unreachable platform is tried again at once; a help request under way stays when the
   * emergency screen's alert is under way (the emergency is the graver).
   */
  raise(kind: AlertKind): KioskAlertView | null {
    const tracked = this.tracked;
    if (tracked && (tracked.kind === kind || tracked.kind === 'emergency')) {
      // Only while it waits to retry: a try in flight is already the new attempt.
      if (this.view?.state === 'unreachable' && this.retry.pending) {
        this.retry.cancel();
        void this.follow(tracked);
      }
      return this.view;
    }
    this.stopFollowing();
    const next: Tracked = {
      id: (this.options.newId ?? randomUUID)(),
      kind,
      raised: false,
      version: -1,
      abort: new AbortController(),
    };
    this.tracked = next;
    this.set({ kind, state: 'sending' });
    void this.follow(next);
    return this.view;
  }

  /** The pharmacist answered at the cabin: the alert is closed on the platform too (best effort). */
  resolve(): void {
    const tracked = this.tracked;
    this.forget();
    if (!tracked) return;
    this.options.client.resolve(tracked.id, new AbortController().signal).then(
      () => log.info(`alert ${tracked.id} answered at the cabin`),
      (error: unknown) =>
        log.warn(`alert ${tracked.id}: could not close it on the platform: ${(error as Error).message}`),
    );
  }

  /** The session ended: stop following (the alert stays on the portals until a pharmacist acknowledges it). */
  forget(): void {
    this.stopFollowing();
    this.set(null);
  }

  close(): void {
    this.stopFollowing();
  }

  private stopFollowing() {
    this.tracked?.abort.abort();
    this.tracked = null;
    this.retry.cancel();
  }

  /** Raises, then long-polls, until acknowledged or resolved; every failure retries with backoff. */
  private async follow(alert: Tracked): Promise<void> {
    const { client } = this.options;
    while (this.tracked === alert) {
      try {
        const answer = alert.raised
          ? await client.watch(alert.id, alert.version, alert.abort.signal)
          : await client.raise(alert.id, alert.kind, alert.abort.signal);
        if (this.tracked !== alert) return;
        this.retry.succeeded();
        if (answer === 'unknown') {
          // The platform restarted and forgot it: the same alert is raised again.
          alert.raised = false;
          continue;
        }
        alert.raised = true;
        alert.version = answer.version;
        const state = kioskAlertState(answer);
        if (state === null) return this.forget();
        this.set({ kind: alert.kind, state });
        // Nothing the platform says later changes "a pharmacist is coming".
        if (state === 'acknowledged') return;
      } catch (error) {
        if (this.tracked !== alert) return;
        if (error instanceof AlertRequestError && error.refusal) this.options.onRefused?.(error.refusal);
        if (this.view?.state !== 'unreachable')
          log.warn(
            `alert ${alert.id} (${alert.kind}): ${(error as Error).message}; the patient is sent to the counter`,
          );
        this.set({ kind: alert.kind, state: 'unreachable' });
        await new Promise<void>((resolve) => this.retry.schedule(resolve));
      }
    }
  }

  private set(view: KioskAlertView | null) {
    if (JSON.stringify(view) === JSON.stringify(this.view)) return;
    this.view = view;
    for (const listener of this.listeners) listener(view);
  }
}

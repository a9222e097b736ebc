import type { AlertAnswer, AlertKind, AlertStatus, RaiseAlertRequest } from '../../common/pharmacy/alerts';
import type { PortalAlert } from '../../common/pharmacy/cabins';
import { systemClock, type Clock } from '../../common/util/clock';
import { createLogger } from '../../common/util/logger';
import { SignalFailure } from '../calls/signal-failure';

const log = createLogger('platform:alerts');

/** An alert nobody acknowledged within this long is escalated (PRODUCT.md: 60 s). */
export const DEFAULT_ESCALATION_MS = 60_000;
/** How long a raise waits for an open portal to confirm it has the alert on screen. */
export const DEFAULT_DELIVERY_WAIT_MS = 3_000;
/** Acknowledged alerts stay on the portals this long, so every pharmacist sees who went. */
export const KEEP_ACKNOWLEDGED_MS = 30 * 60_000;

/** Who raised an alert: the kiosk (from its credential) and, when it has one, its pharmacy and cabin name. */
export interface AlertSource {
  kioskId: string;
  pharmacyId: string | null;
  cabinLabel: string;
}

interface AlertRecord extends AlertSource {
  readonly id: string;
  readonly kind: AlertKind;
  readonly raisedAt: number;
  status: AlertStatus;
  escalated: boolean;
  /** Portal sockets that confirmed having it on screen. */
  readonly receivedBy: Set<string>;
  acknowledgedBy: string | null;
  acknowledgedAt: number | null;
  version: number;
  escalation: unknown;
}

export interface AlertDeskOptions {
  /** How many portals of the pharmacy are open now (they get the alert with the board). */
  portalsOpen(pharmacyId: string): number;
  clock?: Clock;
  /** Default DEFAULT_ESCALATION_MS; tests give a short one. */
  escalationMs?: number;
  /** Default DEFAULT_DELIVERY_WAIT_MS. */
  deliveryWaitMs?: number;
}

/**
 * The pharmacy's alerts (help and emergency), in memory: a kiosk raises one, every open portal of
 * its pharmacy gets it and confirms it is on screen ("delivered"), a pharmacist acknowledges it.
 * Not acknowledged within the escalation delay, it is escalated: every portal of the pharmacy rings
 * the louder, repeating alarm and pins it in red, the kiosk stops saying the pharmacist was alerted
 * and sends the patient to the counter (or to 15/112), and the platform's log names the cabin for
 * the operator. A platform restart forgets the alerts: the kiosk, told the alert is unknown, raises
 * it again under the same id.
 */
export class AlertDesk {
  private readonly alerts = new Map<string, AlertRecord>();
  private readonly watchers = new Map<string, Set<() => void>>();
  private readonly listeners = new Set<(pharmacyId: string) => void>();
  private readonly clock: Clock;

  constructor(private readonly options: AlertDeskOptions) {
    this.clock = options.clock ?? systemClock;
  }

  /** Called with the pharmacy whose alerts changed (the boards push it to its portals). */
  onChange(listener: (pharmacyId: string) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /**
   * Raises an alert (or finds it again: the same id is one alert), then waits up to the delivery
   * wait for a portal to confirm it has it on screen; answers at once when no portal is open.
   */
  async raise(source: AlertSource, request: RaiseAlertRequest): Promise<AlertAnswer> {
    const existing = this.alerts.get(request.alertId);
    if (existing && existing.kioskId !== source.kioskId)
      throw new SignalFailure('forbidden', 'this alert id belongs to another kiosk');
    const alert = existing ?? this.open(source, request);
    if (alert.status === 'undelivered' && alert.pharmacyId && this.options.portalsOpen(alert.pharmacyId) > 0)
      await this.changeOf(alert, this.options.deliveryWaitMs ?? DEFAULT_DELIVERY_WAIT_MS);
    return answerOf(alert);
  }

  /** The alert as its kiosk sees it; null when unknown here (another kiosk's, or forgotten by a restart). */
  answer(kioskId: string, alertId: string): AlertAnswer | null {
    const alert = this.alerts.get(alertId);
    return alert && alert.kioskId === kioskId ? answerOf(alert) : null;
  }

  /** The long poll: the alert once its version passes `after`, or as it is after `timeoutMs`. */
  async watch(kioskId: string, alertId: string, after: number, timeoutMs: number): Promise<AlertAnswer | null> {
    const alert = this.alerts.get(alertId);
    if (!alert || alert.kioskId !== kioskId) return null;
    if (alert.version <= after) await this.changeOf(alert, timeoutMs);
    return answerOf(alert);
  }

  /** A portal of this pharmacy has these alerts on screen: the open ones are now delivered. */
  received(pharmacyId: string, socketId: string, alertIds: readonly string[]): void {
    for (const id of alertIds) {
      const alert = this.alerts.get(id);
      if (!alert || alert.pharmacyId !== pharmacyId || alert.receivedBy.has(socketId)) continue;
      alert.receivedBy.add(socketId);
      if (alert.status !== 'undelivered') continue;
      alert.status = 'delivered';
      log.info(`alert ${id} (${alert.kind}) of kiosk ${alert.kioskId} delivered to a portal`);
      this.changed(alert);
    }
  }

  /** A pharmacist of the alert's pharmacy is coming (the first one to say so is named). */
  acknowledge(pharmacist: { name: string; pharmacyId: string }, alertId: string): PortalAlert {
    const alert = this.alerts.get(alertId);
    if (!alert || alert.pharmacyId !== pharmacist.pharmacyId || alert.status === 'resolved')
      throw new SignalFailure('not-found', 'no such open alert in your pharmacy');
    if (alert.status !== 'acknowledged') {
      alert.status = 'acknowledged';
      alert.acknowledgedBy = pharmacist.name;
      alert.acknowledgedAt = this.clock.now();
      this.stopEscalation(alert);
      log.info(`alert ${alertId} (${alert.kind}) of kiosk ${alert.kioskId} acknowledged`);
      this.changed(alert);
    }
    return portalViewOf(alert);
  }

  /** The pharmacist answered at the cabin (the kiosk's staff panel): nothing more to show anywhere. */
  resolve(kioskId: string, alertId: string): AlertAnswer | null {
    const alert = this.alerts.get(alertId);
    if (!alert || alert.kioskId !== kioskId) return null;
    if (alert.status !== 'resolved') {
      alert.status = 'resolved';
      this.stopEscalation(alert);
      this.alerts.delete(alertId);
      log.info(`alert ${alertId} (${alert.kind}) of kiosk ${kioskId} answered at the cabin`);
      this.changed(alert);
    }
    return answerOf(alert);
  }

  /** The pharmacy's alerts for its portals: open ones oldest first, then the recently acknowledged. */
  forPharmacy(pharmacyId: string): PortalAlert[] {
    this.forgetOldAcknowledged();
    const mine = [...this.alerts.values()].filter((a) => a.pharmacyId === pharmacyId);
    const open = mine.filter((a) => a.status !== 'acknowledged').sort((a, b) => a.raisedAt - b.raisedAt);
    const taken = mine.filter((a) => a.status === 'acknowledged').sort((a, b) => b.raisedAt - a.raisedAt);
    return [...open, ...taken].map(portalViewOf);
  }

  /** Kiosks with an alert nobody acknowledged yet (their cabin shows "help requested"). */
  kiosksCallingFor(pharmacyId: string): Set<string> {
    const open = [...this.alerts.values()].filter(
      (a) => a.pharmacyId === pharmacyId && (a.status === 'undelivered' || a.status === 'delivered'),
    );
    return new Set(open.map((a) => a.kioskId));
  }

  /** Stops the timers and answers every waiting poll (the platform is closing). */
  close(): void {
    for (const alert of this.alerts.values()) this.stopEscalation(alert);
    for (const wake of [...this.watchers.values()].flatMap((set) => [...set])) wake();
    this.watchers.clear();
  }

  private open(source: AlertSource, request: RaiseAlertRequest): AlertRecord {
    const alert: AlertRecord = {
      ...source,
      id: request.alertId,
      kind: request.kind,
      raisedAt: this.clock.now(),
      status: 'undelivered',
      escalated: false,
      receivedBy: new Set(),
      acknowledgedBy: null,
      acknowledgedAt: null,
      version: 0,
      escalation: null,
    };
    this.alerts.set(alert.id, alert);
    if (!source.pharmacyId)
      log.warn(
        `alert ${alert.id} (${alert.kind}) of kiosk ${source.kioskId}: the kiosk belongs to no pharmacy, nobody can be told (assign it with server/admin.ts assign-kiosk)`,
      );
    else log.info(`alert ${alert.id} (${alert.kind}) raised by kiosk ${source.kioskId}`);
    const ms = this.options.escalationMs ?? DEFAULT_ESCALATION_MS;
    alert.escalation = this.clock.setTimeout(() => this.escalate(alert, ms), ms);
    (alert.escalation as { unref?: () => void } | null)?.unref?.();
    this.changed(alert);
    return alert;
  }

  private escalate(alert: AlertRecord, ms: number) {
    alert.escalation = null;
    if (alert.status !== 'undelivered' && alert.status !== 'delivered') return;
    alert.escalated = true;
    log.warn(
      `alert ${alert.id} (${alert.kind}) of kiosk ${alert.kioskId} (${alert.cabinLabel}) not acknowledged after ${ms / 1000} s: escalated${alert.status === 'undelivered' ? ', and no portal has it on screen' : ''}`,
    );
    this.changed(alert);
  }

  private stopEscalation(alert: AlertRecord) {
    if (alert.escalation !== null) this.clock.clearTimeout(alert.escalation);
    alert.escalation = null;
  }

  private forgetOldAcknowledged() {
    const now = this.clock.now();
    for (const [id, a] of this.alerts)
      if (a.status === 'acknowledged' && now - (a.acknowledgedAt ?? now) > KEEP_ACKNOWLEDGED_MS) this.alerts.delete(id);
  }

  private changed(alert: AlertRecord) {
    alert.version += 1;
    for (const wake of this.watchers.get(alert.id) ?? []) wake();
    this.watchers.delete(alert.id);
    if (alert.pharmacyId) for (const listener of this.listeners) listener(alert.pharmacyId);
  }

  /** Resolves at the alert's next change, or after `timeoutMs`, whichever comes first. */
  private changeOf(alert: AlertRecord, timeoutMs: number): Promise<void> {
    return new Promise((resolve) => {
      const set = this.watchers.get(alert.id) ?? new Set();
      this.watchers.set(alert.id, set);
      const timer = this.clock.setTimeout(() => wake(), timeoutMs);
      const wake = () => {
        this.clock.clearTimeout(timer);
        set.delete(wake);
        resolve();
      };
      set.add(wake);
    });
  }
}

function answerOf(alert: AlertRecord): AlertAnswer {
  return {
    alertId: alert.id,
    kind: alert.kind,
    status: alert.status,
    escalated: alert.escalated,
    version: alert.version,
  };
}

function portalViewOf(alert: AlertRecord): PortalAlert {
  return {
    alertId: alert.id,
    kioskId: alert.kioskId,
    cabinLabel: alert.cabinLabel,
    kind: alert.kind,
    raisedAt: new Date(alert.raisedAt).toISOString(),
    status: alert.status === 'acknowledged' ? 'acknowledged' : 'open',
    escalated: alert.escalated,
    acknowledgedBy: alert.acknowledgedBy,
    acknowledgedAt: alert.acknowledgedAt === null ? null : new Date(alert.acknowledgedAt).toISOString(),
  };
}

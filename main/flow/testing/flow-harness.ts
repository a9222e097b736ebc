import { EventEmitter } from 'node:events';
import type { MeasurementKind } from '../../../common/devices/kinds';
import type { Measurement } from '../../../common/devices/measurement';
import { FlowView } from '../../../common/flow/flow-view';
import type { AlertKind, KioskAlertView } from '../../../common/pharmacy/alerts';
import { systemClock } from '../../../common/util/clock';
import type { SessionStore } from '../../session/session-store';
import { DEFAULT_FLOW_DELAYS, type FlowDelays } from '../delays';
import { FlowService } from '../flow-service';
import type { FlowAlertsPort, FlowCardEventMap, FlowCardReader, FlowDeviceEventMap, FlowDevicesPort } from '../ports';

/** A SessionStore that keeps every call, in order (tests assert on them). */
export class MemorySessionStore implements SessionStore {
  readonly calls: { method: keyof SessionStore; sessionId: string; data: unknown }[] = [];
  openSession(session: { id: string; kioskId: string; startedAt: string }): void {
    this.calls.push({ method: 'openSession', sessionId: session.id, data: session });
  }
  saveIdentity(sessionId: string, identity: unknown): void {
    this.calls.push({ method: 'saveIdentity', sessionId, data: identity });
  }
  saveConsent(sessionId: string, consent: unknown): void {
    this.calls.push({ method: 'saveConsent', sessionId, data: consent });
  }
  saveIntake(sessionId: string, intake: unknown): void {
    this.calls.push({ method: 'saveIntake', sessionId, data: intake });
  }
  recordMeasurement(sessionId: string, measurement: Measurement): void {
    this.calls.push({ method: 'recordMeasurement', sessionId, data: measurement });
  }
  closeSession(sessionId: string, end: unknown): void {
    this.calls.push({ method: 'closeSession', sessionId, data: end });
  }
  methods(): string[] {
    return this.calls.map((c) => c.method);
  }
}

/** The device manager's measuring side: answers from `nextStart`, counts cancels. */
export class FakeDevices extends EventEmitter<FlowDeviceEventMap> implements FlowDevicesPort {
  nextStart: { ok: true; deviceId: string } | { ok: false; code: 'device-unavailable' | 'device-unplugged' } = {
    ok: true,
    deviceId: 'dev-1',
  };
  started: MeasurementKind[] = [];
  cancels = 0;
  /** Kinds whose devices are withheld by their calibration. */
  outOfServiceKinds: MeasurementKind[] = [];
  outOfService(kind: MeasurementKind): boolean {
    return this.outOfServiceKinds.includes(kind);
  }
  startMeasurement(kind: MeasurementKind) {
    this.started.push(kind);
    return Promise.resolve(this.nextStart);
  }
  cancelMeasurement(): Promise<void> {
    this.cancels += 1;
    return Promise.resolve();
  }
}

/** The card service's events (tests emit them) and its readAgain, counted. */
export class FakeCards extends EventEmitter<FlowCardEventMap> implements FlowCardReader {
  readAgainCalls = 0;
  readAgain(): void {
    this.readAgainCalls += 1;
  }
}

/** The pharmacist alerts: records what the flow asks; the test says what the platform confirmed (`confirm`). */
export class FakeAlerts implements FlowAlertsPort {
  readonly calls: (`raise:${AlertKind}` | 'resolve' | 'forget')[] = [];
  private readonly listeners = new Set<(alert: KioskAlertView | null) => void>();
  /** What `raise` answers (the tracker's view right after). */
  nextRaise: KioskAlertView | null = null;
  raise(kind: AlertKind): KioskAlertView | null {
    this.calls.push(`raise:${kind}`);
    return this.nextRaise;
  }
  resolve(): void {
    this.calls.push('resolve');
  }
  forget(): void {
    this.calls.push('forget');
  }
  onChange(listener: (alert: KioskAlertView | null) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }
  confirm(alert: KioskAlertView | null): void {
    for (const listener of this.listeners) listener(alert);
  }
}

export interface Harness {
  flow: FlowService;
  store: MemorySessionStore;
  devices: FakeDevices;
  cards: FakeCards;
  alerts: FakeAlerts;
  /** Every view pushed. */
  views: FlowView[];
  /** Schema errors of pushed views (a test's afterEach expects none). */
  invalid: string[];
}

/** A FlowService over in-memory ports; use with vi.useFakeTimers() (systemClock reads the faked timers). */
export function createHarness(options: { hygieneDue?: boolean; delays?: Partial<FlowDelays> } = {}): Harness {
  const store = new MemorySessionStore();
  const devices = new FakeDevices();
  const cards = new FakeCards();
  const alerts = new FakeAlerts();
  let n = 0;
  const flow = new FlowService({
    ports: {
      store,
      devices,
      cards,
      alerts,
      clock: systemClock,
      ids: { next: () => `session-${++n}` },
      kioskId: 'kiosk-test',
    },
    delays: { ...DEFAULT_FLOW_DELAYS, ...options.delays },
    consentTextVersion: 'consent-v1',
    hygieneDueAtStart: options.hygieneDue ?? false,
    deviceEvents: devices,
    cardEvents: cards,
  });
  const views: FlowView[] = [];
  const invalid: string[] = [];
  flow.onChange((view) => {
    const parsed = FlowView.safeParse(view);
    if (!parsed.success) invalid.push(`${view.step}: ${parsed.error.message}`);
    views.push(view);
  });
  return { flow, store, devices, cards, alerts, views, invalid };
}

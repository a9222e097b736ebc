import { createActor, type Actor } from 'xstate';
import type { DeviceStatus } from '../../common/devices/device-status';
import type { LiveReading } from '../../common/devices/live-reading';
import type { Measurement } from '../../common/devices/measurement';
import type { CardErrorCode, CardState } from '../../common/identity/card-state';
import type { CardBeneficiaries, PatientIdentity } from '../../common/identity/identity';
import type { Specialty } from '../../common/flow/care-pathway';
import type { FlowIntention } from '../../common/flow/flow-intention';
import type { FlowView } from '../../common/flow/flow-view';
import { ageInYears } from '../../common/util/dates';
import { createLogger } from '../../common/util/logger';
import type { SessionStore } from '../session/session-store';
import type { FlowDelays } from './delays';
import type { FlowEvent } from './flow-context';
import { toFlowView } from './flow-view';
import type { SessionEvents } from './flow-deps';
import { createPatientFlowMachine, type PatientFlowMachine } from './patient-flow.machine';
import type { FlowCardEvents, FlowDeviceEvents, FlowPorts } from './ports';

const log = createLogger('kiosk:main:flow-service');

/** Intentions relayed from the platform: they are not a touch, so they do not reset the idle timer. */
const PLATFORM_INTENTIONS: ReadonlySet<FlowIntention['type']> = new Set([
  'QUEUE_UPDATED',
  'DOCTOR_ACCEPTED',
  'DOCTOR_REQUESTED_MEASUREMENT',
  'DOCTOR_ENDED_CALL',
  'DOCTOR_REQUESTED_AUSCULTATION',
  'DOCTOR_ENDED_AUSCULTATION',
  'AUSCULTATION_STREAMING',
  'AUSCULTATION_FAILED',
  'DOCTOR_REQUESTED_EXAM_CAMERA',
  'DOCTOR_ENDED_EXAM_CAMERA',
  'EXAM_CAMERA_STREAMING',
  'EXAM_CAMERA_FAILED',
  'CALL_CONNECTION_LOST',
  'CALL_CONNECTION_RESTORED',
  'CALL_AUDIO_ONLY',
]);

export interface FlowServiceOptions {
  ports: FlowPorts;
  delays: FlowDelays;
  /** Version of the consent text shown (config or renderer bundle). */
  consentTextVersion: string;
  /** True when the kiosk must wait for the hygiene checklist before its first patient. */
  hygieneDueAtStart: boolean;
  /** The DeviceManager (or null when no devices are configured). */
  deviceEvents?: FlowDeviceEvents | null;
  /** The card service (or null until it exists). */
  cardEvents?: FlowCardEvents | null;
}

/** The current session as the doctor's queue shows it (no name, no NIR). */
export interface QueueEntry {
  sessionId: string;
  ageYears: number;
  specialty: Specialty;
  reason: string;
}

export type SessionSummary = Parameters<SessionEvents['closed']>[0];

/**
 * Runs the patient-flow machine for the kiosk: maps snapshots to FlowViews, takes the screens'
 * intentions and main's card/device events, and tells listeners when the view changes.
 */
export class FlowService {
  private readonly actor: Actor<PatientFlowMachine>;
  private readonly viewListeners = new Set<(view: FlowView) => void>();
  private readonly openedListeners = new Set<(sessionId: string) => void>();
  private readonly closedListeners = new Set<(summary: SessionSummary) => void>();
  private readonly detach: (() => void)[] = [];
  private current: FlowView;
  private currentJson: string;

  constructor(private readonly opts: FlowServiceOptions) {
    const machine = createPatientFlowMachine(opts.ports, opts.delays, {
      opened: (id) => this.openedListeners.forEach((l) => l(id)),
      closed: (summary) => this.closedListeners.forEach((l) => l(summary)),
    });
    this.actor = createActor(machine, {
      input: { hygieneDue: opts.hygieneDueAtStart, consentTextVersion: opts.consentTextVersion },
      clock: opts.ports.clock,
    });
    this.current = toFlowView(this.actor.getSnapshot());
    this.currentJson = JSON.stringify(this.current);
    this.actor.subscribe({
      next: (snapshot) => {
        const view = toFlowView(snapshot);
        const json = JSON.stringify(view);
        if (json === this.currentJson) return;
        if (view.step !== this.current.step) log.info(`step ${this.current.step} -> ${view.step}`);
        this.current = view;
        this.currentJson = json;
        this.viewListeners.forEach((listener) => listener(view));
      },
      error: (error) => log.error(`flow machine stopped: ${error instanceof Error ? error.name : 'unknown'}`),
    });
    this.actor.start();
    this.current = toFlowView(this.actor.getSnapshot());
    this.currentJson = JSON.stringify(this.current);
    this.wireDevices(opts.deviceEvents ?? null);
    this.wireCards(opts.cardEvents ?? null);
    const alerts = opts.ports.alerts;
    if (alerts) this.detach.push(alerts.onChange((alert) => this.feed({ type: 'ALERT_CHANGED', alert })));
  }

  /** The view as it is now. */
  view(): FlowView {
    return this.current;
  }

  /** Called with every new view (only when something in it changed). Returns the unsubscribe. */
  onChange(listener: (view: FlowView) => void): () => void {
    this.viewListeners.add(listener);
    return () => this.viewListeners.delete(listener);
  }

  /** Called when a session opens / closes (staff counters); the summary holds no patient data. */
  onSessionOpened(listener: (sessionId: string) => void): () => void {
    this.openedListeners.add(listener);
    return () => this.openedListeners.delete(listener);
  }

  onSessionClosed(listener: (summary: SessionSummary) => void): () => void {
    this.closedListeners.add(listener);
    return () => this.closedListeners.delete(listener);
  }

  /**
   * An intention from the screens. `accepted` says whether the machine could take it in its
   * current state (a touch is always taken: it answers the idle warning).
   */
  send(intention: FlowIntention): { accepted: boolean } {
    const touch = !PLATFORM_INTENTIONS.has(intention.type);
    if (touch && intention.type !== 'ACTIVITY') this.actor.send({ type: 'ACTIVITY' });
    if (intention.type === 'ACTIVITY') {
      this.actor.send(intention);
      return { accepted: true };
    }
    const accepted = this.actor.getSnapshot().can(intention);
    if (accepted) this.actor.send(intention);
    else log.debug(`intention ${intention.type} ignored in ${this.current.step}`);
    return { accepted };
  }

  /**
   * The hygiene checklist was confirmed by the pharmacist: the next patient may start. False (and
   * nothing changes) while a patient is in session: the check is between two patients.
   */
  confirmHygiene(): boolean {
    const event = { type: 'HYGIENE_CONFIRMED' } as const;
    if (!this.actor.getSnapshot().can(event)) return false;
    this.feed(event);
    return true;
  }

  /** The pharmacist answered the help button. */
  answerHelp(): void {
    this.feed({ type: 'HELP_ANSWERED' });
  }

  hygieneDue(): boolean {
    return this.actor.getSnapshot().context.hygieneDue;
  }

  currentSessionId(): string | null {
    return this.actor.getSnapshot().context.sessionId;
  }

  /** What the call ticket service puts in the doctor's queue; null before the reason is given. */
  currentQueueEntry(now: Date = new Date(this.opts.ports.clock.now())): QueueEntry | null {
    const c = this.actor.getSnapshot().context;
    if (c.sessionId === null || c.reason.specialty === null) return null;
    return {
      sessionId: c.sessionId,
      ageYears: c.identity ? ageInYears(c.identity.birthDate, now) : 0,
      specialty: c.reason.specialty,
      reason: c.reason.text,
    };
  }

  stop(): void {
    this.detach.splice(0).forEach((off) => off());
    this.actor.stop();
  }

  /** The platform's answer to a booking or a check-in, the ticket's printing (main/appointments): never from the screens. */
  appointmentEvent(
    event: Extract<FlowEvent, { type: 'APPOINTMENT_BOOKED' | 'APPOINTMENT_CHECK_IN' | 'TICKET_PRINTED' }>,
  ): void {
    this.feed(event);
  }

  /** Main's events (cards, devices, staff) go in here; they are logged by type only. */
  private feed(event: FlowEvent): void {
    log.debug(`event ${event.type}`);
    this.actor.send(event);
  }

  private wireDevices(devices: FlowDeviceEvents | null): void {
    if (devices === null) return;
    const onLive = (reading: LiveReading) => this.feed({ type: 'DEVICE_LIVE', reading });
    const onRecorded = (measurement: Measurement) => this.feed({ type: 'DEVICE_RECORDED', measurement });
    const onFailed = (f: { deviceId: string; kind: Measurement['kind']; code: string }) =>
      this.feed({ type: 'DEVICE_FAILED', ...f });
    const onStatus = (status: DeviceStatus) => this.feed({ type: 'DEVICE_STATUS', status });
    devices.on('liveReading', onLive);
    devices.on('measurementRecorded', onRecorded);
    devices.on('measurementFailed', onFailed);
    devices.on('statusChanged', onStatus);
    this.detach.push(() => {
      devices.off('liveReading', onLive);
      devices.off('measurementRecorded', onRecorded);
      devices.off('measurementFailed', onFailed);
      devices.off('statusChanged', onStatus);
    });
  }

  private wireCards(cards: FlowCardEvents | null): void {
    if (cards === null) return;
    const onRead = (identity: PatientIdentity, card?: CardBeneficiaries) =>
      this.feed({ type: 'CARD_READ', identity, card: card ?? { beneficiaries: [identity], unreadable: 0 } });
    const onFailed = (failure: { code: CardErrorCode }) => this.feed({ type: 'CARD_FAILED', code: failure.code });
    const onState = (state: CardState) => this.feed({ type: 'CARD_STATE', state });
    cards.on('cardRead', onRead);
    cards.on('cardFailed', onFailed);
    cards.on('stateChanged', onState);
    this.detach.push(() => {
      cards.off('cardRead', onRead);
      cards.off('cardFailed', onFailed);
      cards.off('stateChanged', onState);
    });
  }
}

/**
 * The DeviceManager's `record` for the kiosk: stores the measurement under the flow's current
 * session. Throws when no session is open (the manager then reports 'record-failed'), so a reading
 * is never stored without its patient.
 */
export function recordForCurrentSession(
  flow: Pick<FlowService, 'currentSessionId'>,
  store: Pick<SessionStore, 'recordMeasurement'>,
): (m: Measurement) => void {
  return (measurement) => {
    const sessionId = flow.currentSessionId();
    if (sessionId === null) throw new Error('no patient session is open: the measurement is not recorded');
    store.recordMeasurement(sessionId, measurement);
  };
}

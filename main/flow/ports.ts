import type { LiveReading } from '../../common/devices/live-reading';
import type { DeviceStatus } from '../../common/devices/device-status';
import type { MeasurementKind } from '../../common/devices/kinds';
import type { Measurement } from '../../common/devices/measurement';
import type { CardErrorCode, CardState } from '../../common/identity/card-state';
import type { AlertKind, KioskAlertView } from '../../common/pharmacy/alerts';
import type { CardBeneficiaries, PatientIdentity } from '../../common/identity/identity';
import type { Clock } from '../../common/util/clock';
import type { SessionStore } from '../session/session-store';

export type { SessionStore } from '../session/session-store';

/** The measuring side of the DeviceManager (main/devices/device-manager.ts), as the flow uses it. */
export interface FlowDevicesPort {
  /** Starts a spot check on the device of that kind; answers at once (the result comes as an event). */
  startMeasurement(
    kind: MeasurementKind,
  ): Promise<{ ok: true; deviceId: string } | { ok: false; code: 'device-unavailable' | 'device-unplugged' }>;
  /** Stops the measurement under way, if any (idempotent). */
  cancelMeasurement(): Promise<void>;
  /**
   * True when every device of that kind is withheld by its calibration (failed or past due): the
   * patient is told at once instead of being guided through a measurement that cannot happen.
   */
  outOfService(kind: MeasurementKind): boolean;
}

/** The DeviceManager's events the flow listens to (main/devices/device-manager.ts). */
export interface FlowDeviceEventMap {
  liveReading: [LiveReading];
  measurementRecorded: [Measurement];
  measurementFailed: [{ deviceId: string; kind: MeasurementKind; code: string }];
  statusChanged: [DeviceStatus];
}

/** Satisfied by the DeviceManager (an EventEmitter<DeviceManagerEvents>). */
export interface FlowDeviceEvents {
  on(event: 'liveReading', listener: (reading: LiveReading) => void): unknown;
  on(event: 'measurementRecorded', listener: (m: Measurement) => void): unknown;
  on(
    event: 'measurementFailed',
    listener: (f: { deviceId: string; kind: MeasurementKind; code: string }) => void,
  ): unknown;
  on(event: 'statusChanged', listener: (s: DeviceStatus) => void): unknown;
  off(event: 'liveReading', listener: (reading: LiveReading) => void): unknown;
  off(event: 'measurementRecorded', listener: (m: Measurement) => void): unknown;
  off(
    event: 'measurementFailed',
    listener: (f: { deviceId: string; kind: MeasurementKind; code: string }) => void,
  ): unknown;
  off(event: 'statusChanged', listener: (s: DeviceStatus) => void): unknown;
}

/**
 * The card service's events (main/identity/card-service.ts, HID/PC-SC engineer). The identity
 * arrives only through `cardRead`; `stateChanged` carries no identity.
 */
export interface FlowCardEventMap {
  /** The first readable beneficiary, and every one the card carries (absent: that one only). */
  cardRead: [PatientIdentity, CardBeneficiaries?];
  cardFailed: [{ code: CardErrorCode }];
  stateChanged: [CardState];
}

export interface FlowCardEvents {
  on(event: 'cardRead', listener: (identity: PatientIdentity, card?: CardBeneficiaries) => void): unknown;
  on(event: 'cardFailed', listener: (failure: { code: CardErrorCode }) => void): unknown;
  on(event: 'stateChanged', listener: (state: CardState) => void): unknown;
  off(event: 'cardRead', listener: (identity: PatientIdentity, card?: CardBeneficiaries) => void): unknown;
  off(event: 'cardFailed', listener: (failure: { code: CardErrorCode }) => void): unknown;
  off(event: 'stateChanged', listener: (state: CardState) => void): unknown;
}

/** What the flow may ask of the card service (main/identity/card-service.ts). */
export interface FlowCardReader {
  /**
   * Reads the card sitting in the reader once more: its identity was read before the flow could
   * take it (put in on the welcome or emergency screen). Does nothing unless a read card is in.
   */
  readAgain(): void;
}

/** The call to the pharmacist (main/alerts/pharmacist-alerts.ts): what it confirmed comes back through onChange. */
export interface FlowAlertsPort {
  /** Returns what the screens may say right after (sending, or the state of the call already under way). */
  raise(kind: AlertKind): KioskAlertView | null;
  /** The pharmacist answered at the cabin. */
  resolve(): void;
  /** The session was wiped: the next patient is told nothing about it. */
  forget(): void;
  onChange(listener: (alert: KioskAlertView | null) => void): () => void;
}

/** Session ids (UUIDs in the kiosk; a counter in tests). */
export interface IdGenerator {
  next(): string;
}

/** Everything the flow machine touches outside itself. */
export interface FlowPorts {
  store: SessionStore;
  devices: FlowDevicesPort;
  /** The card service (absent when no reader is configured). */
  cards?: FlowCardReader;
  /** The pharmacist alerts (absent: nobody can be told, and the screens say so). */
  alerts?: FlowAlertsPort;
  clock: Clock;
  ids: IdGenerator;
  kioskId: string;
}

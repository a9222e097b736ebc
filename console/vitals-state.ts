import type { DeviceStatus } from '../common/devices/device-status';
import type { LiveReading } from '../common/devices/live-reading';
import type { Measurement } from '../common/devices/measurement';
import { DEVICE_KIND_FOR, type MeasurementKind } from '../common/devices/kinds';
import type { VitalsMessage } from '../common/signaling/vitals';
import { assertUnreachable } from '../common/util/assert-unreachable';

/** How many pleth samples the waveform keeps (about 8 s at 75 Hz). */
export const PLETH_WINDOW = 600;

/** A value with the time it was taken, in the console's clock (ms). */
export interface Timed<T> {
  value: T;
  at: number;
}

/**
 * What the vitals panel shows, built from the kiosk's data-channel messages (and the measurements
 * and device statuses the accept/rejoin result carries). Pure: every function returns a new state.
 *
 * Two streams reach it and they are never mixed: the final measurements (reliable channel, and the
 * platform's `kiosk-result` relay) are the readings of record, and only another final replaces one;
 * the devices' running values (lossy channel) are kept apart, and only for a kind the doctor
 * watches — asked for and not yet received, or its live view open. Oximeters stream all the time
 * and a thermometer goes on sending as its probe cools, so "the newest value wins" would show a
 * cooling 28 °C in place of the 36.9 °C just recorded.
 */
export interface VitalsState {
  /** The reading of record per kind: the latest final measurement. */
  recorded: Partial<Record<MeasurementKind, Timed<Measurement>>>;
  /** Every final measurement of the consultation, oldest first, each once (the trend). */
  history: Timed<Measurement>[];
  /** The device's running value per watched kind (oximeter SpO2/pulse, cuff pressure, probe…). */
  live: Partial<Record<MeasurementKind, Timed<LiveReading>>>;
  /** Kinds the doctor asked for whose result (or failure) has not come yet. */
  requested: Partial<Record<MeasurementKind, true>>;
  /** Kinds whose live view the doctor opened. */
  liveView: Partial<Record<MeasurementKind, true>>;
  /** Latest failure code per kind ('finger-out', 'device-unavailable', …), cleared by a new request or result. */
  failed: Partial<Record<MeasurementKind, string>>;
  devices: DeviceStatus[];
  /** The last PLETH_WINDOW samples, 0–100, while the oximetry is watched. */
  pleth: number[];
  /** Samples received in total (the canvas uses it to know something new arrived). */
  plethCount: number;
  /** The oximeter's sample rate, from its last chunk (the canvas plays the samples at it). */
  plethRateHz: number | null;
  /** Last `seq` seen on the lossy channel, to drop out-of-order chunks. */
  lastLiveSeq: number;
}

export const emptyVitals = (devices: DeviceStatus[] = [], measurements: Measurement[] = []): VitalsState => {
  const empty: VitalsState = {
    recorded: {},
    history: [],
    live: {},
    requested: {},
    liveView: {},
    failed: {},
    devices,
    pleth: [],
    plethCount: 0,
    plethRateHz: null,
    lastLiveSeq: -1,
  };
  // From the accept/rejoin result: no send time to correct the kiosk's clock with.
  return measurements.reduce((s, m) => record(s, { value: m, at: Date.parse(m.takenAt) }), empty);
};

/**
 * A kiosk time (ms) in the console's clock: the message's age on the kiosk when it was sent
 * (`sentAt` − the kiosk time) counted back from when it arrived here, so a kiosk clock that is off
 * does not make a fresh reading look old. A device time after `sentAt` (a cuff whose clock is
 * ahead) counts as taken when sent.
 */
export const consoleTime = (kioskTime: number, sentAt: number, receivedAt: number): number =>
  receivedAt - Math.max(0, sentAt - kioskTime);

/** Whether the doctor wants the running values of `kind` now. */
export const isWatched = (state: VitalsState, kind: MeasurementKind): boolean =>
  state.requested[kind] === true || state.liveView[kind] === true;

/**
 * Applies one data-channel (or relayed) message that arrived at `receivedAt` (console clock).
 * Out-of-order live/pleth messages (lower seq) and running values of a kind nobody watches are
 * dropped; the same measurement twice (channel and relay) counts once.
 */
export function applyVitals(state: VitalsState, message: VitalsMessage, receivedAt = Date.now()): VitalsState {
  switch (message.type) {
    case 'live': {
      const { reading } = message;
      if (message.seq <= state.lastLiveSeq || !isWatched(state, reading.kind)) return state;
      const live = { value: reading, at: consoleTime(reading.at, message.sentAt, receivedAt) };
      return { ...state, lastLiveSeq: message.seq, live: { ...state.live, [reading.kind]: live } };
    }
    case 'pleth': {
      if (message.seq <= state.lastLiveSeq || !isWatched(state, 'oximetry')) return state;
      const pleth = state.pleth.concat(message.chunk.samples);
      return {
        ...state,
        lastLiveSeq: message.seq,
        pleth: pleth.slice(Math.max(0, pleth.length - PLETH_WINDOW)),
        plethCount: state.plethCount + message.chunk.samples.length,
        plethRateHz: message.chunk.rateHz,
      };
    }
    case 'measurement': {
      const { measurement } = message;
      if (state.history.some((m) => m.value.id === measurement.id)) return state;
      const at = consoleTime(Date.parse(measurement.takenAt), message.sentAt, receivedAt);
      return stopWatching(record(state, { value: measurement, at }), measurement.kind, false);
    }
    case 'measurement-failed': {
      const failed = { ...state.failed, [message.kind]: message.failure };
      return stopWatching({ ...state, failed }, message.kind, false);
    }
    case 'devices':
      return { ...state, devices: message.devices };
    default:
      return assertUnreachable(message, 'vitals message');
  }
}

/** The doctor asked for a measurement: its running values are shown until the result comes. */
export function measurementRequested(state: VitalsState, kind: MeasurementKind): VitalsState {
  const failed = { ...state.failed };
  delete failed[kind];
  return { ...state, failed, requested: { ...state.requested, [kind]: true } };
}

/** The request could not be sent (the platform refused it): nothing is awaited any more. */
export function requestFailed(state: VitalsState, kind: MeasurementKind): VitalsState {
  return stopWatching(state, kind, false);
}

/** Opens or closes the live view of a kind (its running values shown without a request). */
export function setLiveView(state: VitalsState, kind: MeasurementKind, open: boolean): VitalsState {
  if (open) return { ...state, liveView: { ...state.liveView, [kind]: true } };
  return stopWatching(state, kind, true);
}

/**
 * A new live channel (the kiosk reloaded and produced a new one): its `seq` starts again from 0.
 */
export const liveChannelOpened = (state: VitalsState): VitalsState => ({ ...state, lastLiveSeq: -1 });

/** Keeps a final measurement in the history and, unless an older one, as the kind's reading of record. */
function record(state: VitalsState, m: Timed<Measurement>): VitalsState {
  const { kind } = m.value;
  const current = state.recorded[kind];
  const history = [...state.history, m].sort((a, b) => Date.parse(a.value.takenAt) - Date.parse(b.value.takenAt));
  const newer = !current || Date.parse(m.value.takenAt) >= Date.parse(current.value.takenAt);
  const failed = { ...state.failed };
  if (newer) delete failed[kind];
  return { ...state, history, failed, recorded: newer ? { ...state.recorded, [kind]: m } : state.recorded };
}

/**
 * Ends the request of `kind` (a result or a failure came, or the request failed), or its live view
 * (`closeView`); its running values and waveform go once nothing watches it any more.
 */
function stopWatching(state: VitalsState, kind: MeasurementKind, closeView: boolean): VitalsState {
  const requested = { ...state.requested };
  const liveView = { ...state.liveView };
  if (closeView) delete liveView[kind];
  else delete requested[kind];
  const next = { ...state, requested, liveView };
  if (isWatched(next, kind)) return next;
  const live = { ...state.live };
  delete live[kind];
  return kind === 'oximetry' ? { ...next, live, pleth: [], plethRateHz: null } : { ...next, live };
}

/** The kiosk's device for a measurement kind, if it has one. */
export function deviceFor(state: VitalsState, kind: MeasurementKind): DeviceStatus | undefined {
  return state.devices.find((d) => d.kind === DEVICE_KIND_FOR[kind]);
}

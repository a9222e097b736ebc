import type { DeviceStatus } from '../../common/devices/device-status';
import type { LiveReading } from '../../common/devices/live-reading';
import type { Measurement } from '../../common/devices/measurement';
import type { MeasurementKind } from '../../common/devices/kinds';
import type { VitalsMessage } from '../../common/signaling/vitals';
import { assertUnreachable } from '../../common/util/assert-unreachable';

/** How many pleth samples the waveform keeps (about 8 s at 75 Hz). */
export const PLETH_WINDOW = 600;

/**
 * What the vitals panel shows, built from the kiosk's data-channel messages (and the measurements
 * and device statuses the accept/rejoin result carries). Pure: `applyVitals` returns a new state.
 */
export interface VitalsState {
  /** Latest running reading per kind (oximeter SpO2/pulse while the finger is in, cuff pressure…). */
  live: Partial<Record<MeasurementKind, LiveReading>>;
  /** Latest recorded measurement per kind. */
  recorded: Partial<Record<MeasurementKind, Measurement>>;
  /** Latest failure code per kind ('finger-out', 'device-unavailable', …), cleared by a new measurement. */
  failed: Partial<Record<MeasurementKind, string>>;
  devices: DeviceStatus[];
  /** The last PLETH_WINDOW samples, 0–100. */
  pleth: number[];
  /** Samples received in total (the canvas uses it to know something new arrived). */
  plethCount: number;
  /** Last `seq` seen on the lossy channel, to drop out-of-order chunks. */
  lastLiveSeq: number;
}

export const emptyVitals = (devices: DeviceStatus[] = [], measurements: Measurement[] = []): VitalsState => {
  const recorded: VitalsState['recorded'] = {};
  for (const m of measurements) recorded[m.kind] = m;
  return { live: {}, recorded, failed: {}, devices, pleth: [], plethCount: 0, lastLiveSeq: -1 };
};

/** Applies one data-channel message. Out-of-order live/pleth messages (lower seq) are dropped. */
export function applyVitals(state: VitalsState, message: VitalsMessage): VitalsState {
  switch (message.type) {
    case 'live':
    case 'pleth': {
      if (message.seq <= state.lastLiveSeq) return state;
      if (message.type === 'live')
        return { ...state, lastLiveSeq: message.seq, live: { ...state.live, [message.reading.kind]: message.reading } };
      const pleth = state.pleth.concat(message.chunk.samples);
      return {
        ...state,
        lastLiveSeq: message.seq,
        pleth: pleth.slice(Math.max(0, pleth.length - PLETH_WINDOW)),
        plethCount: state.plethCount + message.chunk.samples.length,
      };
    }
    case 'measurement': {
      const { kind } = message.measurement;
      const failed = { ...state.failed };
      delete failed[kind];
      return { ...state, failed, recorded: { ...state.recorded, [kind]: message.measurement } };
    }
    case 'measurement-failed':
      return { ...state, failed: { ...state.failed, [message.kind]: message.failure } };
    case 'devices':
      return { ...state, devices: message.devices };
    default:
      return assertUnreachable(message, 'vitals message');
  }
}

const DEVICE_KIND: Record<MeasurementKind, DeviceStatus['kind']> = {
  oximetry: 'oximeter',
  temperature: 'thermometer',
  'blood-pressure': 'blood-pressure',
};

/** The kiosk's device for a measurement kind, if it has one. */
export function deviceFor(state: VitalsState, kind: MeasurementKind): DeviceStatus | undefined {
  return state.devices.find((d) => d.kind === DEVICE_KIND[kind]);
}

/** A device the doctor should not rely on: missing, not connected, or its calibration not valid. */
export function isUnavailable(device: DeviceStatus | undefined): boolean {
  return !device || device.state !== 'connected' || device.calibration !== 'valid';
}

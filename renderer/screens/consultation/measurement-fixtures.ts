import type { MeasurementKind } from '../../../common/devices/kinds';
import type { GuidedMeasurement } from '../../../common/flow/flow-view';
import type { Measurement } from '../../../common/devices/measurement';

const common = {
  flags: [] as Measurement['flags'],
  id: '0b7c6a52-4c1f-4e4b-9a57-2f8a6e9d1c30',
  deviceId: 'sim-1',
  serialNumber: null,
  takenAt: '2026-11-22T10:20:00Z',
  valid: true,
  calibration: 'valid' as const,
};

/** A recorded reading of each kind, for screen tests. */
export function recorded(kind: MeasurementKind): Measurement {
  if (kind === 'temperature')
    return {
      ...common,
      model: 'welch-allyn-suretemp',
      modelName: 'Welch Allyn SureTemp Plus',
      kind,
      celsius: 37.8,
      site: 'forehead',
    };
  if (kind === 'oximetry')
    return {
      ...common,
      model: 'contec-cms50-v7',
      modelName: 'Contec CMS50D+/E/F (protocole V7)',
      kind,
      spo2: 97,
      pulseRate: 72,
      perfusionIndex: null,
    };
  return {
    ...common,
    model: 'omron-hem7322u',
    modelName: 'Omron HEM-7322U (M500 IT)',
    kind,
    systolic: 128,
    diastolic: 82,
    mean: null,
    pulseRate: 70,
  };
}

export function measurement(
  kind: MeasurementKind,
  phase: GuidedMeasurement['phase'],
  extra: Partial<GuidedMeasurement> = {},
): GuidedMeasurement {
  return {
    kind,
    phase,
    secondsLeft: phase === 'resting' ? 240 : null,
    deviceId: 'sim-1',
    live: null,
    result: phase === 'result' ? recorded(kind) : null,
    failure: phase === 'failed' ? 'finger-out' : null,
    ...extra,
  };
}

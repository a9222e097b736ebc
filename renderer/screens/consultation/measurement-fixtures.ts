import type { MeasurementKind } from '../../../common/devices/kinds';
import type { GuidedMeasurement } from '../../../common/flow/flow-view';
import type { Measurement } from '../../../common/devices/measurement';
import { bloodPressure, oximetry, temperature } from '../../../common/records/testing/samples';

const SAMPLES: Record<MeasurementKind, () => Measurement> = {
  temperature,
  oximetry,
  'blood-pressure': bloodPressure,
};

/** A recorded reading of each kind, for screen tests. */
export function recorded(kind: MeasurementKind): Measurement {
  return SAMPLES[kind]();
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

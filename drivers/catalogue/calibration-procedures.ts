/**
 * How a technician checks one kind of device against a reference (PRODUCT.md, field technician):
 * a typed description the calibration wizards will follow, not the wizard itself. Every reading
 * at every point must fall within the tolerance of the reference for the check to pass.
 */
export type CalibrationProcedure =
  | {
      /** Oximeters: an SpO2 simulator (patient simulator) set to each point in turn. */
      readonly method: 'simulator-points';
      readonly points: readonly { readonly spo2: number; readonly pulseRate: number }[];
      readonly tolerance: { readonly spo2: number; readonly pulseRate: number };
    }
  | {
      /** Thermometers: a reference blackbody or water bath held at each temperature. */
      readonly method: 'reference-temperature';
      readonly pointsCelsius: readonly number[];
      readonly toleranceCelsius: number;
    }
  | {
      /** Blood-pressure monitors: static pressures read against a reference manometer. */
      readonly method: 'static-pressure';
      readonly pointsMmHg: readonly number[];
      readonly toleranceMmHg: number;
    }
  | {
      /** Card readers measure nothing: there is nothing to calibrate. */
      readonly method: 'none';
    };

/** The oximeter check: ±2 % SpO2, ±3 bpm across the clinical range. */
export const OXIMETER_CALIBRATION = {
  method: 'simulator-points',
  points: [
    { spo2: 100, pulseRate: 60 },
    { spo2: 95, pulseRate: 80 },
    { spo2: 90, pulseRate: 120 },
    { spo2: 85, pulseRate: 40 },
  ],
  tolerance: { spo2: 2, pulseRate: 3 },
} as const satisfies CalibrationProcedure;

/** The thermometer check: ±0.3 °C around normal, fever and hypothermia. */
export const THERMOMETER_CALIBRATION = {
  method: 'reference-temperature',
  pointsCelsius: [35, 37, 39, 41],
  toleranceCelsius: 0.3,
} as const satisfies CalibrationProcedure;

/** The blood-pressure check: ±3 mmHg from 0 to 250 mmHg. */
export const BLOOD_PRESSURE_CALIBRATION = {
  method: 'static-pressure',
  pointsMmHg: [0, 50, 100, 150, 200, 250],
  toleranceMmHg: 3,
} as const satisfies CalibrationProcedure;

export const NO_CALIBRATION = { method: 'none' } as const satisfies CalibrationProcedure;

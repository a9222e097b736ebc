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
      /** How far the simulator's own reading may be from its setting before it is a typing slip. */
      readonly referenceWindow: { readonly spo2: number; readonly pulseRate: number };
      readonly validityMonths: number;
    }
  | {
      /** Thermometers: a reference blackbody or water bath held at each temperature. */
      readonly method: 'reference-temperature';
      readonly pointsCelsius: readonly number[];
      readonly toleranceCelsius: number;
      /** How far the reference thermometer may read from the bath's point before it is a typing slip. */
      readonly referenceWindowCelsius: number;
      readonly validityMonths: number;
    }
  | {
      /** Blood-pressure monitors: static pressures read against a reference manometer. */
      readonly method: 'static-pressure';
      readonly pointsMmHg: readonly number[];
      readonly toleranceMmHg: number;
      /**
       * Where the cuff's own value comes from. 'check-mode-display': the technician reads it on the
       * cuff's display in the maker's check mode and types it, because no catalogued cuff's USB
       * protocol gives a static pressure (PROTOCOLS.md §2: records only; live cuff pressure is in
       * no public source).
       */
      readonly deviceReading: 'check-mode-display';
      /** The whole mmHg the cuff's display can show: a typed value outside is a typing error. */
      readonly displayRangeMmHg: { readonly min: number; readonly max: number };
      /**
       * How far the reference manometer may read from the point aimed at (mmHg): the technician
       * pumps to each point; a reference further off is a typing error or the wrong point.
       */
      readonly referenceWindowMmHg: number;
      /** The line held at `pressureMmHg` for `holdSeconds` may lose at most `maxDropMmHg` (pro rata). */
      readonly leakTest: { readonly pressureMmHg: number; readonly holdSeconds: number; readonly maxDropMmHg: number };
      /** Months a passed check stays valid (the next one is due then). */
      readonly validityMonths: number;
    }
  | {
      /**
       * Card readers measure nothing; a stethoscope passes sound on unmeasured: nothing to calibrate.
       */
      readonly method: 'none';
    };

/**
 * The oximeter check against a patient simulator: SpO2 80, 90 and 97 % within ±2 %, pulse 60 and
 * 120 bpm within ±3 bpm (issue 19). Each point is one setting of the simulator, held in that order.
 */
export const OXIMETER_CALIBRATION = {
  method: 'simulator-points',
  points: [
    { spo2: 97, pulseRate: 60 },
    { spo2: 90, pulseRate: 120 },
    { spo2: 80, pulseRate: 60 },
  ],
  tolerance: { spo2: 2, pulseRate: 3 },
  referenceWindow: { spo2: 3, pulseRate: 10 },
  validityMonths: 12,
} as const satisfies CalibrationProcedure;

/** The thermometer check: ±0.3 °C against a reference bath around normal, fever and hypothermia. */
export const THERMOMETER_CALIBRATION = {
  method: 'reference-temperature',
  pointsCelsius: [35, 37, 39, 41],
  toleranceCelsius: 0.3,
  // A bath settles within a few tenths of its setting; a whole degree off is the wrong bath or a slip.
  referenceWindowCelsius: 1,
  validityMonths: 12,
} as const satisfies CalibrationProcedure;

/**
 * The blood-pressure check: static cuff pressure within ±3 mmHg of a reference manometer from 0 to
 * 250 mmHg (IEC 80601-2-30 / OIML R16-2 as quoted in PROTOCOLS.md §6), and a leak test: 250 mmHg
 * held 60 s may drop at most 6 mmHg (the NIBP leakage test of a Mindray service manual, the same
 * 6 mmHg/min the OIML figure is quoted with). Yearly, the usual maintenance interval.
 */
export const BLOOD_PRESSURE_CALIBRATION = {
  method: 'static-pressure',
  pointsMmHg: [0, 50, 100, 150, 200, 250],
  toleranceMmHg: 3,
  deviceReading: 'check-mode-display',
  // Omron's displays show 0–299 mmHg.
  displayRangeMmHg: { min: 0, max: 299 },
  referenceWindowMmHg: 15,
  leakTest: { pressureMmHg: 250, holdSeconds: 60, maxDropMmHg: 6 },
  validityMonths: 12,
} as const satisfies CalibrationProcedure;

export const NO_CALIBRATION = { method: 'none' } as const satisfies CalibrationProcedure;

import type { Clock } from '../../../common/util/clock';
import type { DeviceClockFields } from '../../protocols/blood-pressure-frame';

/** One stored reading; `at` is the device clock (ms since the epoch, shown in local time). */
export interface CuffRecord {
  at: number;
  systolic: number;
  diastolic: number;
  pulseRate: number;
}

interface ScenarioSpec {
  /** What the cuff measures when START is pressed; null: the measurement errors (E1…), nothing stored. */
  reading: Omit<CuffRecord, 'at'> | null;
  /** Earlier readings already in memory (days old), so "newest" and "new" are both exercised. */
  history: boolean;
  /** Delay between the host's first attempt while asleep and the patient pressing START (ms). */
  startAfterMs: number;
  /** Unplug (once) after this many input reports following START: mid-download. */
  unplugAfterReports: number | null;
  /**
   * The pressure sensor's error (mmHg): what the cuff shows in its check mode is the applied
   * pressure plus this, and its measurements are off by as much (a drifting transducer shifts
   * both systolic and diastolic). Drives a failing calibration in tests.
   */
  offsetMmHg: number;
  /** The pneumatic system's leak (mmHg lost per minute at 250 mmHg), seen in the leak test. */
  leakMmHgPerMinute: number;
}

const NORMAL = { systolic: 122, diastolic: 78, pulseRate: 68 };
/** A sound cuff: no sensor error, a leak well under the 6 mmHg/min limit. */
const SOUND = { offsetMmHg: 0, leakMmHgPerMinute: 1 };
const DEFAULTS = { history: true, startAfterMs: 1_500, unplugAfterReports: null, ...SOUND };

/** The Omron simulators' scenarios (both models). */
export const OMRON_SCENARIOS = {
  normal: { ...DEFAULTS, reading: NORMAL },
  hypertension: { ...DEFAULTS, reading: { systolic: 168, diastolic: 102, pulseRate: 84 } },
  'cuff-error': { ...DEFAULTS, reading: null },
  'no-record': { ...DEFAULTS, reading: null, history: false },
  'asleep-until-start': { ...DEFAULTS, reading: NORMAL, startAfterMs: 8_000 },
  unplug: { ...DEFAULTS, reading: NORMAL, unplugAfterReports: 4 },
  // Calibration scenarios: a sensor reading 5 mmHg high (fails the ±3 mmHg check), one reading
  // 2 mmHg high (passes it), and a leaking pneumatic system (fails the leak test).
  'offset-plus-5': { ...DEFAULTS, reading: NORMAL, offsetMmHg: 5 },
  'offset-plus-2': { ...DEFAULTS, reading: NORMAL, offsetMmHg: 2 },
  'leak-12': { ...DEFAULTS, reading: NORMAL, leakMmHgPerMinute: 12 },
} as const satisfies Record<string, ScenarioSpec>;
export type OmronScenario = keyof typeof OMRON_SCENARIOS;
export const OMRON_SCENARIO_NAMES = Object.keys(OMRON_SCENARIOS) as OmronScenario[];

const DAY_MS = 86_400_000;

/**
 * The model-independent part of a simulated Omron: its memory and whether it is awake. It sleeps
 * until START is pressed — by the test (`pressStart`) or, with `autoStart`, `startAfterMs` after
 * the host first knocks while it sleeps (the patient following the screen's instruction). Ending
 * a transfer (END / done) puts it back to sleep, as the real ones power off.
 */
export class SimulatedCuff {
  readonly spec: ScenarioSpec;
  /** Oldest first. */
  readonly records: CuffRecord[] = [];
  awake = false;
  /** START presses so far. */
  starts = 0;
  private startTimer: unknown = null;

  constructor(
    readonly scenario: string,
    private readonly clock: Clock,
    private readonly autoStart = true,
  ) {
    const spec = scenarioSpec(scenario);
    this.spec = spec;
    if (spec.history) {
      const now = clock.now();
      this.records.push(
        { at: now - 3 * DAY_MS, systolic: 131, diastolic: 84, pulseRate: 71 },
        { at: now - 2 * DAY_MS, systolic: 127, diastolic: 81, pulseRate: 66 },
        { at: now - DAY_MS, systolic: 125, diastolic: 80, pulseRate: 70 },
      );
    }
  }

  /** The host talked to the device while it sleeps: schedules the patient's START press (once). */
  knockedWhileAsleep(): void {
    if (this.awake || !this.autoStart || this.startTimer !== null) return;
    this.startTimer = this.clock.setTimeout(() => this.pressStart(), this.spec.startAfterMs);
  }

  /** Simulator control: the patient presses START; the cuff measures (instantly here) and wakes. */
  pressStart(): void {
    if (this.startTimer !== null) this.clock.clearTimeout(this.startTimer);
    this.startTimer = null;
    this.starts += 1;
    const reading = this.spec.reading;
    if (reading !== null)
      this.records.push({
        at: this.clock.now(),
        ...reading,
        systolic: reading.systolic + this.spec.offsetMmHg,
        diastolic: reading.diastolic + this.spec.offsetMmHg,
      });
    this.awake = true;
  }

  /** The transfer ended: the device powers off its USB side until the next START. */
  sleep(): void {
    this.awake = false;
  }

  /** Newest first. */
  newestFirst(): CuffRecord[] {
    return [...this.records].reverse();
  }

  stop(): void {
    if (this.startTimer !== null) this.clock.clearTimeout(this.startTimer);
    this.startTimer = null;
  }
}

/**
 * What the simulated cuff's display shows in its check mode (the maker's service mode, where it
 * shows the static pressure in its cuff line instead of measuring) while `appliedMmHg` is held in
 * the line: the technician reads it there and types it, since the USB protocol cannot give it
 * (PROTOCOLS.md §2). The display shows whole mmHg and never below 0.
 */
export function cuffCheckModeDisplay(scenario: string, appliedMmHg: number): number {
  return Math.max(0, Math.round(appliedMmHg + scenarioSpec(scenario).offsetMmHg));
}

/** The line pressure after holding `startMmHg` for `seconds` in the cuff's pneumatic system (the reference manometer's reading). */
export function cuffLinePressureAfter(scenario: string, startMmHg: number, seconds: number): number {
  return Math.round(startMmHg - (scenarioSpec(scenario).leakMmHgPerMinute * seconds) / 60);
}

function scenarioSpec(scenario: string): ScenarioSpec {
  const spec = (OMRON_SCENARIOS as Record<string, ScenarioSpec>)[scenario];
  if (spec === undefined)
    throw new Error(
      `Omron simulator: unknown scenario "${scenario}"; valid scenarios: ${OMRON_SCENARIO_NAMES.join(', ')}`,
    );
  return spec;
}

/** Local clock fields of a record time (the cuff's clock is set to local time). */
export function localFields(at: number): DeviceClockFields {
  const d = new Date(at);
  return {
    year: d.getFullYear(),
    month: d.getMonth() + 1,
    day: d.getDate(),
    hour: d.getHours(),
    minute: d.getMinutes(),
    second: d.getSeconds(),
  };
}

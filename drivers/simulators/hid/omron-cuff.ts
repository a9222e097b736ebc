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
}

const NORMAL = { systolic: 122, diastolic: 78, pulseRate: 68 };

/** The Omron simulators' scenarios (both models). */
export const OMRON_SCENARIOS = {
  normal: { reading: NORMAL, history: true, startAfterMs: 1_500, unplugAfterReports: null },
  hypertension: {
    reading: { systolic: 168, diastolic: 102, pulseRate: 84 },
    history: true,
    startAfterMs: 1_500,
    unplugAfterReports: null,
  },
  'cuff-error': { reading: null, history: true, startAfterMs: 1_500, unplugAfterReports: null },
  'no-record': { reading: null, history: false, startAfterMs: 1_500, unplugAfterReports: null },
  'asleep-until-start': { reading: NORMAL, history: true, startAfterMs: 8_000, unplugAfterReports: null },
  unplug: { reading: NORMAL, history: true, startAfterMs: 1_500, unplugAfterReports: 4 },
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
    const spec = (OMRON_SCENARIOS as Record<string, ScenarioSpec>)[scenario];
    if (spec === undefined)
      throw new Error(
        `Omron simulator: unknown scenario "${scenario}"; valid scenarios: ${OMRON_SCENARIO_NAMES.join(', ')}`,
      );
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
    if (reading !== null) this.records.push({ at: this.clock.now(), ...reading });
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

/** Consultation length assumed until the platform has seen real ones (minutes). */
export const DEFAULT_CONSULTATION_MINUTES = 10;
/** How many recent consultations the estimate looks at. */
export const RECENT_WINDOW = 20;
/** A call that ran past the typical length is still assumed to need this share of it. */
const OVERRUN_FLOOR = 0.1;

export interface WaitInputs {
  /** 1-based place in the queue. */
  position: number;
  /** Doctors signed in to the console right now. */
  doctorsOnline: number;
  /** For each online doctor in a call: seconds since they accepted it. */
  busyElapsedSeconds: readonly number[];
  /** Durations of recent consultations, seconds, most recent last. */
  recentDurationsSeconds: readonly number[];
}

/**
 * Honest estimate of the wait in whole minutes, rounded up. Each online doctor becomes free at
 * some time: now if free, else when their current call reaches the typical length (the median
 * of recent durations, robust to one very long call; a call already past it is given a tenth of
 * it more). Patients ahead take the first free doctor in turn, each for a typical consultation;
 * the estimate is when the patient's own turn comes. With no doctor online it assumes one signs
 * in and is half-way through a call (the screen says nobody is online: doctorsOnline is sent).
 */
export function estimateWaitMinutes(inputs: WaitInputs): number {
  const position = Math.max(1, Math.floor(inputs.position));
  const typical = typicalConsultationMinutes(inputs.recentDurationsSeconds) * 60;
  const busy = inputs.busyElapsedSeconds.slice(0, Math.max(0, inputs.doctorsOnline));
  const free = Math.max(0, inputs.doctorsOnline - busy.length);
  const availability =
    inputs.doctorsOnline <= 0
      ? [typical / 2]
      : [
          ...Array<number>(free).fill(0),
          ...busy.map((elapsed) => Math.max(typical - Math.max(0, elapsed), typical * OVERRUN_FLOOR)),
        ];
  let start = 0;
  for (let turn = 1; turn <= position; turn++) {
    availability.sort((a, b) => a - b);
    start = availability.shift()!;
    availability.push(start + typical);
  }
  return Math.ceil(start / 60);
}

/** Median of the last RECENT_WINDOW durations in minutes, or the default when there are none. */
export function typicalConsultationMinutes(durationsSeconds: readonly number[]): number {
  const recent = durationsSeconds.filter((d) => Number.isFinite(d) && d > 0).slice(-RECENT_WINDOW);
  if (recent.length === 0) return DEFAULT_CONSULTATION_MINUTES;
  const sorted = [...recent].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  const median = sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
  return median / 60;
}

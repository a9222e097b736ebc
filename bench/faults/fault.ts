/** The outcome of one scripted fault run (`npm run faults`). */
export interface FaultResult {
  /** The fault, in words. */
  name: string;
  /** What was injected, and how often. */
  injected: string;
  /** Records (readings, frames, messages) the fault made disappear. */
  lost: number;
  /** Records the fault made appear twice (or out of nothing). */
  duplicated: number;
  /** Anything else the run checked: the process alive, memory bounded, the store quarantined. */
  checks: string;
}

export type Fault = () => Promise<FaultResult>;

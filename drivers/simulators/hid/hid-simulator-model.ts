import type { SimulatedCuff } from './omron-cuff';

/**
 * Byte behaviour of one simulated HID model: no I/O, no timers (the attachment delivers the
 * reports). Its USB ids are the model's, in the device catalogue (drivers/catalogue).
 */
export interface HidSimulatorModel {
  readonly scenarios: readonly string[];
  /** A device session as just enumerated on USB, over the cuff's state (which survives unplugs). */
  create(cuff: SimulatedCuff): HidSimulatorSession;
}

export interface HidSimulatorSession {
  /** An output report the host wrote (hidapi form: report number first); returns the input reports it answers (may be none). */
  write(report: Uint8Array): Uint8Array[];
  /** A feature report the host sent (hidapi form). */
  feature(report: Uint8Array): void;
}

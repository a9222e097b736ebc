import type { Clock } from '../../common/util/clock';
import type { Consultation } from './consultation';

export type Side = 'kiosk' | 'doctor';

/**
 * The wait for a side whose socket dropped: a network cut must not cost the patient their place
 * or their call, but a side that never comes back must not hold the other one for ever.
 */
export class ConnectionGrace {
  constructor(
    private readonly clock: Clock,
    private readonly graceMs: Record<Side, number>,
  ) {}

  /** Starts the wait for `side`; `expired` runs if it has not come back in time. */
  start(c: Consultation, side: Side, expired: () => void): void {
    this.cancel(c, side);
    const handle = this.clock.setTimeout(() => {
      this.set(c, side, null);
      expired();
    }, this.graceMs[side]);
    this.set(c, side, handle);
  }

  /** The side came back (or the consultation ended): stop waiting for it. */
  cancel(c: Consultation, side: Side): void {
    const handle = side === 'kiosk' ? c.kioskGrace : c.doctorGrace;
    if (handle !== null) this.clock.clearTimeout(handle);
    this.set(c, side, null);
  }

  cancelBoth(c: Consultation): void {
    this.cancel(c, 'kiosk');
    this.cancel(c, 'doctor');
  }

  private set(c: Consultation, side: Side, handle: unknown) {
    if (side === 'kiosk') c.kioskGrace = handle;
    else c.doctorGrace = handle;
  }
}

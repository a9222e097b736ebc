import type { HygieneReport } from '../../common/pharmacy/cabin-report';
import { systemClock, type Clock } from '../../common/util/clock';

/** The part of the flow service the report follows. */
export interface HygieneFlow {
  hygieneDue(): boolean;
  onChange(listener: () => void): unknown;
  onSessionClosed(listener: () => void): unknown;
}

/**
 * Whether the hygiene checklist was done after the last patient, and when, for the pharmacist's
 * portal. The flow owns the checklist (a session makes it due, the pharmacist's confirmation clears
 * it); this only notes the times it changed. The last confirmation survives a restart through the
 * kiosk's audit log (the staff service writes it); the last session's end starts again from none.
 */
export class HygieneTracker {
  private confirmedAt: string | null;
  private lastSessionEndedAt: string | null = null;
  private wasDue: boolean;

  constructor(
    private readonly flow: HygieneFlow,
    /** Told when the checklist was just confirmed or fell due (the kiosk beats then). */
    onChanged: () => void,
    private readonly clock: Clock = systemClock,
    /** The last confirmation the kiosk's audit log holds (before this start), or null. */
    lastConfirmedAt: string | null = null,
  ) {
    this.confirmedAt = lastConfirmedAt;
    this.wasDue = flow.hygieneDue();
    flow.onSessionClosed(() => {
      this.lastSessionEndedAt = this.now();
    });
    flow.onChange(() => {
      const due = flow.hygieneDue();
      if (due === this.wasDue) return;
      if (!due) this.confirmedAt = this.now();
      this.wasDue = due;
      onChanged();
    });
  }

  report(): HygieneReport {
    return { due: this.flow.hygieneDue(), confirmedAt: this.confirmedAt, lastSessionEndedAt: this.lastSessionEndedAt };
  }

  private now(): string {
    return new Date(this.clock.now()).toISOString();
  }
}

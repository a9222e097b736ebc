import type { PrinterReport, PrintOutcome } from '../../common/pharmacy/cabin-report';
import type { PrintState } from '../../common/printing/print-state';
import { systemClock, type Clock } from '../../common/util/clock';
import type { IppClient } from './ipp-client';

/**
 * The printer as the pharmacist's portal sees it (through the kiosk's heartbeat): asked for its
 * state and consumables at each beat, with the outcome of the last prescription print. A print that
 * ends (printed, out of paper, failed) is told at once to `onOutcome` (the kiosk beats then, so the
 * portal hears of it in about a second rather than at the next 30 s beat).
 */
export class PrinterReporter {
  private lastPrint: PrinterReport['lastPrint'] = null;
  private readonly listeners = new Set<() => void>();

  constructor(
    private readonly printer: IppClient | null,
    private readonly clock: Clock = systemClock,
  ) {}

  /** Every print state the kiosk emits: the ends are kept and told. */
  printChanged(state: PrintState): void {
    const outcome = endOf(state);
    if (outcome === null) return;
    this.lastPrint = { outcome, at: new Date(this.clock.now()).toISOString() };
    for (const listener of this.listeners) listener();
  }

  onOutcome(listener: () => void): void {
    this.listeners.add(listener);
  }

  /** null when no printer is configured; a printer that does not answer is reported unreachable. */
  async report(): Promise<PrinterReport | null> {
    if (!this.printer) return null;
    try {
      const { reasons, paper, supplies } = await this.withinLimit(this.printer.status());
      return { reachable: true, reasons: reasons.slice(0, 20), paper, supplies, lastPrint: this.lastPrint };
    } catch {
      return { reachable: false, reasons: [], paper: [], supplies: [], lastPrint: this.lastPrint };
    }
  }

  private withinLimit<T>(promise: Promise<T>): Promise<T> {
    let timer: unknown = null;
    const limit = new Promise<never>((_, reject) => {
      timer = this.clock.setTimeout(() => reject(new Error('the printer did not answer in time')), STATUS_LIMIT_MS);
    });
    return Promise.race([promise, limit]).finally(() => this.clock.clearTimeout(timer));
  }
}

/** A printer silent this long is reported unreachable: the heartbeat it rides on is not held up. */
const STATUS_LIMIT_MS = 3000;

function endOf(state: PrintState): PrintOutcome | null {
  switch (state.status) {
    case 'printed':
    case 'no-paper':
    case 'failed':
      return state.status;
    case 'unavailable':
    case 'idle':
    case 'printing':
      return null;
  }
}

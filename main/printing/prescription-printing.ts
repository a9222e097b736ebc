import type { PrintState } from '../../common/printing/print-state';
import { systemClock, type Clock } from '../../common/util/clock';
import { createLogger } from '../../common/util/logger';
import type { IppClient } from './ipp-client';
import { followJob } from './print-job';

const log = createLogger('kiosk:main:printing');

export interface PrescriptionPrintingOptions {
  /** The configured printer, or null: no printing is offered. */
  printer: IppClient | null;
  /** The current session's prescription number, or null when there is none. */
  currentNumber(): Promise<string | null>;
  /** The signed PDF of a prescription (from the platform). */
  document(number: string): Promise<Buffer>;
  emit(state: PrintState): void;
  clock?: Clock;
  /** Get-Job-Attributes every this often while the job runs. Default 500 ms. */
  pollMs?: number;
  /** A job not finished after this long is reported failed. Default 120 s. */
  jobTimeoutMs?: number;
}

/**
 * Prints the current prescription at the kiosk and follows the job to its end: the end screen says
 * "printed" only once the printer reported the job completed. The PDF is kept for the session's
 * prescription so that a reprint (after paper was added) needs nothing from the platform.
 */
export class PrescriptionPrinting {
  private current: PrintState;
  private kept: { number: string; pdf: Buffer } | null = null;
  private running: Promise<void> | null = null;
  private closed = false;
  private readonly clock: Clock;

  constructor(private readonly options: PrescriptionPrintingOptions) {
    this.clock = options.clock ?? systemClock;
    this.current = { status: options.printer ? 'idle' : 'unavailable', number: null, problem: null };
  }

  /** The state for the current prescription (idle again once the session's prescription changed). */
  async state(): Promise<PrintState> {
    const number = await this.options.currentNumber();
    if (number !== this.current.number && this.running === null)
      this.set({ status: this.base(), number, problem: null });
    return this.current;
  }

  /** Prints (or reprints) the current prescription; answers at once with the state, then emits each change. */
  async print(): Promise<PrintState> {
    const number = await this.options.currentNumber();
    const printer = this.options.printer;
    if (!printer || number === null || this.running !== null) return this.state();
    this.set({ status: 'printing', number, problem: null });
    this.running = this.run(printer, number).finally(() => (this.running = null));
    return this.current;
  }

  /** Waits for the job under way (tests, shutdown). */
  async settled(): Promise<void> {
    await this.running;
  }

  close(): void {
    this.closed = true;
  }

  private async run(printer: IppClient, number: string): Promise<void> {
    try {
      const pdf = await this.pdfOf(number);
      const jobId = await printer.printPdf(pdf, number);
      const outcome = await this.follow(printer, jobId);
      this.set({ status: outcome.status, number, problem: outcome.problem });
    } catch (error) {
      this.set({ status: 'failed', number, problem: (error as Error).message.slice(0, 300) });
    }
    if (this.current.status !== 'printed')
      log.warn(`prescription not printed: ${this.current.status} (${this.current.problem})`);
  }

  private async pdfOf(number: string): Promise<Buffer> {
    if (this.kept?.number !== number) this.kept = { number, pdf: await this.options.document(number) };
    return this.kept.pdf;
  }

  private follow(printer: IppClient, jobId: number): Promise<Pick<PrintState, 'status' | 'problem'>> {
    return followJob(printer, jobId, {
      clock: this.clock,
      pollMs: this.options.pollMs ?? 500,
      jobTimeoutMs: this.options.jobTimeoutMs ?? 120_000,
      closed: () => this.closed,
    });
  }

  private base(): PrintState['status'] {
    return this.options.printer ? 'idle' : 'unavailable';
  }

  private set(state: PrintState): void {
    this.current = state;
    this.options.emit(state);
  }
}

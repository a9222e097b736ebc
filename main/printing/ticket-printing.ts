import type { PaperFormat } from '../../common/printing/print-state';
import type { AppointmentTicket } from '../../common/routing/appointments';
import type { TicketPrint } from '../../common/flow/appointment-view';
import { systemClock, type Clock } from '../../common/util/clock';
import { createLogger } from '../../common/util/logger';
import type { IppClient } from './ipp-client';
import { followJob } from './print-job';
import { ticketPdf } from './ticket-document';

const log = createLogger('kiosk:main:printing');

/**
 * Prints a booking's ticket on the cabin's printer (the prescription's IPP path) and says how it
 * went: `printed` only once the printer reported the job completed; otherwise `no-paper` or
 * `failed`, and the screen tells the patient to photograph the ticket or ask the pharmacist.
 */
export class TicketPrinting {
  private closed = false;

  constructor(
    private readonly printer: IppClient,
    private readonly paper: PaperFormat,
    private readonly options: { clock?: Clock; pollMs?: number; jobTimeoutMs?: number } = {},
  ) {}

  async print(ticket: AppointmentTicket): Promise<Exclude<TicketPrint, 'printing' | 'unavailable'>> {
    try {
      const jobId = await this.printer.printPdf(await ticketPdf(ticket, this.paper), 'rendez-vous');
      const outcome = await followJob(this.printer, jobId, {
        clock: this.options.clock ?? systemClock,
        pollMs: this.options.pollMs ?? 500,
        // A ticket is one page: a printer that has not finished it in a minute is not going to.
        jobTimeoutMs: this.options.jobTimeoutMs ?? 60_000,
        closed: () => this.closed,
      });
      if (outcome.status !== 'printed') log.warn(`ticket not printed: ${outcome.status} (${outcome.problem})`);
      return outcome.status === 'printed' || outcome.status === 'no-paper' ? outcome.status : 'failed';
    } catch (error) {
      log.warn(`ticket not printed: ${(error as Error).message.slice(0, 300)}`);
      return 'failed';
    }
  }

  close(): void {
    this.closed = true;
  }
}

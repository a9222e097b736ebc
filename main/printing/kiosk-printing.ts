import type { KioskHandlers } from '../../common/ipc/contract';
import type { Prescription } from '../../common/consultation/prescription';
import type { AppointmentTicket } from '../../common/routing/appointments';
import type { KioskConfig } from '../../kiosk-config/schema';
import type { KioskEventHub } from '../ipc/event-hub';
import type { PlatformCredential } from '../platform-credential';
import { IppClient } from './ipp-client';
import { prescriptionDocument } from './prescription-document';
import { prescriptionEmail } from './prescription-email';
import { PrescriptionPrinting } from './prescription-printing';
import { PrinterReporter } from './printer-report';
import { TicketPrinting } from './ticket-printing';

/**
 * The kiosk's printing as the screens reach it: the configured IPP printer (none: printing is not
 * offered), the PDF the platform signs for this kiosk, and the state pushed on onPrintChanged; the
 * document's link e-mailed by the platform; and a booking's ticket (issue 17).
 */
export function kioskPrinting(
  config: KioskConfig,
  credential: PlatformCredential,
  fetch: typeof globalThis.fetch,
  events: KioskEventHub,
  currentPrescription: () => Prescription | null,
) {
  const printer = config.printer ? new IppClient(config.printer.uri) : null;
  // The printer's state, consumables and last outcome for the pharmacist's portal (the heartbeat).
  const reporter = new PrinterReporter(printer);
  const printing = new PrescriptionPrinting({
    printer,
    currentNumber: async () => currentPrescription()?.number ?? null,
    document: prescriptionDocument({
      platformUrl: config.platform.url,
      credential: () => credential.require(),
      fetch,
      paper: config.printer?.paper ?? 'a4',
    }),
    emit: (state) => {
      events.emit('onPrintChanged', state);
      reporter.printChanged(state);
    },
  });
  const email = prescriptionEmail({ platformUrl: config.platform.url, credential: () => credential.require(), fetch });
  const handlers: Pick<KioskHandlers, 'getPrintState' | 'printPrescription' | 'emailPrescription'> = {
    getPrintState: () => printing.state(),
    printPrescription: () => printing.print(),
    // The session's own prescription only: the screen names no number.
    emailPrescription: async ({ address }) => {
      const number = currentPrescription()?.number;
      return { status: number ? await email(number, address) : 'unavailable' };
    },
  };
  // The booking's ticket (issue 17) on the same printer, on the same paper.
  const tickets = printer ? new TicketPrinting(printer, config.printer?.paper ?? 'a4') : null;
  const printTicket = tickets ? (ticket: AppointmentTicket) => tickets.print(ticket) : null;
  const close = () => {
    printing.close();
    tickets?.close();
  };
  return { handlers, reporter, printTicket, close };
}

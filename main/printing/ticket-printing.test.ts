import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, expect, it } from 'vitest';
import { requireStack } from '../../common/util/testing/require-stack';
import { IppClient } from './ipp-client';
import { TicketPrinting } from './ticket-printing';
import { freePort, startIppTestPrinter } from './testing/ipp-test-printer';

const dir = mkdtempSync(join(tmpdir(), 'kiosk-ticket-print-'));
const stack = await requireStack('ippeveprinter (cups-ipp-utils)', () => startIppTestPrinter(dir), {
  stop: (printer) => printer.stop(),
});
afterAll(async () => {
  if (stack.missing === null) await stack.value.stop();
  rmSync(dir, { recursive: true, force: true });
});

const TICKET = {
  appointmentId: 'a1',
  doctorName: 'Dr Claire Rendez-Vous',
  startsAt: '2026-12-07T14:00:00.000Z',
  token: 'eyJhcHBvaW50bWVudCJ9.signature-of-the-platform',
  code: 'KM4RTX',
};

stack.describe('the booking ticket on a real IPP printer (issue 17)', () => {
  it('is printed, and said printed once the job completed', async () => {
    const printer = stack.value;
    const before = printer.printed().length;
    const started = Date.now();
    const outcome = await new TicketPrinting(new IppClient(printer.uri), 'receipt-80mm', { pollMs: 50 }).print(TICKET);
    console.log(`ticket printed in ${Date.now() - started} ms`);
    expect(outcome).toBe('printed');
    const paper = printer.printed().slice(before);
    expect(paper).toHaveLength(1);
    // What the paper says is read back in e2e/appointments/card-check-in.e2e.ts (the PDF reader is the platform's).
    expect(paper[0]!.subarray(0, 5).toString()).toBe('%PDF-');
  });

  it('out of paper: no-paper, the job cancelled rather than left to come out later', async () => {
    const printer = stack.value;
    await printer.outOfPaper(true);
    try {
      const outcome = await new TicketPrinting(new IppClient(printer.uri), 'a4', { pollMs: 50 }).print(TICKET);
      expect(outcome).toBe('no-paper');
    } finally {
      await printer.outOfPaper(false);
    }
  });
});

it('a printer that does not answer: failed (the screen says to photograph the ticket)', async () => {
  const unreachable = new IppClient(`ipp://127.0.0.1:${await freePort()}/ipp/print`);
  expect(await new TicketPrinting(unreachable, 'a4').print(TICKET)).toBe('failed');
});

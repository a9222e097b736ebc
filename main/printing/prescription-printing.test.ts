import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, expect, it } from 'vitest';
import type { PrintState } from '../../common/printing/print-state';
import { sleep, systemClock } from '../../common/util/clock';
import { requireStack } from '../../common/util/testing/require-stack';
import { IppClient } from './ipp-client';
import { outcomeOf } from './print-job';
import { PrescriptionPrinting } from './prescription-printing';
import { freePort, startIppTestPrinter } from './testing/ipp-test-printer';

const dir = mkdtempSync(join(tmpdir(), 'kiosk-print-'));
const stack = await requireStack('ippeveprinter (cups-ipp-utils)', () => startIppTestPrinter(dir), {
  stop: (printer) => printer.stop(),
});
afterAll(async () => {
  if (stack.missing === null) await stack.value.stop();
  rmSync(dir, { recursive: true, force: true });
});

const PDF = Buffer.from('%PDF-1.4\n% RX-2026-000001-3\n%%EOF\n');

function printing(printer: IppClient | null, number: string | null = 'RX-2026-000001-3') {
  const states: PrintState[] = [];
  let fetched = 0;
  const service = new PrescriptionPrinting({
    printer,
    currentNumber: async () => number,
    document: async () => {
      fetched++;
      return PDF;
    },
    emit: (state) => states.push(state),
    pollMs: 50,
  });
  return { service, states, fetched: () => fetched };
}

stack.describe('printing the prescription on a real IPP printer', () => {
  it('says printed only once the printer reported the job completed', async () => {
    const printer = stack.value;
    printer.hold(true);
    const { service, states } = printing(new IppClient(printer.uri));
    expect((await service.print()).status).toBe('printing');
    await sleep(systemClock, 600); // the job is held in the printer's command: still printing
    expect((await service.state()).status).toBe('printing');
    printer.hold(false);
    await service.settled();
    expect(states.map((s) => s.status)).toEqual(['printing', 'printed']);
    expect(printer.printed().at(-1)).toEqual(PDF);
  });

  it('out of paper: says so, keeps the document, and a reprint after refilling prints it', async () => {
    const printer = stack.value;
    await printer.outOfPaper(true);
    const { service, states, fetched } = printing(new IppClient(printer.uri));
    const before = printer.printed().length;
    await service.print();
    await service.settled();
    expect(states.at(-1)).toMatchObject({ status: 'no-paper', number: 'RX-2026-000001-3' });
    await printer.outOfPaper(false);
    await service.print();
    await service.settled();
    expect(
      states.map((s) => s.status),
      JSON.stringify(states),
    ).toEqual(['printing', 'no-paper', 'printing', 'printed']);
    expect(printer.printed().length).toBeGreaterThan(before);
    expect(printer.printed().at(-1)).toEqual(PDF);
    expect(fetched()).toBe(1); // the kept document, not fetched again
  });
});

it('a printer that does not answer: failed, naming it', async () => {
  const { service, states } = printing(new IppClient(`ipp://127.0.0.1:${await freePort()}/ipp/print`));
  await service.print();
  await service.settled();
  expect(states.at(-1)?.status).toBe('failed');
  expect(states.at(-1)?.problem).toMatch(/cannot be reached/);
});

it('a document the platform refuses: failed, nothing sent', async () => {
  const service = new PrescriptionPrinting({
    printer: new IppClient(`ipp://127.0.0.1:${await freePort()}/ipp/print`),
    currentNumber: async () => 'RX-2026-000001-3',
    document: () => Promise.reject(new Error("the platform refused the prescription's PDF (HTTP 403)")),
    emit: () => undefined,
  });
  await service.print();
  await service.settled();
  expect(await service.state()).toMatchObject({ status: 'failed', problem: expect.stringMatching(/HTTP 403/) });
});

it('without a printer nothing is offered; without a prescription nothing is printed', async () => {
  const none = printing(null);
  expect((await none.service.print()).status).toBe('unavailable');
  const noRx = printing(new IppClient('ipp://127.0.0.1:9/ipp/print'), null);
  expect((await noRx.service.print()).status).toBe('idle');
  expect(noRx.fetched()).toBe(0);
});

it('reads out of paper from the printer reasons whatever their severity, and other jobs under way as such', () => {
  const held = {
    state: 'processing',
    jobReasons: ['job-printing'],
    printerReasons: ['media-empty-warning', 'media-needed-warning'],
  };
  expect(outcomeOf(held)).toBe('no-paper');
  expect(outcomeOf({ ...held, printerReasons: ['media-empty-error'] })).toBe('no-paper');
  expect(outcomeOf({ ...held, printerReasons: ['none'] })).toBeNull();
  expect(outcomeOf({ state: 'aborted', jobReasons: [], printerReasons: ['none'] })).toBe('failed');
  expect(outcomeOf({ state: 'completed', jobReasons: [], printerReasons: ['media-empty-report'] })).toBe('printed');
});

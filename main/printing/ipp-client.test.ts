import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, expect, it } from 'vitest';
import { sleep, systemClock } from '../../common/util/clock';
import { requireStack } from '../../common/util/testing/require-stack';
import { IppClient, type JobReport } from './ipp-client';
import { freePort, startIppTestPrinter } from './testing/ipp-test-printer';
import { PrinterReporter } from './printer-report';
import { printFailureOf } from '../../common/pharmacy/cabin-report';

const dir = mkdtempSync(join(tmpdir(), 'kiosk-ipp-'));
const stack = await requireStack('ippeveprinter (cups-ipp-utils)', () => startIppTestPrinter(dir), {
  stop: (printer) => printer.stop(),
});
afterAll(async () => {
  if (stack.missing === null) await stack.value.stop();
  rmSync(dir, { recursive: true, force: true });
});

async function finished(client: IppClient, jobId: number): Promise<JobReport> {
  for (;;) {
    const report = await client.report(jobId);
    if (['completed', 'aborted', 'canceled'].includes(report.state)) return report;
    await sleep(systemClock, 100);
  }
}

stack.describe('IppClient against a real IPP printer (ippeveprinter)', () => {
  it('sends a PDF with Print-Job and reads it completed with Get-Job-Attributes; the paper holds those bytes', async () => {
    const printer = stack.value;
    const client = new IppClient(printer.uri);
    const pdf = Buffer.from('%PDF-1.4\n% kiosk ipp test\n%%EOF\n');
    const jobId = await client.printPdf(pdf, 'test');
    const report = await finished(client, jobId);
    expect(report.state).toBe('completed');
    expect(printer.printed().at(-1)).toEqual(pdf);
  });

  it('reads a printer out of paper (media-empty among its reasons) and cancels the job it holds', async () => {
    const printer = stack.value;
    await printer.outOfPaper(true);
    try {
      const client = new IppClient(printer.uri);
      const jobId = await client.printPdf(Buffer.from('%PDF-1.4\n%%EOF\n'), 'test');
      const report = await client.report(jobId);
      expect(report.state).not.toBe('completed');
      expect(report.printerReasons.some((r) => r.startsWith('media-empty'))).toBe(true);
      await client.cancel(jobId);
      await printer.outOfPaper(false);
      expect((await finished(client, jobId)).state).toBe('canceled');
      expect(await client.printerReasons()).toEqual(['none']);
      // (ippeveprinter still runs a job cancelled while it waited for paper; CUPS does not.)
    } finally {
      await printer.outOfPaper(false);
    }
  });

  it("reports the paper per tray and the supplies as the printer gives them, for the pharmacist's portal", async () => {
    const printer = stack.value;
    const client = new IppClient(printer.uri);
    await printer.outOfPaper(false);
    // ippeveprinter's trays (main, by-pass; "auto" and the one-sheet manual feed left out) and its toner.
    expect(await client.status()).toEqual({
      reasons: [],
      paper: [
        { name: 'main', levelPercent: 100 },
        { name: 'by-pass-tray', levelPercent: 100 },
      ],
      supplies: [{ name: 'Black Toner', levelPercent: 75 }],
    });
    await printer.outOfPaper(true);
    try {
      const empty = await client.status();
      expect(empty.paper.map((t) => t.levelPercent)).toEqual([0, 0]);
      expect(empty.reasons.some((r) => r.startsWith('media-empty'))).toBe(true);
    } finally {
      await printer.outOfPaper(false);
    }
  });

  it('tells the portal of each end of a print, and calls the printer unreachable when it does not answer', async () => {
    const reporter = new PrinterReporter(new IppClient(stack.value.uri));
    let told = 0;
    reporter.onOutcome(() => told++);
    reporter.printChanged({ status: 'printing', number: 'RX-1', problem: null });
    expect(told).toBe(0);
    reporter.printChanged({ status: 'no-paper', number: 'RX-1', problem: 'media-empty' });
    expect(told).toBe(1);
    const report = (await reporter.report())!;
    expect(report).toMatchObject({ reachable: true, lastPrint: { outcome: 'no-paper' } });
    expect(printFailureOf(report)).toBe('no-paper');
    reporter.printChanged({ status: 'printed', number: 'RX-1', problem: null });
    expect(printFailureOf((await reporter.report())!)).toBeNull();
    const gone = new PrinterReporter(new IppClient(`ipp://127.0.0.1:${await freePort()}/ipp/print`));
    const missing = (await gone.report())!;
    expect(missing).toEqual({ reachable: false, reasons: [], paper: [], supplies: [], lastPrint: null });
    expect(printFailureOf(missing)).toBe('missing');
    expect(await new PrinterReporter(null).report()).toBeNull();
  });
});

it('names the printer it cannot reach', async () => {
  const client = new IppClient(`ipp://127.0.0.1:${await freePort()}/ipp/print`);
  await expect(client.printPdf(Buffer.from('%PDF-1.4\n'), 'x')).rejects.toThrow(/cannot be reached/);
});

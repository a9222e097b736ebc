import ipp, { type IppAttributes, type IppMessage, type IppResponse } from 'ipp';
import type { PaperTray, PrinterSupply } from '../../common/pharmacy/cabin-report';
import { sleep, systemClock, type Clock } from '../../common/util/clock';

/** What the printer said of a job (Get-Job-Attributes) and of itself (printer-state-reasons). */
export interface JobReport {
  /** IPP job-state keyword: pending, pending-held, processing, processing-stopped, canceled, aborted, completed. */
  state: string;
  jobReasons: string[];
  printerReasons: string[];
}

/** IPP job-state enum values (RFC 8011 §5.3.7). */
const JOB_STATES: Record<number, string> = {
  3: 'pending',
  4: 'pending-held',
  5: 'processing',
  6: 'processing-stopped',
  7: 'canceled',
  8: 'aborted',
  9: 'completed',
};

/** A printer busy with another job is asked again for this long. */
const BUSY_RETRY_MS = 30_000;

class BusyPrinter extends Error {}

/** A printer answers within this, or the request fails (the `ipp` package sets no timeout of its own). */
const REQUEST_TIMEOUT_MS = 10_000;

/**
 * The kiosk's few IPP operations on one printer (CUPS queue or IPP Everywhere printer):
 * Print-Job of a PDF, Get-Job-Attributes and the printer's state reasons.
 */
export class IppClient {
  private readonly printer;

  constructor(
    readonly uri: string,
    private readonly clock: Clock = systemClock,
  ) {
    this.printer = ipp.Printer(uri);
  }

  /**
   * Sends the PDF; resolves with the job id the printer gave it. A printer still finishing another
   * job answers server-error-busy: asked again each second, up to BUSY_RETRY_MS.
   */
  async printPdf(pdf: Buffer, jobName: string): Promise<number> {
    const deadline = this.clock.now() + BUSY_RETRY_MS;
    for (;;) {
      try {
        return await this.printOnce(pdf, jobName);
      } catch (error) {
        if (!(error instanceof BusyPrinter) || this.clock.now() >= deadline) throw error;
        await sleep(this.clock, 1000);
      }
    }
  }

  private async printOnce(pdf: Buffer, jobName: string): Promise<number> {
    const response = await this.execute('Print-Job', {
      'operation-attributes-tag': {
        'requesting-user-name': 'kiosk',
        'job-name': jobName,
        'document-format': 'application/pdf',
      },
      data: pdf,
    });
    const jobId = response['job-attributes-tag']?.['job-id'];
    if (typeof jobId !== 'number') throw new Error('the printer accepted the job but gave no job-id');
    return jobId;
  }

  /** The job's state and reasons, with the printer's reasons (out of paper shows there). */
  async report(jobId: number): Promise<JobReport> {
    const job = await this.execute('Get-Job-Attributes', {
      'operation-attributes-tag': {
        'job-id': jobId,
        'requested-attributes': ['job-state', 'job-state-reasons'],
      },
    });
    const attributes = job['job-attributes-tag'] ?? {};
    const printerReasons = await this.printerReasons();
    return {
      state: jobState(attributes['job-state']),
      jobReasons: keywords(attributes['job-state-reasons']),
      printerReasons,
    };
  }

  /** Cancels a job (one held for paper), so that it does not come out later beside a reprint. */
  async cancel(jobId: number): Promise<void> {
    await this.execute('Cancel-Job', {
      'operation-attributes-tag': { 'job-id': jobId, 'requesting-user-name': 'kiosk' },
    });
  }

  /**
   * The printer's state reasons and consumables, as the pharmacist's portal shows them: paper per
   * tray (`printer-input-tray`, PWG 5100.13) and supplies (`printer-supply` with its descriptions,
   * or a CUPS queue's `marker-names`/`marker-levels`).
   */
  async status(): Promise<{ reasons: string[]; paper: PaperTray[]; supplies: PrinterSupply[] }> {
    const printer = await this.execute('Get-Printer-Attributes', {
      'operation-attributes-tag': { 'requested-attributes': [...STATUS_ATTRIBUTES] },
    });
    const a = printer['printer-attributes-tag'] ?? {};
    return {
      reasons: keywords(a['printer-state-reasons']).filter((r) => r !== 'none'),
      paper: paperTrays(keywords(a['printer-input-tray'])),
      supplies: suppliesOf(a),
    };
  }

  async printerReasons(): Promise<string[]> {
    const printer = await this.execute('Get-Printer-Attributes', {
      'operation-attributes-tag': { 'requested-attributes': ['printer-state', 'printer-state-reasons'] },
    });
    return keywords(printer['printer-attributes-tag']?.['printer-state-reasons']);
  }

  private execute(operation: string, message: IppMessage): Promise<IppResponse> {
    return new Promise<IppResponse>((resolve, reject) => {
      const timer = this.clock.setTimeout(
        () =>
          reject(
            new Error(`the printer at ${this.uri} did not answer ${operation} within ${REQUEST_TIMEOUT_MS / 1000} s`),
          ),
        REQUEST_TIMEOUT_MS,
      );
      this.printer.execute(operation, message, (error, response) => {
        this.clock.clearTimeout(timer);
        if (error) reject(new Error(`the printer at ${this.uri} cannot be reached: ${error.message}`));
        else if (response.statusCode === 'server-error-busy')
          reject(new BusyPrinter(`the printer at ${this.uri} stayed busy`));
        else if (!response.statusCode.startsWith('successful-ok'))
          reject(new Error(`the printer refused ${operation}: ${response.statusCode}`));
        else resolve(response);
      });
    });
  }
}

const STATUS_ATTRIBUTES = [
  'printer-state-reasons',
  'printer-input-tray',
  'printer-supply',
  'printer-supply-description',
  'marker-names',
  'marker-levels',
] as const;

/** `key=value;…` (printer-input-tray, printer-supply) as a map. */
function fields(text: string): Map<string, string> {
  return new Map(
    text
      .split(';')
      .filter(Boolean)
      .map((pair) => [pair.slice(0, pair.indexOf('=')), pair.slice(pair.indexOf('=') + 1)] as const),
  );
}

/** A level out of a capacity as a percentage; null when either is unknown (negative: -2 unknown, -3 "some"). */
function percent(level: number, max: number): number | null {
  if (!(level >= 0) || !(max > 0)) return null;
  return Math.max(0, Math.min(100, Math.round((level * 100) / max)));
}

/** The trays holding paper (the "auto" pseudo-tray and the one-sheet manual feed are left out). */
function paperTrays(trays: string[]): PaperTray[] {
  return trays
    .map(fields)
    .filter((t) => t.get('name') !== 'auto' && t.get('type') !== 'sheetFeedManual' && Number(t.get('maxcapacity')) > 0)
    .slice(0, 8)
    .map((t) => ({
      name: (t.get('name') ?? 'tray').slice(0, 40),
      levelPercent: percent(Number(t.get('level')), Number(t.get('maxcapacity'))),
    }));
}

function suppliesOf(a: IppAttributes): PrinterSupply[] {
  const supplies = keywords(a['printer-supply']);
  const descriptions = keywords(a['printer-supply-description']);
  if (supplies.length > 0)
    return (
      supplies
        .map((text, i) => ({ f: fields(text), description: descriptions[i] }))
        // What is left to use up (toner, ink); a waste receptacle's level counts up, so it would read wrong.
        .filter(({ f }) => f.get('class') !== 'receptacleThatIsFilled')
        .slice(0, 8)
        .map(({ f, description }) => ({
          name: (description ?? f.get('type') ?? 'supply').slice(0, 80),
          levelPercent:
            f.get('unit') === 'percent' ? percent(Number(f.get('level')), Number(f.get('maxcapacity')) || 100) : null,
        }))
    );
  const names = keywords(a['marker-names']);
  const levels = Array.isArray(a['marker-levels']) ? a['marker-levels'] : [a['marker-levels']];
  return names.slice(0, 8).map((name, i) => ({
    name: name.slice(0, 80),
    levelPercent: typeof levels[i] === 'number' ? percent(levels[i], 100) : null,
  }));
}

function jobState(value: IppAttributes[string]): string {
  if (typeof value === 'string') return value;
  if (typeof value === 'number') return JOB_STATES[value] ?? `unknown-${value}`;
  return 'unknown';
}

function keywords(value: unknown): string[] {
  if (Array.isArray(value)) return value.filter((v): v is string => typeof v === 'string');
  return typeof value === 'string' ? [value] : [];
}

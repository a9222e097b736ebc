import type { PrintState } from '../../common/printing/print-state';
import { sleep, type Clock } from '../../common/util/clock';
import type { IppClient, JobReport } from './ipp-client';

/** A printer reason, without its severity suffix (RFC 8011 §5.4.12: -report, -warning, -error). */
const reasonOf = (keyword: string) => keyword.replace(/-(report|warning|error)$/, '');
const OUT_OF_PAPER = new Set(['media-empty', 'media-needed']);

/**
 * What a report means for the patient, or null while the job is still under way. A printer out of
 * paper holds the job (CUPS and IPP Everywhere printers wait for paper): that is reported at once.
 */
export function outcomeOf(report: JobReport): 'printed' | 'no-paper' | 'failed' | null {
  if (report.state === 'completed') return 'printed';
  if (report.printerReasons.some((r) => OUT_OF_PAPER.has(reasonOf(r)))) return 'no-paper';
  if (report.state === 'aborted' || report.state === 'canceled') return 'failed';
  return null;
}

export interface FollowOptions {
  clock: Clock;
  /** Get-Job-Attributes every this often while the job runs. */
  pollMs: number;
  /** A job not finished after this long is reported failed. */
  jobTimeoutMs: number;
  /** True once the owner shut down (stop asking the printer). */
  closed(): boolean;
}

export type JobOutcome = Pick<PrintState, 'status' | 'problem'>;

/**
 * Follows a job the printer accepted to its end: printed only once the printer reported it
 * completed; a job held for paper is cancelled (it would come out later beside a reprint).
 */
export async function followJob(printer: IppClient, jobId: number, options: FollowOptions): Promise<JobOutcome> {
  const deadline = options.clock.now() + options.jobTimeoutMs;
  while (!options.closed() && options.clock.now() < deadline) {
    const report = await printer.report(jobId);
    const outcome = outcomeOf(report);
    if (outcome === 'printed') return { status: 'printed', problem: null };
    if (outcome === 'no-paper') {
      await printer.cancel(jobId).catch(() => undefined);
      return { status: 'no-paper', problem: `printer reasons: ${report.printerReasons.join(', ')}` };
    }
    if (outcome === 'failed')
      return { status: 'failed', problem: `job ${report.state}: ${report.jobReasons.join(', ') || 'no reason given'}` };
    await sleep(options.clock, options.pollMs);
  }
  return { status: 'failed', problem: `job ${jobId} not finished in time (the printer may have stopped)` };
}

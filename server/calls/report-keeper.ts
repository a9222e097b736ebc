import type { PatientIdentity } from '../../common/identity/identity';
import type { ConsultationReport } from '../../common/signaling/messages';
import { createLogger } from '../../common/util/logger';

const log = createLogger('platform:reports');

/** Stores a report with its billing row; rejects (or throws) when the store refuses it. */
export type StoreReport = (report: ConsultationReport, identity: PatientIdentity | null) => void | Promise<void>;

/**
 * Stores consultations' reports. A doctor's own end of the call stores the report first and fails
 * when the store refuses it (the call stays open, the console keeps the notes, the doctor retries).
 * A call that ended without the doctor (kiosk gone, media lost) cannot stay open: its report is
 * kept in memory until stored, retried at each later store and on `retry()`, so a passing failure
 * loses nothing. Stores are asynchronous (PostgreSQL): a report counts as pending until stored.
 */
export class ReportKeeper {
  /** With the patient's identity: the billing row written with the report needs its NIR. */
  private readonly unstored = new Map<string, { report: ConsultationReport; identity: PatientIdentity | null }>();
  /** The stores under way, one after another: a report is never written twice at once. */
  private tail: Promise<void> = Promise.resolve();

  constructor(private readonly store: StoreReport) {}

  /** Stores it now or rejects. */
  async storeNow(report: ConsultationReport, identity: PatientIdentity | null): Promise<void> {
    await this.store(report, identity);
    void this.retry();
  }

  /** Stores it, or keeps it to retry when the store refuses it now; pending meanwhile. */
  storeOrKeep(report: ConsultationReport, identity: PatientIdentity | null): void {
    this.unstored.set(report.consultationId, { report, identity });
    this.tail = this.tail
      .then(() => this.attempt(report.consultationId))
      .then(
        () => this.retryAll(),
        (error: Error) =>
          log.error(
            `consultation ${report.consultationId}: report not stored, kept in memory to retry: ${error.message}`,
          ),
      );
  }

  /** Stores the reports an earlier failure left in memory, after the stores under way; those still refused stay. */
  retry(): Promise<void> {
    this.tail = this.tail.then(() => this.retryAll());
    return this.tail;
  }

  private async retryAll(): Promise<void> {
    for (const id of [...this.unstored.keys()]) {
      try {
        await this.attempt(id);
      } catch {
        return;
      }
      log.info(`consultation ${id}: report stored on retry`);
    }
  }

  private async attempt(id: string): Promise<void> {
    const kept = this.unstored.get(id);
    if (!kept) return;
    await this.store(kept.report, kept.identity);
    this.unstored.delete(id);
  }

  /** Consultation ids whose report is not stored yet. */
  pending(): string[] {
    return [...this.unstored.keys()];
  }
}

import type { PatientIdentity } from '../../common/identity/identity';
import type { ConsultationReport } from '../../common/signaling/messages';
import { createLogger } from '../../common/util/logger';

const log = createLogger('platform:reports');

/**
 * Stores consultations' reports. A doctor's own end of the call stores the report first and fails
 * when the store refuses it (the call stays open, the console keeps the notes, the doctor retries).
 * A call that ended without the doctor (kiosk gone, media lost) cannot stay open: its report is
 * kept in memory and retried at each later store and on `retry()`, so a passing failure loses nothing.
 */
export class ReportKeeper {
  /** With the patient's identity: the billing row written with the report needs its NIR. */
  private readonly unstored = new Map<string, { report: ConsultationReport; identity: PatientIdentity | null }>();

  constructor(private readonly store: (report: ConsultationReport, identity: PatientIdentity | null) => void) {}

  /** Stores it now or throws. */
  storeNow(report: ConsultationReport, identity: PatientIdentity | null): void {
    this.store(report, identity);
    this.retry();
  }

  /** Stores it, or keeps it to retry when the store refuses it now. */
  storeOrKeep(report: ConsultationReport, identity: PatientIdentity | null): void {
    try {
      this.store(report, identity);
    } catch (error) {
      log.error(
        `consultation ${report.consultationId}: report not stored, kept in memory to retry: ${(error as Error).message}`,
      );
      this.unstored.set(report.consultationId, { report, identity });
      return;
    }
    this.retry();
  }

  /** Stores the reports an earlier failure left in memory; those still refused stay. */
  retry(): void {
    for (const [id, { report, identity }] of this.unstored) {
      try {
        this.store(report, identity);
      } catch {
        return;
      }
      this.unstored.delete(id);
      log.info(`consultation ${id}: report stored on retry`);
    }
  }

  /** Consultation ids whose report is not stored yet. */
  pending(): string[] {
    return [...this.unstored.keys()];
  }
}

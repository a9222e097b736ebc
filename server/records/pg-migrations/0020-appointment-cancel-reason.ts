import type { PgMigration } from './index';

/**
 * Why a doctor cancelled an appointment (issue 17, "a doctor who cancels"): one of the console's
 * reasons (common/routing/appointments.ts CancelReason), never free text, so it is told to the
 * patient by SMS, e-mail and at the kiosk in their language without health data. A clear column
 * beside the sealed intake, as the reminder's state; SQLite keeps it in the intake (no migration).
 */
export const migration0020: PgMigration = {
  version: 20,
  name: 'appointment-cancel-reason',
  sql: `ALTER TABLE appointments ADD COLUMN cancel_reason TEXT CHECK (cancel_reason IN ('unavailable', 'emergency'));`,
};

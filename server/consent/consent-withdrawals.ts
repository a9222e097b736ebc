import type Database from 'better-sqlite3-multiple-ciphers';
import { withdraw, type ConsentRecord, type SecondaryUse } from '../../common/consent/consent-record';
import { openRecordsDatabase, type RecordsDatabaseFile } from '../records/records-database';

/** Who recorded a withdrawal: the pharmacist (at the patient's request, at the counter) or an administrator. */
export type WithdrawalRecorder = { kind: 'pharmacist'; id: string } | { kind: 'admin' };

export interface ConsentWithdrawal {
  use: string;
  withdrawnAt: string;
  recordedBy: string;
}

export type WithdrawalRefusal = 'no-consent' | 'not-granted' | 'already-withdrawn';

export type WithdrawalResult = { ok: true; record: ConsentRecord } | { ok: false; reason: WithdrawalRefusal };

/**
 * The withdrawals of per-use consents on either engine: SQLite (below) or PostgreSQL
 * (pg-consent-withdrawals.ts), so a pharmacist's withdrawal on one node holds on every node.
 */
export interface ConsentWithdrawalStore {
  of(sessionId: string): Promise<ConsentWithdrawal[]>;
  /**
   * Withdraws one use's consent of a session, given that session's consents as exported (`current`,
   * withdrawals applied): only a consent granted and still standing can be withdrawn.
   */
  withdraw(
    sessionId: string,
    use: SecondaryUse,
    current: readonly ConsentRecord[],
    by: WithdrawalRecorder,
    at: string,
  ): Promise<WithdrawalResult>;
  close(): void;
}

/** The withdrawal `current` allows, or why not; the recorder as stored. Both engines decide with it. */
export function plannedWithdrawal(
  use: SecondaryUse,
  current: readonly ConsentRecord[],
  by: WithdrawalRecorder,
  at: string,
): { done: WithdrawalResult; recorder: string } {
  const record = current.find((r) => r.use === use);
  const recorder = by.kind === 'admin' ? 'admin' : `pharmacist:${by.id}`;
  return { done: record ? withdraw(record, at) : { ok: false, reason: 'no-consent' }, recorder };
}

/**
 * The withdrawals of consents given per use at the kiosk (records migration 0018), on their own
 * connection to the records database (as the export tokens): a withdrawal is a fact with its date,
 * never an edit of the answer the kiosk recorded.
 */
export class ConsentWithdrawals implements ConsentWithdrawalStore {
  private readonly db: Database.Database;
  private readonly s;

  constructor(database: RecordsDatabaseFile) {
    this.db = openRecordsDatabase(database);
    this.s = {
      list: this.db.prepare<[string], { use: string; withdrawn_at: string; recorded_by: string }>(
        'SELECT use, withdrawn_at, recorded_by FROM consent_withdrawals WHERE session_id = ? ORDER BY withdrawn_at',
      ),
      insert: this.db.prepare(
        'INSERT INTO consent_withdrawals (session_id, use, withdrawn_at, recorded_by) VALUES (?, ?, ?, ?) ON CONFLICT DO NOTHING',
      ),
    };
  }

  async of(sessionId: string): Promise<ConsentWithdrawal[]> {
    return this.s.list
      .all(sessionId)
      .map((r) => ({ use: r.use, withdrawnAt: r.withdrawn_at, recordedBy: r.recorded_by }));
  }

  async withdraw(
    sessionId: string,
    use: SecondaryUse,
    current: readonly ConsentRecord[],
    by: WithdrawalRecorder,
    at: string,
  ): Promise<WithdrawalResult> {
    const { done, recorder } = plannedWithdrawal(use, current, by, at);
    if (!done.ok) return done;
    if (this.s.insert.run(sessionId, use, at, recorder).changes !== 1)
      return { ok: false, reason: 'already-withdrawn' };
    return done;
  }

  close(): void {
    if (this.db.open) this.db.close();
  }
}

/** The session's consents with their withdrawals applied (status inactive once withdrawn, with the date). */
export function withWithdrawals(records: ConsentRecord[], withdrawals: readonly ConsentWithdrawal[]): ConsentRecord[] {
  return records.map((r) => {
    const w = withdrawals.find((x) => x.use === r.use);
    return w && r.granted && r.withdrawnAt === null ? { ...r, withdrawnAt: w.withdrawnAt } : r;
  });
}

import type pg from 'pg';
import type { ConsentRecord, SecondaryUse } from '../../common/consent/consent-record';
import {
  plannedWithdrawal,
  type ConsentWithdrawal,
  type ConsentWithdrawalStore,
  type WithdrawalRecorder,
  type WithdrawalResult,
} from './consent-withdrawals';

/**
 * The withdrawals on PostgreSQL (migration 0013), on the records' pool: the primary key makes a
 * second withdrawal of one use, from any node, an `already-withdrawn` refusal.
 */
export class PgConsentWithdrawals implements ConsentWithdrawalStore {
  constructor(private readonly pool: pg.Pool) {}

  async of(sessionId: string): Promise<ConsentWithdrawal[]> {
    const { rows } = await this.pool.query<{ use: string; withdrawn_at: string; recorded_by: string }>(
      'SELECT use, withdrawn_at, recorded_by FROM consent_withdrawals WHERE session_id = $1 ORDER BY withdrawn_at',
      [sessionId],
    );
    return rows.map((r) => ({ use: r.use, withdrawnAt: r.withdrawn_at, recordedBy: r.recorded_by }));
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
    const inserted = await this.pool.query(
      `INSERT INTO consent_withdrawals (session_id, use, withdrawn_at, recorded_by) VALUES ($1, $2, $3, $4)
       ON CONFLICT DO NOTHING`,
      [sessionId, use, at, recorder],
    );
    return inserted.rowCount === 1 ? done : { ok: false, reason: 'already-withdrawn' };
  }

  /** The pool is the records repository's, closed with it. */
  close(): void {}
}

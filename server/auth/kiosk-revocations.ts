import type Database from 'better-sqlite3-multiple-ciphers';
import { openRecordsDatabase, type RecordsDatabaseFile } from '../records/records-database';

/** Per kiosk, the time up to which its credentials are revoked. */
export interface KioskRevocations {
  /** Credentials of this kiosk issued at or before the returned time (ms) are refused; null: none. */
  revokedBefore(kioskId: string): number | null;
  revoke(kioskId: string, atMs: number): void;
}

/** In memory, for a platform without a data folder (tests). */
export function memoryRevocations(): KioskRevocations {
  const revoked = new Map<string, number>();
  return {
    revokedBefore: (kioskId) => revoked.get(kioskId) ?? null,
    revoke: (kioskId, at) => revoked.set(kioskId, at),
  };
}

/**
 * In the records database, so an admin command's revocation is seen by the running platform at the
 * kiosk's next request (every kiosk-authenticated request looks it up: one indexed read).
 */
export class SqliteKioskRevocations implements KioskRevocations {
  private readonly db: Database.Database;
  private readonly lookup;

  constructor(database: RecordsDatabaseFile) {
    this.db = openRecordsDatabase(database);
    this.lookup = this.db.prepare<[string], { revoked_before_ms: number }>(
      'SELECT revoked_before_ms FROM kiosk_credential_revocations WHERE kiosk_id = ?',
    );
  }

  revokedBefore(kioskId: string): number | null {
    return this.lookup.get(kioskId)?.revoked_before_ms ?? null;
  }

  revoke(kioskId: string, atMs: number): void {
    this.db
      .prepare(
        'INSERT INTO kiosk_credential_revocations VALUES (?, ?) ON CONFLICT (kiosk_id) DO UPDATE SET revoked_before_ms = max(revoked_before_ms, excluded.revoked_before_ms)',
      )
      .run(kioskId, atMs);
  }

  close(): void {
    this.db.close();
  }
}

import { existsSync, readFileSync } from 'node:fs';
import type Database from 'better-sqlite3-multiple-ciphers';
import { openRecordsDatabase, type RecordsDatabaseFile } from './records-database';

/** Where prescription numbers come from: each call returns a number no other call ever got. */
export interface PrescriptionSequence {
  next(): Promise<number>;
  /**
   * Gives no number at or below `floor` from now on (never lowers the counter): a counter carried
   * over from another engine, so a platform moved from SQLite to PostgreSQL does not number again.
   */
  raiseTo(floor: number): Promise<void>;
}

/** In memory, for a platform without a data folder (tests). */
export function memorySequence(): PrescriptionSequence {
  let value = 0;
  return {
    next: async () => ++value,
    raiseTo: async (floor) => void (value = Math.max(value, floor)),
  };
}

/**
 * The counter in the records database (`prescription_counter`), taken with one `INSERT … ON
 * CONFLICT DO UPDATE … RETURNING` statement: SQLite runs it under its write lock, so issuers on other
 * connections or processes wait their turn instead of reading the same value. `legacyCounterFile` is
 * the plain-text counter of earlier platforms: its value is taken over once so numbers keep rising.
 */
export class SqlitePrescriptionSequence implements PrescriptionSequence {
  private readonly db: Database.Database;
  private readonly take;
  private readonly raise;
  private readonly read;

  constructor(database: RecordsDatabaseFile, legacyCounterFile: string | null = null) {
    this.db = openRecordsDatabase(database);
    const legacy = legacyCounterFile && existsSync(legacyCounterFile) ? readFileSync(legacyCounterFile, 'utf8') : '0';
    const start = Number(legacy.trim()) || 0;
    this.db
      .prepare(
        'INSERT INTO prescription_counter (id, value) VALUES (1, ?) ON CONFLICT (id) DO UPDATE SET value = max(value, excluded.value)',
      )
      .run(start);
    this.take = this.db.prepare<[], { value: number }>(
      'UPDATE prescription_counter SET value = value + 1 WHERE id = 1 RETURNING value',
    );
    this.raise = this.db.prepare<[number]>('UPDATE prescription_counter SET value = max(value, ?) WHERE id = 1');
    this.read = this.db.prepare<[], { value: number }>('SELECT value FROM prescription_counter WHERE id = 1');
  }

  async next(): Promise<number> {
    return this.take.get()!.value;
  }

  async raiseTo(floor: number): Promise<void> {
    this.raise.run(floor);
  }

  /** The last number given (0 when none), without taking one. */
  current(): number {
    return this.read.get()!.value;
  }

  close(): void {
    this.db.close();
  }
}

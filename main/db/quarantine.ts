import { existsSync, renameSync } from 'node:fs';
import type { SqliteDatabase } from './open-database';

/** What happened to a store file found damaged at open. */
export interface QuarantineReport {
  /** Where the damaged file was moved (its -wal and -shm beside it, if any). */
  movedTo: string;
  /** SQLite's own words for the damage (page numbers, no content). */
  problem: string;
  /** Unacknowledged outbox rows copied into the new store. */
  salvagedOutboxRows: number;
  /** False when part of the outbox could not be read: rows on damaged pages are gone. */
  outboxFullyRead: boolean;
}

/** An outbox row still to send, as read from the damaged file. */
export interface SalvagedRow {
  seq: number;
  id: string;
  /** Null for a register line (a calibration), which belongs to no session. */
  session_id: string | null;
  kind: string;
  payload: string;
  created_at_ms: number;
}

/** A session the salvaged rows belong to (the outbox refers to it). */
export interface SalvagedSession {
  id: string;
  kiosk_id: string;
  started_at: string;
}

/** SQLite's quick_check of the whole file; null when sound, else the problems it names. */
export function integrityProblem(db: SqliteDatabase): string | null {
  try {
    const rows = db.pragma('quick_check') as { quick_check: string }[];
    if (rows.length === 1 && rows[0]!.quick_check === 'ok') return null;
    return rows
      .slice(0, 5)
      .map((r) => r.quick_check.replace(/\s+/g, ' ').trim())
      .join('; ');
  } catch (error) {
    return (error as Error).message;
  }
}

/**
 * Reads what can still be read of the unacknowledged outbox of a damaged file: all of it in one
 * query when the damage lies elsewhere, else row by row by seq, skipping the rows SQLite cannot
 * read. Bounded by the highest seq the file knows (or `maxRows` when even that is unreadable).
 */
export function salvageOutbox(
  db: SqliteDatabase,
  maxRows = 1_000_000,
): { rows: SalvagedRow[]; sessions: SalvagedSession[]; complete: boolean } {
  const columns = 'seq, id, session_id, kind, payload, created_at_ms';
  let rows: SalvagedRow[] = [];
  let complete = true;
  try {
    rows = db.prepare<[], SalvagedRow>(`SELECT ${columns} FROM outbox WHERE acked_at_ms IS NULL ORDER BY seq`).all();
  } catch {
    complete = false;
    const last = highestSeq(db) ?? maxRows;
    // Bypasses the index (it may be the damaged part) and reads each row through its own page.
    const one = db.prepare<[number], SalvagedRow & { acked_at_ms: number | null }>(
      `SELECT ${columns}, acked_at_ms FROM outbox NOT INDEXED WHERE seq = ?`,
    );
    for (let seq = 1; seq <= last; seq++) {
      try {
        const row = one.get(seq);
        if (row && row.acked_at_ms === null)
          rows.push({
            seq: row.seq,
            id: row.id,
            session_id: row.session_id,
            kind: row.kind,
            payload: row.payload,
            created_at_ms: row.created_at_ms,
          });
      } catch {
        // On a damaged page: lost, and counted as such by the caller through `complete`.
      }
    }
  }
  const sessions: SalvagedSession[] = [];
  const session = db.prepare<[string], SalvagedSession>(
    'SELECT id, kiosk_id, started_at FROM sessions NOT INDEXED WHERE id = ?',
  );
  for (const id of new Set(rows.flatMap((r) => r.session_id ?? []))) {
    let found: SalvagedSession | undefined;
    try {
      found = session.get(id);
    } catch {
      found = undefined;
    }
    // The outbox row must keep its session; when that row is unreadable, a placeholder stands in
    // (started when its first outbox row was written), closed as interrupted at start-up.
    const first = rows.find((r) => r.session_id === id)!;
    sessions.push(found ?? { id, kiosk_id: 'unknown', started_at: new Date(first.created_at_ms).toISOString() });
  }
  return { rows, sessions, complete };
}

/**
 * The highest seq the outbox used: its last row's, else the AUTOINCREMENT high mark SQLite keeps
 * in sqlite_sequence (a table of its own, on its own page: readable when the outbox's last page is
 * not); null when neither can be read.
 */
function highestSeq(db: SqliteDatabase): number | null {
  for (const sql of ['SELECT max(seq) AS seq FROM outbox', "SELECT seq FROM sqlite_sequence WHERE name = 'outbox'"]) {
    try {
      return db.prepare<[], { seq: number | null }>(sql).get()?.seq ?? 0;
    } catch {
      // Damaged too: try the next source.
    }
  }
  return null;
}

/** Moves the store file and its WAL and shared-memory files aside; returns the new name of the file. */
export function moveAside(file: string, at: number): string {
  const movedTo = `${file}.corrupt-${at}`;
  for (const suffix of ['', '-wal', '-shm']) if (existsSync(file + suffix)) renameSync(file + suffix, movedTo + suffix);
  return movedTo;
}

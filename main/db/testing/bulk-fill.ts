import { randomUUID } from 'node:crypto';
import type { Measurement } from '../../../common/devices/measurement';
import { migrate } from '../migrations/index';
import { openDatabase } from '../open-database';

export interface BulkFillOptions {
  /** How many measurements to write; each also gets its outbox row. */
  measurements: number;
  /** Readings per session (a new session every this many). */
  perSession?: number;
  /** Mark the outbox rows acknowledged (a long-lived kiosk's history) or leave them pending. */
  acknowledged: boolean;
}

/** The i-th synthetic oximetry reading of a benchmark store (values cycle so pages do not compress to nothing). */
export function syntheticOximetry(i: number, takenAt: string): Measurement {
  return {
    id: randomUUID(),
    deviceId: 'oximeter-1',
    model: 'contec-cms50-v7',
    modelName: 'Contec CMS50D+/E/F (protocole V7)',
    serialNumber: 'SN-1',
    takenAt,
    flags: [],
    valid: true,
    calibration: 'valid',
    kind: 'oximetry',
    spo2: 90 + (i % 10),
    pulseRate: 60 + (i % 40),
    perfusionIndex: 3.5,
  };
}

/**
 * Benchmarks only: fills a store file with synthetic sessions, oximetry readings and their outbox
 * rows far faster than the write path can (10,000 rows per transaction instead of one), so a store
 * of a million rows builds in seconds. Same tables and payloads as KioskStore writes.
 */
export function bulkFill(file: string, key: Buffer | null, options: BulkFillOptions): { rows: number } {
  const db = openDatabase(file, key);
  migrate(db);
  db.pragma('synchronous = OFF');
  const perSession = options.perSession ?? 20;
  const session = db.prepare('INSERT INTO sessions (id, kiosk_id, started_at) VALUES (?, ?, ?)');
  const measurement = db.prepare(
    'INSERT INTO measurements (id, session_id, kind, device_id, taken_at, reading, recorded_at_ms) VALUES (?, ?, ?, ?, ?, ?, ?)',
  );
  const outbox = db.prepare(
    'INSERT INTO outbox (id, session_id, kind, payload, created_at_ms, acked_at_ms) VALUES (?, ?, ?, ?, ?, ?)',
  );
  let rows = 0;
  let sessionId = '';
  const chunk = db.transaction((from: number, to: number) => {
    for (let i = from; i < to; i++) {
      const at = new Date(Date.UTC(2026, 0, 1) + i * 1000).toISOString();
      if (i % perSession === 0) {
        sessionId = randomUUID();
        session.run(sessionId, 'bench-kiosk', at);
        rows++;
      }
      const m = syntheticOximetry(i, at);
      const json = JSON.stringify(m);
      measurement.run(m.id, sessionId, m.kind, m.deviceId, m.takenAt, json, i);
      outbox.run(m.id, sessionId, 'measurement', json, i, options.acknowledged ? i : null);
      rows += 2;
    }
  });
  for (let from = 0; from < options.measurements; from += 10_000)
    chunk(from, Math.min(options.measurements, from + 10_000));
  db.pragma('wal_checkpoint(TRUNCATE)');
  db.close();
  return { rows };
}

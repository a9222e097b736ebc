import type pg from 'pg';
import type { CalibrationRecord } from '../../common/calibration/calibration-record';
import type { RecordItem } from '../../common/records/wire';
import { assertUnreachable } from '../../common/util/assert-unreachable';
import type { ColumnCipher } from './column-cipher';

/**
 * Writes one new item of a batch inside its transaction (pg-records-repository.ts): the same rows as
 * the SQLite engine, the health data sealed, each value bound to its row (column-cipher.ts).
 */
export async function applyPgItem(
  client: pg.ClientBase,
  cipher: ColumnCipher,
  kioskId: string,
  item: RecordItem,
): Promise<void> {
  switch (item.kind) {
    case 'session-opened':
      await client.query('UPDATE consultations SET started_at = $1 WHERE session_id = $2', [
        item.payload.startedAt,
        item.sessionId,
      ]);
      return;
    case 'identity':
      await client.query('UPDATE consultations SET identity = $1 WHERE session_id = $2', [
        cipher.sealJson(item.payload, `consultations.identity:${item.sessionId}`),
        item.sessionId,
      ]);
      return;
    case 'consent':
      await client.query('INSERT INTO consents (id, session_id, consent) VALUES ($1, $2, $3)', [
        item.id,
        item.sessionId,
        cipher.sealJson(item.payload, `consents.consent:${item.id}`),
      ]);
      return;
    case 'intake':
      await client.query('UPDATE consultations SET intake = $1 WHERE session_id = $2', [
        cipher.sealJson(item.payload, `consultations.intake:${item.sessionId}`),
        item.sessionId,
      ]);
      return;
    case 'measurement':
      // Keyed by the measurement's own id (the same as the item's): one row per reading, ever.
      await client.query(
        'INSERT INTO measurements (id, session_id, kind, taken_at, reading) VALUES ($1, $2, $3, $4, $5) ON CONFLICT DO NOTHING',
        [
          item.payload.id,
          item.sessionId,
          item.payload.kind,
          item.payload.takenAt,
          cipher.sealJson(item.payload, `measurements.reading:${item.payload.id}`),
        ],
      );
      return;
    case 'session-closed': {
      const e = item.payload;
      await client.query(
        'UPDATE consultations SET ended_at = $1, outcome = $2, prescription_number = $3, rating = $4 WHERE session_id = $5',
        [e.endedAt, e.outcome, e.prescriptionNumber, e.rating, item.sessionId],
      );
      return;
    }
    case 'calibration':
      await storeCalibration(client, kioskId, item.payload);
      return;
    default:
      assertUnreachable(item, 'record item');
  }
}

/** A device's calibration check is no patient's data: kept in clear for the auditors' queries. */
async function storeCalibration(client: pg.ClientBase, kioskId: string, c: CalibrationRecord): Promise<void> {
  await client.query(
    `INSERT INTO calibrations (id, kiosk_id, device_id, performed_at, result, valid_until, record)
     VALUES ($1, $2, $3, $4, $5, $6, $7) ON CONFLICT DO NOTHING`,
    [c.id, kioskId, c.deviceId, c.performedAt, c.result, c.validUntil, JSON.stringify(c)],
  );
}

import { describe, expect, it } from 'vitest';
import { databaseAt } from '../testing/database-at';
import { MIGRATIONS, migrate } from './index';

describe('migration 0005 measurement model names', () => {
  it('adds the display name to stored readings and to measurements waiting in the outbox, nothing else', () => {
    const db = databaseAt(4);
    db.prepare("INSERT INTO sessions (id, kiosk_id, started_at) VALUES ('s1', 'k', 't')").run();
    const reading = (model: string) => JSON.stringify({ id: `m-${model}`, model, kind: 'oximetry', spo2: 97 });
    const insertReading = db.prepare(
      "INSERT INTO measurements (id, session_id, kind, device_id, taken_at, reading, recorded_at_ms) VALUES (?, 's1', 'oximetry', 'ox', 't', ?, 0)",
    );
    insertReading.run('m-contec-cms50-v7', reading('contec-cms50-v7'));
    insertReading.run('m-retired-model', reading('retired-model'));
    const insertOutbox = db.prepare(
      "INSERT INTO outbox (id, session_id, kind, payload, created_at_ms) VALUES (?, 's1', ?, ?, 0)",
    );
    insertOutbox.run('m-contec-cms50-v7', 'measurement', reading('contec-cms50-v7'));
    insertOutbox.run('consent-1', 'consent', JSON.stringify({ model: 'not-a-measurement' }));

    expect(migrate(db, MIGRATIONS, 5)).toBe(5);

    const readings = db.prepare<[], { reading: string }>('SELECT reading FROM measurements ORDER BY id').all();
    expect(readings.map((r) => JSON.parse(r.reading) as unknown)).toEqual([
      {
        id: 'm-contec-cms50-v7',
        model: 'contec-cms50-v7',
        kind: 'oximetry',
        spo2: 97,
        modelName: 'Contec CMS50D+/E/F (protocole V7)',
      },
      { id: 'm-retired-model', model: 'retired-model', kind: 'oximetry', spo2: 97, modelName: 'retired-model' },
    ]);
    const payloads = db.prepare<[], { payload: string }>('SELECT payload FROM outbox ORDER BY seq').all();
    expect(JSON.parse(payloads[0]!.payload)).toMatchObject({ modelName: 'Contec CMS50D+/E/F (protocole V7)' });
    expect(JSON.parse(payloads[1]!.payload)).toEqual({ model: 'not-a-measurement' });
  });
});

import { noteOf } from '../../common/records/testing/samples';
import { randomBytes } from 'node:crypto';
import { mkdirSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { afterAll, expect, it } from 'vitest';
import type { Platform } from '../platform';
import { PgConsultationReports } from '../records/pg-consultation-reports';
import { PgRecordsRepository } from '../records/pg-records-repository';
import { openRecordsDatabase } from '../records/records-database';
import { requireMediasoupWorker } from '../testing/mediasoup-stack';
import { requirePostgres } from '../testing/postgres-instance';
import { connectDoctor, joinQueue } from '../testing/signal-clients';
import { startTestPlatform } from '../testing/test-platform';

/**
 * "A failure to store the doctor's report is an error the console shows, never a lost note", on the
 * running platform with its real records database, on both engines: while the database refuses the
 * report's row (a trigger another connection installs, as a full disk or a damaged table would
 * refuse it), the end of the call answers an error and the call stays open; once the database
 * takes it again, the doctor's retry stores the same note. (The console's side:
 * server/console/ConsultationView.test.tsx.)
 */
const mediasoup = await requireMediasoupWorker();
const postgres = await requirePostgres();
let platform: Platform | undefined;
afterAll(async () => {
  await platform?.close();
  platform = undefined;
  if (!postgres.missing) await postgres.value.stop();
});

/** The records database as an operator's client sees it, beside the running platform. */
interface Database {
  refuse(): Promise<void>;
  allow(): Promise<void>;
  count(): Promise<number>;
  note(consultationId: string): Promise<unknown>;
  close(): Promise<void>;
}

async function sqliteBeside(dataDir: string, key: Buffer): Promise<Database> {
  const db = openRecordsDatabase({ file: join(dataDir, 'records.sqlite'), key });
  return {
    refuse: async () =>
      void db.exec(`CREATE TRIGGER refuse_reports BEFORE INSERT ON consultation_reports
                    BEGIN SELECT RAISE(ABORT, 'database or disk is full'); END`),
    allow: async () => void db.exec('DROP TRIGGER refuse_reports'),
    count: async () => db.prepare<[], { n: number }>('SELECT count(*) AS n FROM consultation_reports').get()!.n,
    note: async (id) => {
      const row = db
        .prepare<[string], { report: string }>('SELECT report FROM consultation_reports WHERE consultation_id = ?')
        .get(id);
      return row ? (JSON.parse(row.report) as { note: unknown }).note : undefined;
    },
    close: async () => void db.close(),
  };
}

async function postgresBeside(url: string, key: Buffer): Promise<Database> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  const records = await PgRecordsRepository.open({ url, key });
  const { pool, cipher } = records.connection();
  return {
    refuse: async () =>
      void (await client.query(`
        CREATE FUNCTION refuse_reports() RETURNS trigger LANGUAGE plpgsql AS
          $$ BEGIN RAISE EXCEPTION 'could not extend file: No space left on device'; END $$;
        CREATE TRIGGER refuse_reports BEFORE INSERT ON consultation_reports
          FOR EACH ROW EXECUTE FUNCTION refuse_reports();`)),
    allow: async () => void (await client.query('DROP TRIGGER refuse_reports ON consultation_reports')),
    count: async () => Number((await client.query('SELECT count(*) AS n FROM consultation_reports')).rows[0].n),
    note: async (id) => (await new PgConsultationReports(pool, cipher).get(id))?.note,
    close: async () => (await client.end(), await records.close()),
  };
}

const engines = [
  { name: 'SQLite', describe: mediasoup.describe, postgres: false },
  { name: 'PostgreSQL', describe: postgres.missing ? postgres.describe : mediasoup.describe, postgres: true },
];

for (const engine of engines) {
  engine.describe(`the report when the database refuses it (${engine.name})`, () => {
    it('answers the doctor an error, keeps the call open, and stores the note on retry', async () => {
      const dataDir = join(mkdtempSync(join(tmpdir(), 'report-failure-')), 'data');
      mkdirSync(dataDir, { mode: 0o700 });
      const key = randomBytes(32);
      const databaseUrl = engine.postgres ? await postgres.value.createDatabase() : null;
      platform = await startTestPlatform({ dataDir, dataKey: key, databaseUrl });
      const doctor = await connectDoctor(platform);
      const { kiosk, joined } = await joinQueue(platform, 'kiosk-report-failure');
      const consultationId = joined.consultationId;
      await doctor.request('accept', { consultationId });

      const db = databaseUrl ? await postgresBeside(databaseUrl, key) : await sqliteBeside(dataDir, key);
      await db.refuse();
      const end = () =>
        doctor.request('end-call', { consultationId, note: noteOf('Note à ne pas perdre'), prescription: null });
      await expect(end()).rejects.toThrow(/the report could not be stored, so the consultation is not ended/);
      expect(platform.calls.stats().inCall).toBe(1);
      expect(await db.count()).toBe(0);

      await db.allow();
      const { report } = await end();
      expect(report).toMatchObject({ consultationId, note: noteOf('Note à ne pas perdre') });
      await kiosk.events.next('call-ended');
      expect(await db.note(consultationId)).toEqual(noteOf('Note à ne pas perdre'));
      await db.close();
      doctor.close();
      kiosk.close();
      await platform.close();
      platform = undefined;
    });
  });
}

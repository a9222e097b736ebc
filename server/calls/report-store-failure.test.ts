import { noteOf } from '../../common/records/testing/samples';
import { randomBytes } from 'node:crypto';
import { mkdirSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, expect, it } from 'vitest';
import type { Platform } from '../platform';
import { openRecordsDatabase } from '../records/records-database';
import { requireMediasoupWorker } from '../testing/mediasoup-stack';
import { connectDoctor, joinQueue } from '../testing/signal-clients';
import { startTestPlatform } from '../testing/test-platform';

/**
 * "A failure to store the doctor's report is an error the console shows, never a lost note", on the
 * running platform with its real records database: while the database refuses the report's row (a
 * trigger another connection installs, as a full disk or a damaged table would refuse it), the
 * end of the call answers an error and the call stays open; once the database takes it again, the
 * doctor's retry stores the same note. (The console's side: server/console/ConsultationView.test.tsx.)
 */
const mediasoup = await requireMediasoupWorker();
let platform: Platform | undefined;
afterAll(async () => platform?.close());

mediasoup.describe('the report when the database refuses it', () => {
  it('answers the doctor an error, keeps the call open, and stores the note on retry', async () => {
    const dataDir = join(mkdtempSync(join(tmpdir(), 'report-failure-')), 'data');
    mkdirSync(dataDir, { mode: 0o700 });
    const key = randomBytes(32);
    platform = await startTestPlatform({ dataDir, dataKey: key });
    const doctor = await connectDoctor(platform);
    const { kiosk, joined } = await joinQueue(platform, 'kiosk-report-failure');
    const consultationId = joined.consultationId;
    await doctor.request('accept', { consultationId });

    const db = openRecordsDatabase({ file: join(dataDir, 'records.sqlite'), key });
    db.exec(`CREATE TRIGGER refuse_reports BEFORE INSERT ON consultation_reports
             BEGIN SELECT RAISE(ABORT, 'database or disk is full'); END`);
    const end = () =>
      doctor.request('end-call', { consultationId, note: noteOf('Note à ne pas perdre'), prescription: null });
    await expect(end()).rejects.toThrow(/the report could not be stored, so the consultation is not ended/);
    expect(platform.calls.stats().inCall).toBe(1);
    expect(db.prepare('SELECT count(*) AS n FROM consultation_reports').get()).toEqual({ n: 0 });

    db.exec('DROP TRIGGER refuse_reports');
    const { report } = await end();
    expect(report).toMatchObject({ consultationId, note: noteOf('Note à ne pas perdre') });
    await kiosk.events.next('call-ended');
    const stored = db.prepare<[string], { report: string }>(
      'SELECT report FROM consultation_reports WHERE consultation_id = ?',
    );
    expect(JSON.parse(stored.get(consultationId)!.report)).toMatchObject({ note: noteOf('Note à ne pas perdre') });
    db.close();
    doctor.close();
    kiosk.close();
  });
});

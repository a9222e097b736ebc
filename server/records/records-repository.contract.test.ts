import { randomBytes, randomUUID } from 'node:crypto';
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { SessionRecordItem } from '../../common/records/wire';
import {
  SAMPLE_CONSENT,
  SAMPLE_IDENTITY,
  SAMPLE_INTAKE,
  oximetry,
  sampleCalibration,
} from '../../common/records/testing/samples';
import { requirePostgres } from '../testing/postgres-instance';
import { PgRecordsRepository } from './pg-records-repository';
import { RecordsConflictError, type RecordsRepository } from './records-repository';
import { SqliteRecordsRepository } from './sqlite-records-repository';
import { cleanupsAfterEach } from '../../common/util/testing/cleanups';

/**
 * One contract, both engines: every case runs on the embedded SQLite (an encrypted temp file) and on
 * a private PostgreSQL started for this file (server/testing/postgres-instance.ts).
 */
const postgres = await requirePostgres();
afterAll(() => (postgres.missing ? undefined : postgres.value.stop()));

/** An engine's fresh database: open it under a key, and what someone without the key reads of it. */
interface Store {
  open(key: Buffer): Promise<RecordsRepository>;
  /** The bytes at rest (the file and its WAL, or a pg_dump). */
  atRest(): Buffer;
}
interface Engine {
  name: string;
  describe(title: string, body: () => void): void;
  fresh(): Promise<Store>;
}

const sqlite: Engine = {
  name: 'SQLite',
  describe,
  fresh() {
    const dir = mkdtempSync(join(tmpdir(), 'records-contract-'));
    const file = join(dir, 'records.sqlite');
    cleanups.push(() => rmSync(dir, { recursive: true, force: true }));
    return Promise.resolve({
      open: async (key) => new SqliteRecordsRepository({ file, key }),
      atRest: () => Buffer.concat([file, `${file}-wal`].filter(existsSync).map((f) => readFileSync(f))),
    });
  },
};

const postgresql: Engine = {
  name: 'PostgreSQL',
  describe: postgres.describe,
  async fresh() {
    const url = await postgres.value.createDatabase();
    return {
      open: (key) => PgRecordsRepository.open({ url, key }),
      atRest: () => {
        const dump = execFileSync('/usr/lib/postgresql/15/bin/pg_dump', [url], { maxBuffer: 64 << 20 });
        // A dump without the rows would prove nothing: the kiosk's id is there, in clear.
        if (!dump.includes(Buffer.from('kiosk-one'))) throw new Error('pg_dump holds no rows');
        return dump;
      },
    };
  },
};

const cleanups = cleanupsAfterEach();

async function opened(engine: Engine, key = randomBytes(32)) {
  const store = await engine.fresh();
  const repo = await store.open(key);
  cleanups.push(() => repo.close());
  return { store, repo, key };
}

function session(kioskId = 'kiosk-one', sessionId = randomUUID()): SessionRecordItem[] {
  const later = oximetry('2026-03-02T09:06:00.000Z', 95, 80);
  const earlier = oximetry('2026-03-02T09:05:00.000Z', 97, 72);
  return [
    {
      id: randomUUID(),
      sessionId,
      kind: 'session-opened',
      payload: { kioskId, startedAt: '2026-03-02T09:00:00.000Z' },
    },
    { id: randomUUID(), sessionId, kind: 'identity', payload: SAMPLE_IDENTITY },
    { id: randomUUID(), sessionId, kind: 'consent', payload: SAMPLE_CONSENT },
    { id: randomUUID(), sessionId, kind: 'intake', payload: SAMPLE_INTAKE },
    // Arrives out of order: the record lists readings by when they were taken.
    { id: later.id, sessionId, kind: 'measurement', payload: later },
    { id: earlier.id, sessionId, kind: 'measurement', payload: earlier },
  ];
}

const WAV = Buffer.concat([Buffer.from('RIFF----WAVEfmt '), Buffer.from('HEART-SOUND-SAMPLES'.repeat(8))]);
const PNG = Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47]), Buffer.from('EXAM-STILL-PIXELS'.repeat(8))]);

function clip(sessionId: string, recordedAt = '2026-03-02T09:10:00.000Z') {
  const base = { sessionId, kioskId: 'kiosk-one', consultationId: 'c-1', doctorRpps: '10000000001' };
  return {
    ...base,
    id: randomUUID(),
    site: 'aortic' as const,
    recordedAt,
    durationMs: 8000,
    sampleRateHz: 8000,
    wav: WAV,
  };
}

function still(sessionId: string, capturedAt = '2026-03-02T09:12:00.000Z') {
  const base = { sessionId, kioskId: 'kiosk-one', consultationId: 'c-1', doctorRpps: '10000000001' };
  return {
    ...base,
    id: randomUUID(),
    capturedAt,
    width: 640,
    height: 480,
    contentType: 'image/png' as const,
    image: PNG,
  };
}

for (const engine of [sqlite, postgresql]) {
  engine.describe(`records repository contract (${engine.name})`, () => {
    it('stores a batch once: a replay changes nothing, readings listed by when they were taken', async () => {
      const { repo } = await opened(engine);
      const items = session();
      const sessionId = items[0]!.sessionId;
      expect(await repo.storeBatch('kiosk-one', items)).toEqual(items.map((i) => i.id));
      expect(await repo.storeBatch('kiosk-one', items)).toEqual(items.map((i) => i.id));
      const record = await repo.consultation(sessionId);
      expect(record).toMatchObject({ sessionId, kioskId: 'kiosk-one', startedAt: '2026-03-02T09:00:00.000Z' });
      expect(record?.identity).toEqual(SAMPLE_IDENTITY);
      expect(record?.measurements.map((m) => m.takenAt)).toEqual([
        '2026-03-02T09:05:00.000Z',
        '2026-03-02T09:06:00.000Z',
      ]);
      expect(await repo.measurementIds(sessionId)).toEqual([items[4]!.id, items[5]!.id]);
      expect(await repo.consultation(randomUUID())).toBeNull();
      // The consent answer comes back as the kiosk sent it, text hash and all, for the export.
      expect(await repo.consentAnswers(sessionId)).toEqual([SAMPLE_CONSENT]);
      expect(await repo.consentAnswers(randomUUID())).toEqual([]);
    });

    it("refuses a batch touching another kiosk's session or register, storing none of it", async () => {
      const { repo } = await opened(engine);
      const theirs = session('kiosk-two');
      await repo.storeBatch('kiosk-two', theirs);
      const mine = session();
      const mixed = [...mine, ...theirs.slice(4).map((i) => ({ ...i, id: randomUUID() }))];
      await expect(repo.storeBatch('kiosk-one', mixed)).rejects.toBeInstanceOf(RecordsConflictError);
      expect(await repo.consultation(mine[0]!.sessionId)).toBeNull();
      const foreign = sampleCalibration({ kioskId: 'kiosk-two' });
      await expect(
        repo.storeBatch('kiosk-one', [{ id: foreign.id, sessionId: null, kind: 'calibration', payload: foreign }]),
      ).rejects.toBeInstanceOf(RecordsConflictError);
    });

    it('lists calibration checks per kiosk or all, oldest first, each once', async () => {
      const { repo } = await opened(engine);
      const late = sampleCalibration({ performedAt: '2026-11-05T10:00:00.000Z' });
      const early = sampleCalibration({ performedAt: '2026-11-04T10:00:00.000Z' });
      const items = [late, early].map((c) => ({ id: c.id, sessionId: null, kind: 'calibration' as const, payload: c }));
      await repo.storeBatch('kiosk-one', items);
      await repo.storeBatch('kiosk-one', items);
      const other = sampleCalibration({ kioskId: 'kiosk-two' });
      await repo.storeBatch('kiosk-two', [{ id: other.id, sessionId: null, kind: 'calibration', payload: other }]);
      expect((await repo.calibrations('kiosk-one')).map((c) => c.id)).toEqual([early.id, late.id]);
      expect(await repo.calibrations()).toHaveLength(3);
    });

    it('keeps auscultation clips and examination stills, listed without their bytes, each id once', async () => {
      const { repo } = await opened(engine);
      const sessionId = randomUUID();
      const [second, first] = [clip(sessionId, '2026-03-02T09:11:00.000Z'), clip(sessionId)];
      await repo.storeAuscultationClip(second);
      await repo.storeAuscultationClip(first);
      await expect(repo.storeAuscultationClip(first)).rejects.toThrow();
      expect((await repo.auscultationClips(sessionId)).map((c) => c.id)).toEqual([first.id, second.id]);
      expect(await repo.auscultationClips(sessionId)).toContainEqual({
        id: first.id,
        site: 'aortic',
        recordedAt: first.recordedAt,
        durationMs: 8000,
        sampleRateHz: 8000,
      });
      expect(Buffer.from((await repo.auscultationClipAudio(sessionId, first.id))!)).toEqual(WAV);
      expect(await repo.auscultationClipAudio(randomUUID(), first.id)).toBeNull();
      const picture = still(sessionId);
      await repo.storeExamStill(picture);
      await expect(repo.storeExamStill(picture)).rejects.toThrow();
      expect(await repo.examStills(sessionId)).toEqual([
        { id: picture.id, capturedAt: picture.capturedAt, width: 640, height: 480, contentType: 'image/png' },
      ]);
      const image = await repo.examStillImage(sessionId, picture.id);
      expect(image?.contentType).toBe('image/png');
      expect(Buffer.from(image!.image)).toEqual(PNG);
      expect(await repo.examStillImage(sessionId, randomUUID())).toBeNull();
    });

    it('keeps health data unreadable without the key, reopens under it, refuses another key', async () => {
      const { store, repo, key } = await opened(engine);
      const items = session();
      await repo.storeBatch('kiosk-one', items);
      await repo.storeAuscultationClip(clip(items[0]!.sessionId));
      await repo.storeExamStill(still(items[0]!.sessionId));
      await repo.close();
      const raw = store.atRest();
      expect(raw.length).toBeGreaterThan(0);
      for (const needle of [
        SAMPLE_IDENTITY.nir,
        SAMPLE_IDENTITY.lastName,
        SAMPLE_INTAKE.locality,
        'HEART-SOUND',
        'EXAM-STILL',
        '"spo2"',
      ])
        expect(raw.includes(Buffer.from(needle)), needle).toBe(false);
      await expect(store.open(randomBytes(32))).rejects.toThrow(/data key does not open/);
      const again = await store.open(key);
      cleanups.push(() => again.close());
      expect((await again.consultation(items[0]!.sessionId))?.identity).toEqual(SAMPLE_IDENTITY);
    });
  });
}

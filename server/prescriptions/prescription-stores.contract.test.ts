import { randomBytes } from 'node:crypto';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { Prescription } from '../../common/consultation/prescription';
import { PgRecordsRepository } from '../records/pg-records-repository';
import { SqlitePrescriptionSequence, type PrescriptionSequence } from '../records/prescription-sequence';
import { openRecordsDatabase } from '../records/records-database';
import { requirePostgres } from '../testing/postgres-instance';
import { PgPrescriptionSequence, PgPrescriptionStore } from './pg-prescription-store';
import { PrescriptionStore, type PrescriptionRecords } from './prescription-store';
import { cleanupsAfterEach } from '../../common/util/testing/cleanups';

/**
 * One contract for the issued prescriptions and their counter, both engines: the embedded SQLite
 * and a private PostgreSQL. "Two issuers" are two connections (SQLite) or two pools (PostgreSQL,
 * as two platform nodes) on the same database.
 */
const postgres = await requirePostgres();
afterAll(() => (postgres.missing ? undefined : postgres.value.stop()));

interface Issuer {
  store: PrescriptionRecords;
  sequence: PrescriptionSequence;
}
interface Engine {
  name: string;
  describe(title: string, body: () => void): void;
  /** A fresh database; each call of the returned function opens another issuer on it. */
  fresh(): Promise<{ open(): Promise<Issuer>; dump?(): Buffer }>;
}

const cleanups = cleanupsAfterEach();

const sqlite: Engine = {
  name: 'SQLite',
  describe,
  async fresh() {
    const dir = mkdtempSync(join(tmpdir(), 'prescription-contract-'));
    cleanups.push(() => rmSync(dir, { recursive: true, force: true }));
    const file = { file: join(dir, 'records.sqlite'), key: randomBytes(32) };
    return {
      async open() {
        const db = openRecordsDatabase(file);
        const sequence = new SqlitePrescriptionSequence(file);
        cleanups.push(() => (sequence.close(), db.close()));
        return { store: new PrescriptionStore(db), sequence };
      },
    };
  },
};

const postgresql: Engine = {
  name: 'PostgreSQL',
  describe: postgres.describe,
  async fresh() {
    const url = await postgres.value.createDatabase();
    const key = randomBytes(32);
    return {
      async open() {
        const repo = await PgRecordsRepository.open({ url, key });
        cleanups.push(() => repo.close());
        const { pool, cipher } = repo.connection();
        return { store: new PgPrescriptionStore(pool, cipher), sequence: new PgPrescriptionSequence(pool) };
      },
      dump: () => execFileSync('/usr/lib/postgresql/15/bin/pg_dump', [url], { maxBuffer: 64 << 20 }),
    };
  },
};

const DRUG = 'Amoxicilline 1 g';
function prescription(number: string): Prescription {
  return {
    number,
    issuedAt: '2026-03-02T10:00:00.000Z',
    doctor: { name: 'Dr Claire Martin', rpps: '10000000001' },
    lines: [{ item: DRUG, dosage: '1 cp x2/j', duration: '7 jours', notes: '' }],
    qrPayload: `${number} https://platform.example/verify/${number}?t=x`,
    patient: { lastName: 'DUPONT', firstNames: 'Marie', birthDate: '1980-01-01', sex: 'F' },
  };
}

for (const engine of [sqlite, postgresql]) {
  engine.describe(`prescription stores contract (${engine.name})`, () => {
    it('keeps an issued prescription with its consultation and kiosk, and refuses its number twice', async () => {
      const database = await engine.fresh();
      const { store } = await database.open();
      const rx = prescription('RX-2026-000001-4');
      await store.save({ prescription: rx, consultationId: 'c-1', kioskId: 'kiosk-one' });
      expect(await store.get(rx.number)).toEqual({ prescription: rx, consultationId: 'c-1', kioskId: 'kiosk-one' });
      expect(await store.get('RX-2026-999999-0')).toBeNull();
      await expect(store.save({ prescription: rx, consultationId: 'c-2', kioskId: null })).rejects.toThrow();
      // Read back through another connection (another node): the same row.
      expect(await (await database.open()).store.get(rx.number)).toMatchObject({ consultationId: 'c-1' });
      // At rest on PostgreSQL: the number is there for look-ups, the medicine and the patient are sealed.
      const dump = database.dump?.();
      if (dump) {
        expect(dump.includes(Buffer.from(rx.number))).toBe(true);
        for (const needle of [DRUG, 'DUPONT']) expect(dump.includes(Buffer.from(needle)), needle).toBe(false);
      }
    });

    it('gives two concurrent issuers no number twice and skips none', async () => {
      const database = await engine.fresh();
      const [a, b] = [await database.open(), await database.open()];
      const takes = Array.from({ length: 200 }, (_, i) => (i % 2 ? a : b).sequence.next());
      const numbers = await Promise.all(takes);
      expect(new Set(numbers).size).toBe(200);
      expect([...numbers].sort((x, y) => x - y)).toEqual(Array.from({ length: 200 }, (_, i) => i + 1));
    });

    it('continues above a counter carried over, and never goes back below it', async () => {
      const { sequence } = await (await engine.fresh()).open();
      await sequence.next();
      await sequence.raiseTo(4_812);
      expect(await sequence.next()).toBe(4_813);
      // A lower floor (another node's older file) changes nothing.
      await sequence.raiseTo(12);
      expect(await sequence.next()).toBe(4_814);
    });
  });
}

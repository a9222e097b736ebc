import Database from 'better-sqlite3-multiple-ciphers';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { ConsentRecord } from '../../common/consent/consent-record';
import type { InsTraits } from '../../common/identity/ins';
import { RECORDS_MIGRATIONS, migrateRecords } from '../records/migrations';
import { httpInsiClient } from './insi-client';
import { IdentityVigilanceService } from './identity-vigilance-service';
import { IdentityVigilanceStore } from './identity-vigilance-store';
import { startInsiTestServer, type InsiTestServer } from './testing/insi-test-server';

/** The records schema up to identity vigilance (0015), as a platform of this release has it. */
const MIGRATIONS = RECORDS_MIGRATIONS.filter((m) => m.version <= 15);

const CHILD: InsTraits = {
  birthName: 'TEST',
  birthGivenNames: 'ENFANT',
  birthDate: '2012-06-01',
  sex: 'M',
  birthplaceCode: '75123',
  usedName: null,
  usedGivenName: null,
};
const SESSION = '0f6c4c1e-3d35-4c1b-9a0a-5e2b7c9d8e12';
const AT = '2026-12-06T10:00:00.000Z';

let insi: InsiTestServer;
let db: Database.Database;
let store: IdentityVigilanceStore;
let service: IdentityVigilanceService;
beforeAll(async () => {
  insi = await startInsiTestServer([{ ins: '112067512345677', traits: CHILD }]);
});
afterAll(() => insi.close());
beforeEach(() => {
  db = new Database(':memory:');
  migrateRecords(db, MIGRATIONS);
  store = new IdentityVigilanceStore(db);
  service = new IdentityVigilanceService(store, httpInsiClient({ url: insi.url }), () => AT);
});

describe('records migration 0015 and identity vigilance on the platform', () => {
  it('refuses a status RNIV does not know, and a hash that is not SHA-256 hex length', () => {
    expect(() =>
      db.prepare('INSERT INTO consultation_ins_identity VALUES (?, ?, ?, ?)').run('s', '{}', 'trusted', AT),
    ).toThrow(/CHECK/);
    expect(() =>
      db
        .prepare('INSERT INTO consultation_consents VALUES (?, ?, ?, ?, ?, ?)')
        .run('s', 'research', '{}', 1, 'ab', null),
    ).toThrow(/CHECK/);
  });

  it('provisional → recovered by INSi → qualified once the pharmacist records the document', async () => {
    expect(service.recordTraits(SESSION, CHILD).status).toBe('provisional');
    expect(await service.askInsi(SESSION)).toMatchObject({ ok: true, identity: { status: 'recovered' } });
    expect(insi.queries).toEqual([
      { birthName: 'TEST', givenName: 'ENFANT', sex: 'M', birthDate: '2012-06-01', birthplaceCode: '75123' },
    ]);
    expect(service.recordDocument(SESSION, 'PA', 'pharmacist-1')).toMatchObject({
      ok: true,
      identity: { status: 'qualified', ins: '112067512345677', oid: '1.2.250.1.213.1.4.8' },
    });
    expect(store.insIdentity(SESSION)).toMatchObject({
      status: 'qualified',
      document: { kind: 'PA', checkedBy: 'pharmacist-1' },
    });
  });

  it('an identity INSi does not find stays provisional; a document alone makes it validated, not qualified', async () => {
    service.recordTraits(SESSION, { ...CHILD, birthName: 'INCONNU' });
    expect(await service.askInsi(SESSION)).toEqual({ ok: false, refusal: { reason: 'not-found' } });
    expect(store.insIdentity(SESSION)?.status).toBe('provisional');
    expect(service.recordDocument(SESSION, 'CN', 'pharmacist-1')).toMatchObject({ identity: { status: 'validated' } });
    expect(await service.askInsi('no-such-session')).toEqual({ ok: false, refusal: { reason: 'no-identity' } });
  });

  it('keeps one consent per use, and withdraws a granted one later (only once)', () => {
    const base: ConsentRecord = {
      use: 'research',
      granted: true,
      textVersion: '2026-12',
      language: 'fr',
      textSha256: 'a'.repeat(64),
      givenAt: AT,
      withdrawnAt: null,
    };
    store.saveConsent(SESSION, { ...base, use: 'teleconsultation' });
    store.saveConsent(SESSION, base);
    store.saveConsent(SESSION, { ...base, use: 'quality-improvement', granted: false });
    expect(store.consents(SESSION).map((c) => c.use)).toEqual(['teleconsultation', 'research', 'quality-improvement']);
    expect(store.withdrawConsent(SESSION, 'research', '2026-12-07T08:00:00.000Z')).toMatchObject({ ok: true });
    expect(store.consents(SESSION).find((c) => c.use === 'research')?.withdrawnAt).toBe('2026-12-07T08:00:00.000Z');
    expect(store.withdrawConsent(SESSION, 'research', AT)).toEqual({ ok: false, reason: 'already-withdrawn' });
    expect(store.withdrawConsent(SESSION, 'quality-improvement', AT)).toEqual({ ok: false, reason: 'not-granted' });
    expect(db.prepare('SELECT withdrawn_at FROM consultation_consents WHERE use = ?').get('research')).toEqual({
      withdrawn_at: '2026-12-07T08:00:00.000Z',
    });
  });
});

import Database from 'better-sqlite3-multiple-ciphers';
import { execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { PatientIdentity } from '../../common/identity/identity';
import { givenTraitsConflict, traitsOfKioskIdentity } from '../../common/identity/identity-check';
import type { InsTraits } from '../../common/identity/ins';
import { migrateRecords } from '../records/migrations';
import { PgRecordsRepository } from '../records/pg-records-repository';
import { requirePostgres } from '../testing/postgres-instance';
import { IdentityCheckStore, type IdentityChecks } from './identity-check-store';
import { PgIdentityCheckStore } from './pg-identity-check-store';
import { httpInsiClient } from './insi-client';
import { SessionIdentityService } from './session-identity';
import { startInsiTestServer, type InsiTestServer } from './testing/insi-test-server';
import { cleanupsAfterEach } from '../../common/util/testing/cleanups';

/** The second beneficiary of the virtual card's `two-beneficiaries` scenario, as the kiosk sends it. */
const CHILD_CARD: PatientIdentity = {
  lastName: 'TEST',
  firstName: 'ENFANT',
  birthDate: '2012-06-01',
  nir: '112067512345677',
  source: 'card',
};
const CHILD: InsTraits = {
  birthName: 'TEST',
  birthGivenNames: 'ENFANT',
  birthDate: '2012-06-01',
  sex: 'M',
  birthplaceCode: '75123',
  usedName: null,
  usedGivenName: null,
};
/** A foreign patient without an NIR, typed at the kiosk: born in Morocco (INSEE 99350). */
const TYPED: PatientIdentity = {
  lastName: 'EL AMRANI',
  firstName: 'Yasmine',
  birthDate: '1990-03-14',
  nir: null,
  source: 'manual',
  traits: {
    birthName: 'EL AMRANI',
    birthGivenNames: 'YASMINE',
    birthDate: '1990-03-14',
    sex: 'F',
    birthplaceCode: '99350',
    usedName: null,
    usedGivenName: null,
  },
};
const AT = '2026-12-06T10:00:00.000Z';

/**
 * One contract for the sessions' identity checks, both engines: the embedded SQLite and a private
 * PostgreSQL (the identity and the given traits sealed there), with a real INSi test server.
 */
const postgres = await requirePostgres();
const cleanups = cleanupsAfterEach();

interface Engine {
  name: string;
  describe(title: string, body: () => void): void;
  open(): Promise<{ store: IdentityChecks; exec(sql: string): Promise<unknown>; dump?(): Buffer }>;
}
const engines: Engine[] = [
  {
    name: 'SQLite',
    describe,
    async open() {
      const db = new Database(':memory:');
      migrateRecords(db);
      cleanups.push(() => db.close());
      return { store: new IdentityCheckStore(db), exec: async (sql) => db.exec(sql) };
    },
  },
  {
    name: 'PostgreSQL',
    describe: postgres.describe,
    async open() {
      const url = await postgres.value.createDatabase();
      const records = await PgRecordsRepository.open({ url, key: randomBytes(32) });
      cleanups.push(() => records.close());
      const { pool, cipher } = records.connection();
      return {
        store: new PgIdentityCheckStore(pool, cipher),
        exec: (sql) => pool.query(sql),
        dump: () =>
          execFileSync(join(process.env.POSTGRES_BIN_DIR ?? '/usr/lib/postgresql/15/bin', 'pg_dump'), [url], {
            maxBuffer: 64 << 20,
          }),
      };
    },
  },
];

let insi: InsiTestServer;
beforeAll(async () => {
  insi = await startInsiTestServer([
    { ins: '112067512345677', traits: CHILD },
    // Two people INSi cannot tell apart by these traits (homonyms born the same day, same place).
    { ins: '290039935000101', traits: { ...TYPED.traits!, birthName: 'DUPONT' } },
    { ins: '290039935000202', traits: { ...TYPED.traits!, birthName: 'DUPONT' } },
    // An INS whose key is wrong (…78 where 77 is due): refused.
    { ins: '112067512345678', traits: { ...CHILD, birthGivenNames: 'CLEF' } },
  ]);
});
afterAll(async () => (insi.close(), postgres.missing ? undefined : await postgres.value.stop()));

for (const engine of engines) {
  let store: IdentityChecks;
  let service: SessionIdentityService;
  let exec: (sql: string) => Promise<unknown>;
  let dump: (() => Buffer) | undefined;
  beforeEach(async () => {
    if (engine.name === 'PostgreSQL' && postgres.missing) return;
    ({ store, exec, dump } = await engine.open());
    service = new SessionIdentityService(store, httpInsiClient({ url: insi.url }), () => AT);
  });

  engine.describe(`identity checks contract (${engine.name})`, () => {
    it('a card identity is searched in INSi at once: recovered, then qualified by the pharmacist, audited', async () => {
      service.received('kiosk-1', 's1', CHILD_CARD);
      await service.settled();
      expect(await service.view('s1')).toMatchObject({
        kioskId: 'kiosk-1',
        source: 'card',
        insi: { kind: 'found' },
        identity: { status: 'recovered', ins: '112067512345677', oid: '1.2.250.1.213.1.4.8' },
      });
      expect(await service.checkDocument('s1', 'CN', { role: 'pharmacist', id: 'ph-1' })).toMatchObject({
        ok: true,
        view: { identity: { status: 'qualified', document: { kind: 'CN', checkedBy: 'pharmacist:ph-1' } } },
      });
      expect(await store.documentChecks('s1')).toEqual([
        { kind: 'CN', role: 'pharmacist', checkedBy: 'ph-1', at: AT, statusAfter: 'qualified' },
      ]);
      // A replayed batch changes nothing (no second search, the status stays).
      const searches = insi.queries.length;
      service.received('kiosk-1', 's1', CHILD_CARD);
      await service.settled();
      expect(insi.queries.length).toBe(searches);
      expect((await service.view('s1'))?.identity.status).toBe('qualified');
      // At rest on PostgreSQL: the session and status in clear, the traits and the INS sealed.
      const dumped = dump?.();
      if (dumped)
        for (const needle of ['ENFANT', '112067512345677', '2012-06-01'])
          expect(dumped.includes(Buffer.from(needle)), needle).toBe(false);
    });

    it('a typed identity without NIR: not found stays provisional; a document alone gives validated, never qualified', async () => {
      service.received('kiosk-1', 's2', TYPED);
      await service.settled();
      expect(await service.view('s2')).toMatchObject({
        insi: { kind: 'not-found' },
        identity: { status: 'provisional', ins: null },
      });
      expect(await service.checkDocument('s2', 'PA', { role: 'doctor', id: 'dr-1' })).toMatchObject({
        view: { identity: { status: 'validated', ins: null } },
      });
      expect(await service.checkDocument('nobody', 'PA', { role: 'doctor', id: 'dr-1' })).toEqual({
        ok: false,
        reason: 'no-identity',
      });
    });

    it('several found, and an INS with a wrong key: refused, the identity stays provisional', async () => {
      service.received('kiosk-1', 's3', {
        ...TYPED,
        lastName: 'DUPONT',
        traits: { ...TYPED.traits!, birthName: 'DUPONT' },
      });
      service.received('kiosk-1', 's4', { ...CHILD_CARD, firstName: 'CLEF' });
      await service.settled();
      expect(await service.view('s4')).toMatchObject({
        insi: { kind: 'ins-key' },
        identity: { status: 'provisional', ins: null },
      });
      expect(await service.view('s3')).toMatchObject({
        insi: { kind: 'several' },
        identity: { status: 'provisional', ins: null },
      });
    });

    it('INSi down: said as unavailable, the identity stays provisional; no INSi configured: the same, at once', async () => {
      const down = new SessionIdentityService(
        store,
        httpInsiClient({ url: 'http://127.0.0.1:9', timeoutMs: 2000 }),
        () => AT,
      );
      down.received('kiosk-1', 's5', CHILD_CARD);
      await down.settled();
      expect(await store.view('s5')).toMatchObject({
        insi: { kind: 'unavailable' },
        identity: { status: 'provisional' },
      });
      const none = new SessionIdentityService(store, null, () => AT);
      none.received('kiosk-1', 's6', CHILD_CARD);
      await none.settled();
      expect((await store.view('s6'))?.insi?.kind).toBe('unavailable');
    });

    it('INSi down, then back: the pharmacist asks again and the identity is recovered; an answer INSi gave is not asked again', async () => {
      // One platform, its INSi address unreachable at first (a network failure), then answering.
      let url = 'http://127.0.0.1:9';
      const flaky = new SessionIdentityService(
        store,
        { searchByTraits: (query) => httpInsiClient({ url, timeoutMs: 2000 }).searchByTraits(query) },
        () => AT,
      );
      flaky.received('kiosk-1', 's9', CHILD_CARD);
      await flaky.settled();
      expect((await store.view('s9'))?.insi?.kind).toBe('unavailable');
      url = insi.url;
      const twice = await Promise.all([flaky.askInsiAgain('s9'), flaky.askInsiAgain('s9')]);
      expect(twice[0]).toMatchObject({
        ok: true,
        view: { insi: { kind: 'found' }, identity: { status: 'recovered' } },
      });
      expect(twice[1]).toEqual(twice[0]);
      expect(await flaky.askInsiAgain('s9')).toEqual({ ok: false, reason: 'insi-not-failed' });
      expect(await flaky.askInsiAgain('nobody')).toEqual({ ok: false, reason: 'no-identity' });
      const none = new SessionIdentityService(store, null, () => AT);
      none.received('kiosk-1', 's10', CHILD_CARD);
      await none.settled();
      expect(await none.askInsiAgain('s10')).toEqual({ ok: false, reason: 'no-insi' });
    });

    it("lists a pharmacy's identities of the day, and refuses a document kind RNIV does not accept", async () => {
      service.received('kiosk-1', 's7', TYPED);
      service.received('kiosk-2', 's8', TYPED);
      await service.settled();
      const listed = await service.forKiosks(['kiosk-1'], '2026-12-06T00:00:00.000Z');
      expect(listed.map((v) => v.sessionId)).toEqual(['s7']);
      await expect(
        exec(`INSERT INTO identity_document_checks (session_id, kind, checked_by_role, checked_by, checked_at, status_after)
        VALUES ('s7', 'driving-licence', 'pharmacist', 'ph-1', '${AT}', 'validated')`),
      ).rejects.toThrow(/CHECK|check constraint/);
    });
  });
}

describe('traits of a kiosk identity', () => {
  it('a card identity gives sex and birthplace from its NIR; typed traits are taken as typed', () => {
    expect(traitsOfKioskIdentity(CHILD_CARD)).toEqual(CHILD);
    expect(traitsOfKioskIdentity(TYPED)).toEqual(TYPED.traits);
    expect(traitsOfKioskIdentity({ ...CHILD_CARD, nir: '312067512345677' })).toBeNull();
  });

  it('INSi traits that contradict the card (another birth date, sex or name) are a conflict; accents are not', () => {
    expect(givenTraitsConflict(CHILD, { ...CHILD, birthName: 'TÉST' })).toBe(false);
    expect(givenTraitsConflict(CHILD, { ...CHILD, birthDate: '2012-06-02' })).toBe(true);
    expect(givenTraitsConflict(CHILD, { ...CHILD, sex: 'F' })).toBe(true);
    expect(givenTraitsConflict(CHILD, { ...CHILD, birthName: 'AUTRE' })).toBe(true);
  });
});

import { noteOf } from '../common/records/testing/samples';
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3-multiple-ciphers';
import { afterEach, describe, expect, it } from 'vitest';
import { migrateRecords, RECORDS_MIGRATIONS } from './records/migrations';
import { runAdmin } from './admin';
import { DoctorAccounts } from './auth/doctor-accounts';
import { KioskCredentials } from './auth/kiosk-credentials';
import { loadOrCreateSecret } from './auth/platform-secret';
import { entryHash } from './access/access-chain';
import { openPlatformStores } from './platform-stores';
import { PharmacistAccounts } from './auth/pharmacist-accounts';
import { PharmacyDirectory } from './pharmacy/pharmacy-directory';
import { SqlitePharmacyStore } from './pharmacy/pharmacy-store';
import { ExportTokens } from './records/export-tokens';
import { openRecordsDatabase, recordsDatabaseFile, recordsFileState } from './records/records-database';
import type { AuthStores } from './auth/auth-stores';
import { openSqliteAuthStores } from './auth/sqlite-auth-stores';
import { platformDataKey } from './platform-data-key';

/** A data folder inside a temporary one, so the development key made beside it stays in the temporary one. */
function dataFolder() {
  const dir = join(mkdtempSync(join(tmpdir(), 'admin-')), 'data');
  mkdirSync(dir, { mode: 0o700 });
  return dir;
}
const keyEnv = (key: Buffer) => ({ PLATFORM_DATA_KEY: key.toString('base64') });

/** The folder's auth store as the platform opens it (the key as admin.ts finds it), closed after each test. */
const opened: AuthStores[] = [];
afterEach(() => opened.splice(0).forEach((stores) => void stores.close()));
function storesOf(dir: string, env: NodeJS.ProcessEnv = {}): AuthStores {
  const stores = openSqliteAuthStores(
    recordsDatabaseFile(dir, platformDataKey({ dataDir: dir, env, development: true }).key),
  );
  opened.push(stores);
  return stores;
}
const doctorsOf = (dir: string, env?: NodeJS.ProcessEnv) => new DoctorAccounts(storesOf(dir, env).doctors);

describe('platform admin', () => {
  it('issues kiosk credentials under the platform secret and saves doctor accounts', async () => {
    const dir = dataFolder();
    const scope = ['--specialties', 'general-practice', '--territories', '75'];
    const credential = await runAdmin(['kiosk-credential', 'pharmacie-1', '--data-dir', dir], {});
    expect(
      await new KioskCredentials(loadOrCreateSecret(join(dir, 'platform-secret'))).verify(credential),
    ).toMatchObject({
      kioskId: 'pharmacie-1',
    });
    // Without a password: an account for Pro Santé Connect only, found by its RPPS.
    expect(
      await runAdmin(
        ['add-doctor', '--email', 'c@d.fr', '--name', 'Dr C', '--rpps', '10000000010', '--data-dir', dir].concat(scope),
        {},
      ),
    ).toMatch(/RPPS 10000000010: signs in with Pro Santé Connect\)$/);
    const pscOnly = doctorsOf(dir);
    expect(await pscOnly.byRpps('10000000010')).toMatchObject({ name: 'Dr C' });
    expect(await pscOnly.verify('c@d.fr', '')).toBeNull();
    // Without a key set, the development key beside the folder (never in it), owner-only.
    expect(statSync(`${dir}.key`).mode & 0o777).toBe(0o600);
    expect(recordsFileState(join(dir, 'records.sqlite'))).toBe('encrypted');
    await expect(
      runAdmin(
        ['add-doctor', '--email', 'e@f.fr', '--name', 'Dr E', '--rpps', '10000000010', '--data-dir', dir].concat(scope),
        {},
      ),
    ).rejects.toThrow('rpps: 10000000010 is already the RPPS of the account c@d.fr');
    const env = { PLATFORM_DOCTOR_PASSWORD: 'long-password' };
    const addDoctor = (...more: string[]) =>
      runAdmin(
        ['add-doctor', '--email', 'a@b.fr', '--name', 'Dr B', '--rpps', '10000000009', '--data-dir', dir, ...more],
        env,
      );
    // A new account must say which patients it takes.
    await expect(addDoctor()).rejects.toThrow(/--specialties and --territories are required/);
    await expect(addDoctor('--specialties', 'gp', '--territories', '75')).rejects.toThrow(
      /--specialties: "gp" is not a specialty \(general-practice, paediatrics/,
    );
    await expect(addDoctor('--specialties', 'paediatrics', '--territories', '75,20')).rejects.toThrow(
      /--territories: "20" is not a département code/,
    );
    await expect(addDoctor('--specialties', ' , ', '--territories', '75')).rejects.toThrow(
      /--specialties: give at least one/,
    );
    expect(await doctorsOf(dir).has('a@b.fr')).toBe(false);

    expect(await addDoctor('--specialties', 'general-practice,paediatrics', '--territories', '75, 92,2A')).toMatch(
      /saved/,
    );
    const accounts = doctorsOf(dir);
    const doctor = await accounts.verify('a@b.fr', 'long-password');
    expect(doctor).toMatchObject({ name: 'Dr B' });
    expect(await accounts.scopeOf(doctor!.id)).toEqual({
      specialties: ['general-practice', 'paediatrics'],
      territories: ['75', '92', '2A'],
    });
    // An update without them keeps the account's own; with them, replaces them.
    expect(await addDoctor()).toMatch(/saved/);
    expect((await accounts.scopeOf(doctor!.id))?.territories).toEqual(['75', '92', '2A']);
    expect(await addDoctor('--specialties', 'paediatrics', '--territories', '13')).toMatch(/saved/);
    expect(await accounts.scopeOf(doctor!.id)).toEqual({
      specialties: ['paediatrics'],
      territories: ['13'],
    });
    // The practice address printed on the prescriptions: checked, kept by an update without it.
    await expect(addDoctor('--practice-address', 'Paris')).rejects.toThrow(/practiceAddress: at least 8 characters/);
    await expect(addDoctor('--practice-address', '12 rue de la Paix, Paris')).rejects.toThrow(/5-digit postcode/);
    expect(await accounts.practiceAddressOf(doctor!.id)).toBeNull();
    expect(await addDoctor('--practice-address', ' 12 rue de la Paix, 75002 Paris ')).toMatch(/saved/);
    expect(await addDoctor()).toMatch(/saved/);
    expect(await accounts.practiceAddressOf(doctor!.id)).toBe('12 rue de la Paix, 75002 Paris');
    await expect(runAdmin(['what'], {})).rejects.toThrow(/usage/);
  });

  it('adds a doctor on a platform host whose data folder does not exist yet', async () => {
    const dir = join(mkdtempSync(join(tmpdir(), 'admin-')), 'platform');
    expect(
      await runAdmin(
        ['add-doctor', '--email', 'c@d.fr', '--name', 'Dr C', '--rpps', '10000000008', '--data-dir', dir].concat([
          '--specialties',
          'general-practice',
          '--territories',
          '13',
        ]),
        { PLATFORM_DOCTOR_PASSWORD: 'long-password' },
      ),
    ).toMatch(/saved/);
    expect(statSync(dir).mode & 0o777).toBe(0o700);
  });

  it('creates FHIR export tokens that the records database knows, and revokes them by id', async () => {
    const dir = dataFolder();
    const key = randomBytes(32);
    const env = keyEnv(key);
    const out = await runAdmin(['export-token', 'create', '--days', '7', '--data-dir', dir], env);
    const [token, note] = out.split('\n');
    const id = token!.split('.')[1]!;
    expect(note).toMatch(new RegExp(`id ${id}, FHIR export only, expires`));
    const tokens = new ExportTokens({ file: join(dir, 'records.sqlite'), key });
    expect(tokens.allows(`Bearer ${token}`, 'fhir-export')).toBe(true);
    expect(await runAdmin(['export-token', 'revoke', id, '--data-dir', dir], env)).toMatch(/revoked/);
    expect(tokens.allows(`Bearer ${token}`, 'fhir-export')).toBe(false);
    tokens.close();
    await expect(runAdmin(['export-token', 'revoke', 'nope', '--data-dir', dir], env)).rejects.toThrow(/no token/);
    await expect(runAdmin(['export-token', 'create', '--days', '365', '--data-dir', dir], env)).rejects.toThrow(
      /--days/,
    );
    await expect(runAdmin(['kiosk-credential', 'Bad Id', '--data-dir', dir], env)).rejects.toThrow(/kioskId/);
    // Another key does not open the folder's records: an error naming the file, nothing created.
    await expect(runAdmin(['export-token', 'create', '--data-dir', dir], keyEnv(randomBytes(32)))).rejects.toThrow(
      /data key does not open .*records\.sqlite/,
    );
  });
});

describe('admin access-log', () => {
  async function loggedFolder() {
    const dir = dataFolder();
    const key = randomBytes(32);
    const accounts = doctorsOf(dir, keyEnv(key));
    const a = await accounts.upsert({
      email: 'a@kiosk.test',
      password: 'password-a',
      name: 'Dr A',
      rpps: '10000000001',
    });
    const stores = openPlatformStores({ file: join(dir, 'records.sqlite'), key }, () =>
      Date.parse('2026-03-02T10:00:00Z'),
    );
    const read = { action: 'read', resource: 'fhir-export', resourceId: 's-1', remoteAddress: '10.0.0.7' } as const;
    await stores.accessLog.append({
      ...read,
      actor: { kind: 'doctor', id: a.id },
      consultationId: 'c-1',
      outcome: 'allowed',
      reason: null,
    });
    await stores.accessLog.append({
      ...read,
      actor: { kind: 'doctor', id: 'dr-b' },
      consultationId: 'c-1',
      outcome: 'refused',
      reason: 'not-a-participant',
    });
    stores.close();
    return { dir, key, env: keyEnv(key), doctorA: a };
  }

  it('lists the entries of a doctor (by id or e-mail), a consultation or a time range', async () => {
    const { dir, env, doctorA } = await loggedFolder();
    const query = (...args: string[]) => runAdmin(['access-log', 'query', ...args, '--data-dir', dir], env);
    expect(await query('--doctor', 'dr-b')).toBe(
      '#2 2026-03-02T10:00:00.000Z doctor:dr-b read fhir-export s-1 consultation c-1 refused (not-a-participant) from 10.0.0.7',
    );
    expect(await query('--doctor', 'a@kiosk.test')).toMatch(
      new RegExp(`^#1 .* doctor:${doctorA.id} read .* allowed from 10.0.0.7$`),
    );
    expect((await query('--consultation', 'c-1')).split('\n')).toHaveLength(2);
    expect(await query('--since', '2026-03-02T10:00:01Z')).toBe('no entries');
    expect((await query('--since', '2026-03-02', '--until', '2026-03-03')).split('\n')).toHaveLength(2);
    expect(JSON.parse(await query('--doctor', 'dr-b', '--json'))).toMatchObject({
      seq: 2,
      reason: 'not-a-participant',
    });
    await expect(query('--since', 'yesterday')).rejects.toThrow(/--since: expected a date or time/);
    await expect(query('--doctor', 'nobody@kiosk.test')).rejects.toThrow(/no doctor account/);
  });

  it('verifies the chain, catches a whole rewrite against a noted head, and names an entry tampered with raw SQL', async () => {
    const { dir, key, env } = await loggedFolder();
    const intact = await runAdmin(['access-log', 'verify', '--data-dir', dir], env);
    expect(intact).toMatch(/^access log intact: 2 entries; head #2 [0-9a-f]{64}$/);
    const head = `2:${intact.split(' ').at(-1)}`;
    expect(await runAdmin(['access-log', 'verify', '--expect', head, '--data-dir', dir], env)).toBe(intact);
    // A forger with the key recomputes every hash after changing entry #1: the chain holds, the noted head does not.
    const forger = openPlatformStores({ file: join(dir, 'records.sqlite'), key });
    const entries = await forger.accessLog.query();
    forger.close();
    const db0 = openRecordsDatabase({ file: join(dir, 'records.sqlite'), key });
    db0.exec('DROP TRIGGER access_log_no_update');
    let prevHash = '0'.repeat(64);
    for (const e of entries) {
      const forged = { ...e, prevHash, remoteAddress: e.seq === 1 ? '192.0.2.1' : e.remoteAddress };
      const hash = entryHash(forged);
      db0
        .prepare('UPDATE access_log SET remote_address = ?, prev_hash = ?, hash = ? WHERE seq = ?')
        .run(forged.remoteAddress, prevHash, hash, e.seq);
      prevHash = hash;
    }
    db0.close();
    expect(await runAdmin(['access-log', 'verify', '--data-dir', dir], env)).toMatch(/^access log intact: 2 entries/);
    await expect(runAdmin(['access-log', 'verify', '--expect', head, '--data-dir', dir], env)).rejects.toThrow(
      'access log rewritten: entry #2 no longer has the hash noted earlier',
    );
    const db = openRecordsDatabase({ file: join(dir, 'records.sqlite'), key });
    db.exec(
      "DROP TRIGGER IF EXISTS access_log_no_update; UPDATE access_log SET outcome = 'allowed', reason = NULL WHERE seq = 2",
    );
    db.close();
    await expect(runAdmin(['access-log', 'verify', '--data-dir', dir], env)).rejects.toThrow(
      'access log broken at entry #2: entry #2 was changed: its content does not match its hash',
    );
  });
});

describe('admin encrypt-records', () => {
  it("encrypts an earlier platform's database and imports its reports and prescriptions in clear, once", async () => {
    const dir = dataFolder();
    const file = join(dir, 'records.sqlite');
    // An earlier platform's folder: the database at schema 4, in clear, and the two JSON-lines files.
    const plain = new Database(file);
    migrateRecords(plain, RECORDS_MIGRATIONS, 4);
    plain
      .prepare("INSERT INTO consultations (session_id, kiosk_id, identity) VALUES ('s-1', 'k-1', ?)")
      .run(JSON.stringify({ lastName: 'PLAINTEXTNAME' }));
    plain.close();
    const report = {
      consultationId: '0b9b7c1e-1111-4a4a-8888-000000000001',
      kioskId: 'k-1',
      sessionId: 's-1',
      doctor: { id: 'dr-a', name: 'Dr A', rpps: '10000000001' },
      specialty: 'general-practice',
      reason: 'Toux',
      acceptedAt: '2026-03-01T09:00:00.000Z',
      endedAt: '2026-03-01T09:10:00.000Z',
      durationSeconds: 600,
      identityVerified: true,
      measurements: [],
      notes: 'PLAINTEXTNOTE',
      prescription: null,
    };
    writeFileSync(join(dir, 'consultation-reports.jsonl'), `${JSON.stringify(report)}\n{"torn`);
    const prescription = {
      number: 'RX-2026-000001-7',
      issuedAt: '2026-03-01T09:10:00.000Z',
      doctor: { name: 'Dr A', rpps: '10000000001' },
      lines: [{ item: 'Paracétamol 1 g', dosage: '', duration: '', notes: '' }],
      qrPayload: 'RX-2026-000001-7 https://p/verify/RX-2026-000001-7?t=x',
    };
    writeFileSync(join(dir, 'prescription-sequence.jsonl'), `${JSON.stringify({ prescription, kioskId: 'k-1' })}\n`);

    const key = randomBytes(32);
    const out = await runAdmin(['encrypt-records', '--data-dir', dir], keyEnv(key));
    expect(out).toContain(`${file}: encrypted`);
    const reportsFile = join(dir, 'consultation-reports.jsonl');
    expect(out).toContain(
      `${reportsFile}: 1 report(s) imported, file removed; 1 unreadable line(s) kept in ${reportsFile}.unreadable: look, then delete it`,
    );
    expect(out).toMatch(/prescription-sequence\.jsonl: 1 prescription\(s\) imported, file removed$/);
    expect(readFileSync(`${reportsFile}.unreadable`, 'utf8')).toBe('{"torn\n');
    expect(existsSync(join(dir, 'consultation-reports.jsonl'))).toBe(false);
    expect(existsSync(join(dir, 'prescription-sequence.jsonl'))).toBe(false);
    const bytes = readFileSync(file);
    for (const needle of ['PLAINTEXTNAME', 'PLAINTEXTNOTE', 'Paracétamol', 'SQLite format 3'])
      expect(bytes.includes(Buffer.from(needle)), needle).toBe(false);

    const stores = openPlatformStores({ file, key });
    expect(await stores.reports.get(report.consultationId)).toMatchObject({
      legacyNotes: 'PLAINTEXTNOTE',
      note: noteOf(''),
    });
    expect(await stores.prescriptions.get(prescription.number)).toMatchObject({ consultationId: null, kioskId: 'k-1' });
    // The report's doctor keeps reading that consultation's records.
    expect(await stores.access.decide('dr-a', { sessionId: 's-1' })).toMatchObject({ allowed: true });
    stores.close();
    expect(await runAdmin(['encrypt-records', '--data-dir', dir], keyEnv(key))).toMatch(/already encrypted/);
  });

  it('adds a pharmacy, gives it enrolled kiosks (one pharmacy each) and pharmacist accounts scoped to it', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'admin-'));
    const run = (args: string[], env: NodeJS.ProcessEnv = {}) => runAdmin([...args, '--data-dir', dir], env);
    expect(await run(['add-pharmacy', 'pharmacie-centrale', '--name', 'Pharmacie centrale'])).toMatch(/saved/);
    await expect(run(['add-pharmacy', 'Pharmacie Centrale', '--name', 'X'])).rejects.toThrow(
      /pharmacy id: lower-case letters, digits and dashes/,
    );
    await expect(run(['assign-kiosk', 'kiosk-1', '--pharmacy', 'pharmacie-nord'])).rejects.toThrow(
      /pharmacy pharmacie-nord does not exist: add it first/,
    );
    expect(await run(['assign-kiosk', 'kiosk-1', '--pharmacy', 'pharmacie-centrale', '--label', 'Cabine 1'])).toBe(
      'kiosk kiosk-1 belongs to pharmacie-centrale as "Cabine 1"',
    );
    // A kiosk moved to another pharmacy leaves the first one.
    await run(['add-pharmacy', 'pharmacie-nord', '--name', 'Pharmacie du Nord', '--town', 'Lille']);
    await run(['assign-kiosk', 'kiosk-1', '--pharmacy', 'pharmacie-nord']);
    // The store the platform reads (the records database here), as a node reads it.
    const db = openRecordsDatabase(
      recordsDatabaseFile(dir, platformDataKey({ dataDir: dir, env: {}, development: true }).key),
    );
    const directory = await new PharmacyDirectory(new SqlitePharmacyStore(db)).open();
    expect(directory.cabins('pharmacie-centrale')).toEqual([]);
    expect(directory.cabinOf('kiosk-1')).toMatchObject({ pharmacy: { id: 'pharmacie-nord' }, label: 'kiosk-1' });
    // The doctors' queue names the kiosk's pharmacy and town; a rename without --town keeps the town.
    expect(directory.placeOf('kiosk-1')).toEqual({ pharmacy: 'Pharmacie du Nord', town: 'Lille' });
    await run(['add-pharmacy', 'pharmacie-nord', '--name', 'Grande pharmacie du Nord']);
    await directory.refresh();
    directory.close();
    expect(directory.placeOf('kiosk-1')).toEqual({ pharmacy: 'Grande pharmacie du Nord', town: 'Lille' });
    expect(directory.placeOf('kiosk-unknown')).toBeNull();
    db.close();

    const add = ['add-pharmacist', '--email', 'Camille@Pharma.fr', '--name', 'Camille', '--pharmacy', 'pharmacie-nord'];
    await expect(run(add)).rejects.toThrow(/PLATFORM_PHARMACIST_PASSWORD/);
    await expect(
      run(['add-pharmacist', '--email', 'c@p.fr', '--name', 'C', '--pharmacy', 'nowhere'], {
        PLATFORM_PHARMACIST_PASSWORD: 'long-password',
      }),
    ).rejects.toThrow(/pharmacy nowhere does not exist/);
    expect(await run(add, { PLATFORM_PHARMACIST_PASSWORD: 'long-password' })).toMatch(/of pharmacie-nord saved/);
    const accounts = new PharmacistAccounts(storesOf(dir).pharmacists);
    expect(await accounts.verify('camille@pharma.fr', 'long-password')).toMatchObject({ pharmacyId: 'pharmacie-nord' });
    expect(await accounts.verify('camille@pharma.fr', 'wrong-password')).toBeNull();
  });
});

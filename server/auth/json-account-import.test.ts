import { existsSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { setLogLevel } from '../../common/util/logger';
import { DEV_DOCTOR, DoctorAccounts } from './doctor-accounts';
import { importJsonAccounts } from './json-account-import';
import { hashPassword } from './password-hash';
import { PharmacistAccounts } from './pharmacist-accounts';
import { memoryAuthStores } from './testing/memory-auth-stores';

afterEach(() => {
  vi.restoreAllMocks();
  setLogLevel('silent');
});

describe('import of an earlier platform’s accounts files', () => {
  it('imports doctors.json and pharmacists.json once, keeps what the store has, logs counts and no names', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'account-import-'));
    const hash = await hashPassword('long-password');
    const doctors = [
      {
        id: 'd-1',
        email: 'A@kiosk.test',
        name: 'Dr Alice Secret',
        rpps: '10000000001',
        passwordHash: hash,
        scope: DEV_DOCTOR.scope,
      },
      {
        id: 'd-2',
        email: 'b@kiosk.test',
        name: 'Dr Bob Hidden',
        rpps: '10000000002',
        passwordHash: null,
        practiceAddress: '1 rue X, 75001 Paris',
      },
    ];
    writeFileSync(join(dir, 'doctors.json'), JSON.stringify({ doctors }));
    const pharmacists = [
      { id: 'p-1', email: 'p@kiosk.test', name: 'Pat Private', pharmacyId: 'ph-1', passwordHash: hash },
    ];
    writeFileSync(join(dir, 'pharmacists.json'), JSON.stringify({ pharmacists }));
    const stores = memoryAuthStores();
    // The store already has b@ (another node imported it, or the admin command changed it since).
    await new DoctorAccounts(stores.doctors).upsert({
      email: 'b@kiosk.test',
      password: null,
      name: 'Dr Bob Renamed',
      rpps: '10000000002',
    });
    const logs: string[] = [];
    setLogLevel('info');
    vi.spyOn(console, 'error').mockImplementation((line: string) => void logs.push(line));

    expect(await importJsonAccounts(dir, stores)).toEqual({
      doctors: { imported: 1, present: 1 },
      pharmacists: { imported: 1, present: 0 },
    });
    const accounts = new DoctorAccounts(stores.doctors);
    expect(await accounts.verify('a@kiosk.test', 'long-password')).toEqual({
      id: 'd-1',
      name: 'Dr Alice Secret',
      rpps: '10000000001',
    });
    expect(await accounts.scopeOf('d-1')).toEqual(DEV_DOCTOR.scope);
    expect(await accounts.find('b@kiosk.test')).toMatchObject({ name: 'Dr Bob Renamed' });
    expect(await new PharmacistAccounts(stores.pharmacists).verify('p@kiosk.test', 'long-password')).toMatchObject({
      id: 'p-1',
    });
    expect(logs.join('\n')).toMatch(/doctors\.json: 1 doctor accounts imported into the store, 1 already there/);
    expect(logs.join('\n')).not.toMatch(/Alice|Bob|Pat|@kiosk/);
    // Once: the files are renamed, a second start imports nothing.
    expect(existsSync(join(dir, 'doctors.json'))).toBe(false);
    expect(existsSync(join(dir, 'doctors.json.imported'))).toBe(true);
    expect(await importJsonAccounts(dir, stores)).toEqual({ doctors: null, pharmacists: null });
    await stores.close();
  });

  it('refuses a damaged file naming it, imports nothing and leaves the file', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'account-import-'));
    writeFileSync(join(dir, 'doctors.json'), JSON.stringify({ doctors: [{ id: 'd-1', email: 'a@kiosk.test' }] }));
    const stores = memoryAuthStores();
    await expect(importJsonAccounts(dir, stores)).rejects.toThrow(
      /doctors\.json is invalid at doctors\.0\.name: fix or remove it/,
    );
    expect(existsSync(join(dir, 'doctors.json'))).toBe(true);
    writeFileSync(join(dir, 'doctors.json'), '{');
    await expect(importJsonAccounts(dir, stores)).rejects.toThrow(/doctors\.json is not JSON/);
    await stores.close();
  });
});

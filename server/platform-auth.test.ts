import { randomBytes } from 'node:crypto';
import { existsSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { DEV_DOCTOR } from './auth/doctor-accounts';
import { openAuthStores } from './auth/open-auth-stores';
import { hashPassword } from './auth/password-hash';
import { openPlatformAuth, seedDevelopment } from './platform-auth';
import { recordsDatabaseFile } from './records/records-database';

describe('development seeding', () => {
  it('gives the dev doctor of a data folder from before routing their specialties and territories', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'platform-auth-'));
    // An earlier platform's doctors.json, its dev doctor without a scope: imported at start.
    const passwordHash = await hashPassword(DEV_DOCTOR.password);
    const doctor = { id: 'd-1', email: DEV_DOCTOR.email, name: DEV_DOCTOR.name, rpps: DEV_DOCTOR.rpps, passwordHash };
    writeFileSync(join(dataDir, 'doctors.json'), JSON.stringify({ doctors: [doctor] }));
    const database = recordsDatabaseFile(dataDir, randomBytes(32));
    const auth = openPlatformAuth(dataDir, await openAuthStores(dataDir, database, null));
    try {
      expect(existsSync(join(dataDir, 'doctors.json'))).toBe(false);
      expect(await auth.accounts.verify(DEV_DOCTOR.email, DEV_DOCTOR.password)).toMatchObject({ id: 'd-1' });
      expect(await auth.accounts.scopeOf('d-1')).toBeNull();
      await seedDevelopment(auth, { seedDevDoctor: true });
      expect(await auth.accounts.scopeOf('d-1')).toEqual(DEV_DOCTOR.scope);
    } finally {
      await auth.close();
    }
    // Another start on the same folder (a restart): the account and its scope are in the store.
    const again = openPlatformAuth(dataDir, await openAuthStores(dataDir, database, null));
    expect(await again.accounts.scopeOf('d-1')).toEqual(DEV_DOCTOR.scope);
    await again.close();
  });
});

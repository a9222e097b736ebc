import { randomBytes } from 'node:crypto';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { DEV_DOCTOR, DoctorAccounts } from './auth/doctor-accounts';
import { openPlatformAuth, seedDevelopment } from './platform-auth';
import { recordsDatabaseFile } from './records/records-database';

describe('development seeding', () => {
  it('gives the dev doctor of a data folder from before routing their specialties and territories', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'platform-auth-'));
    const file = join(dataDir, 'doctors.json');
    await new DoctorAccounts(file).upsert(DEV_DOCTOR);
    const stored = JSON.parse(readFileSync(file, 'utf8')) as { doctors: Record<string, unknown>[] };
    delete stored.doctors[0]!.scope;
    writeFileSync(file, JSON.stringify(stored));

    const auth = openPlatformAuth(dataDir, recordsDatabaseFile(dataDir, randomBytes(32)));
    try {
      const doctor = await auth.accounts.verify(DEV_DOCTOR.email, DEV_DOCTOR.password);
      expect(auth.accounts.scopeOf(doctor!.id)).toBeNull();
      await seedDevelopment(auth, { seedDevDoctor: true });
      expect(auth.accounts.scopeOf(doctor!.id)).toEqual(DEV_DOCTOR.scope);
      expect(new DoctorAccounts(file).scopeOf(doctor!.id)).toEqual(DEV_DOCTOR.scope);
    } finally {
      auth.close();
    }
  });
});

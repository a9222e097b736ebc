import { mkdirSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runAdmin } from './admin';
import { DoctorAccounts } from './auth/doctor-accounts';
import { KioskCredentials } from './auth/kiosk-credentials';
import { loadOrCreateSecret } from './auth/platform-secret';
import { ExportTokens } from './records/export-tokens';

describe('platform admin', () => {
  it('issues kiosk credentials under the platform secret and saves doctor accounts', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'admin-'));
    mkdirSync(dir, { recursive: true });
    const credential = await runAdmin(['kiosk-credential', 'pharmacie-1', '--data-dir', dir]);
    expect(new KioskCredentials(loadOrCreateSecret(join(dir, 'platform-secret'))).verify(credential)).toMatchObject({
      kioskId: 'pharmacie-1',
    });
    // Without a password: an account for Pro Santé Connect only, found by its RPPS.
    expect(
      await runAdmin(
        ['add-doctor', '--email', 'c@d.fr', '--name', 'Dr C', '--rpps', '10000000010', '--data-dir', dir],
        {},
      ),
    ).toMatch(/RPPS 10000000010: signs in with Pro Santé Connect\)$/);
    const pscOnly = new DoctorAccounts(join(dir, 'doctors.json'));
    expect(pscOnly.byRpps('10000000010')).toMatchObject({ name: 'Dr C' });
    expect(await pscOnly.verify('c@d.fr', '')).toBeNull();
    await expect(
      runAdmin(['add-doctor', '--email', 'e@f.fr', '--name', 'Dr E', '--rpps', '10000000010', '--data-dir', dir], {}),
    ).rejects.toThrow('rpps: 10000000010 is already the RPPS of the account c@d.fr');
    expect(
      await runAdmin(
        ['add-doctor', '--email', 'a@b.fr', '--name', 'Dr B', '--rpps', '10000000009', '--data-dir', dir],
        { PLATFORM_DOCTOR_PASSWORD: 'long-password' },
      ),
    ).toMatch(/saved/);
    expect(await new DoctorAccounts(join(dir, 'doctors.json')).verify('a@b.fr', 'long-password')).toMatchObject({
      name: 'Dr B',
    });
    await expect(runAdmin(['what'])).rejects.toThrow(/usage/);
  });

  it('creates FHIR export tokens that the records database knows, and revokes them by id', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'admin-'));
    const out = await runAdmin(['export-token', 'create', '--days', '7', '--data-dir', dir]);
    const [token, note] = out.split('\n');
    const id = token!.split('.')[1]!;
    expect(note).toMatch(new RegExp(`id ${id}, FHIR export only, expires`));
    const tokens = new ExportTokens(join(dir, 'records.sqlite'));
    expect(tokens.allows(`Bearer ${token}`, 'fhir-export')).toBe(true);
    expect(await runAdmin(['export-token', 'revoke', id, '--data-dir', dir])).toMatch(/revoked/);
    expect(tokens.allows(`Bearer ${token}`, 'fhir-export')).toBe(false);
    tokens.close();
    await expect(runAdmin(['export-token', 'revoke', 'nope', '--data-dir', dir])).rejects.toThrow(/no token/);
    await expect(runAdmin(['export-token', 'create', '--days', '365', '--data-dir', dir])).rejects.toThrow(/--days/);
    await expect(runAdmin(['kiosk-credential', 'Bad Id', '--data-dir', dir])).rejects.toThrow(/kioskId/);
  });
});

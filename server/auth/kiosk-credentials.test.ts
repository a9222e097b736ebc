import { createHmac, randomBytes } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { KioskCredentials } from './kiosk-credentials';
import { SqliteKioskRevocations } from './kiosk-revocations';

const DAY = 24 * 3600_000;

function clocked(secret = randomBytes(32)) {
  const clock = { t: Date.parse('2026-03-02T09:00:00Z') };
  return { clock, credentials: new KioskCredentials(secret, { now: () => clock.t }) };
}

describe('kiosk credentials', () => {
  it('verify only what this secret issued, and name the kiosk', () => {
    const { credentials } = clocked();
    const other = new KioskCredentials(randomBytes(32));
    const token = credentials.issue('pharmacie-centrale-1');
    expect(credentials.verify(token)).toMatchObject({ kioskId: 'pharmacie-centrale-1' });
    expect(other.check(token)).toEqual({ ok: false, refusal: 'credential-invalid' });
    expect(credentials.verify(token.replace('pharmacie-centrale-1', 'pharmacie-centrale-2'))).toBeNull();
    expect(credentials.verify(`${token}x`)).toBeNull();
    expect(credentials.verify('')).toBeNull();
    expect(credentials.fromAuthorization(`Bearer ${token}`)).toMatchObject({ kioskId: 'pharmacie-centrale-1' });
    expect(() => credentials.issue('Bad Id')).toThrow(/kioskId/);
  });

  it('expire after their 90 days, and a changed expiry breaks the signature', () => {
    const { clock, credentials } = clocked();
    const token = credentials.issue('kiosk-abc');
    clock.t += 90 * DAY - 1;
    expect(credentials.check(token).ok).toBe(true);
    clock.t += 1;
    expect(credentials.check(token)).toEqual({ ok: false, refusal: 'credential-expired' });
    const parts = token.split('.');
    parts[3] = String(clock.t + 365 * DAY);
    expect(credentials.check(parts.join('.'))).toEqual({ ok: false, refusal: 'credential-invalid' });
  });

  it('refuse the never-expiring kc1 credentials of earlier platforms as expired', () => {
    const secret = randomBytes(32);
    const { credentials } = clocked(secret);
    const key = createHmac('sha256', secret).update('kiosk-credential/1').digest();
    const body = 'kc1.kiosk-abc.bm9uY2Vub25jZQ';
    const old = `${body}.${createHmac('sha256', key).update(body).digest('base64url')}`;
    expect(credentials.check(old)).toEqual({ ok: false, refusal: 'credential-expired' });
  });

  it('are revoked per kiosk by an admin process, seen by the running platform; a newer one works', () => {
    const database = { file: join(mkdtempSync(join(tmpdir(), 'kiosk-rev-')), 'records.sqlite'), key: randomBytes(32) };
    const secret = randomBytes(32);
    const clock = { t: Date.parse('2026-03-02T09:00:00Z') };
    const platformSide = new SqliteKioskRevocations(database);
    const platform = new KioskCredentials(secret, { revocations: platformSide, now: () => clock.t });
    const token = platform.issue('kiosk-abc');
    const other = platform.issue('kiosk-def');
    const adminSide = new SqliteKioskRevocations(database);
    new KioskCredentials(secret, { revocations: adminSide, now: () => clock.t }).revoke('kiosk-abc');
    adminSide.close();
    expect(platform.check(token)).toEqual({ ok: false, refusal: 'credential-revoked' });
    expect(platform.check(other).ok).toBe(true);
    clock.t += 1;
    expect(platform.check(platform.issue('kiosk-abc')).ok).toBe(true);
    platformSide.close();
  });

  it('hand out a new credential only in the last 30 days', () => {
    const { clock, credentials } = clocked();
    const principal = credentials.verify(credentials.issue('kiosk-abc'))!;
    clock.t += 60 * DAY - 1;
    expect(credentials.rotation(principal)).toBeNull();
    clock.t += 1;
    const renewed = credentials.verify(credentials.rotation(principal)!)!;
    expect(renewed).toMatchObject({ kioskId: 'kiosk-abc', expiresAtMs: clock.t + 90 * DAY });
  });
});

import { createHmac, randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { KioskCredentials } from './kiosk-credentials';

const DAY = 24 * 3600_000;

function clocked(secret = randomBytes(32)) {
  const clock = { t: Date.parse('2026-03-02T09:00:00Z') };
  return { clock, credentials: new KioskCredentials(secret, { now: () => clock.t }) };
}

describe('kiosk credentials', () => {
  it('verify only what this secret issued, and name the kiosk', async () => {
    const { credentials } = clocked();
    const other = new KioskCredentials(randomBytes(32));
    const token = credentials.issue('pharmacie-centrale-1');
    expect(await credentials.verify(token)).toMatchObject({ kioskId: 'pharmacie-centrale-1' });
    expect(await other.check(token)).toEqual({ ok: false, refusal: 'credential-invalid' });
    expect(await credentials.verify(token.replace('pharmacie-centrale-1', 'pharmacie-centrale-2'))).toBeNull();
    expect(await credentials.verify(`${token}x`)).toBeNull();
    expect(await credentials.verify('')).toBeNull();
    expect(await credentials.fromAuthorization(`Bearer ${token}`)).toMatchObject({ kioskId: 'pharmacie-centrale-1' });
    expect(() => credentials.issue('Bad Id')).toThrow(/kioskId/);
  });

  it('expire after their 90 days, and a changed expiry breaks the signature', async () => {
    const { clock, credentials } = clocked();
    const token = credentials.issue('kiosk-abc');
    clock.t += 90 * DAY - 1;
    expect((await credentials.check(token)).ok).toBe(true);
    clock.t += 1;
    expect(await credentials.check(token)).toEqual({ ok: false, refusal: 'credential-expired' });
    const parts = token.split('.');
    parts[3] = String(clock.t + 365 * DAY);
    expect(await credentials.check(parts.join('.'))).toEqual({ ok: false, refusal: 'credential-invalid' });
  });

  it('refuse the never-expiring kc1 credentials of earlier platforms as expired', async () => {
    const secret = randomBytes(32);
    const { credentials } = clocked(secret);
    const key = createHmac('sha256', secret).update('kiosk-credential/1').digest();
    const body = 'kc1.kiosk-abc.bm9uY2Vub25jZQ';
    const old = `${body}.${createHmac('sha256', key).update(body).digest('base64url')}`;
    expect(await credentials.check(old)).toEqual({ ok: false, refusal: 'credential-expired' });
  });

  // Revocations, on both engines and across nodes: auth-stores.contract.test.ts.

  it('hand out a new credential only in the last 30 days', async () => {
    const { clock, credentials } = clocked();
    const principal = (await credentials.verify(credentials.issue('kiosk-abc')))!;
    clock.t += 60 * DAY - 1;
    expect(credentials.rotation(principal)).toBeNull();
    clock.t += 1;
    const renewed = (await credentials.verify(credentials.rotation(principal)!))!;
    expect(renewed).toMatchObject({ kioskId: 'kiosk-abc', expiresAtMs: clock.t + 90 * DAY });
  });
});

import { randomBytes, scryptSync } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { TECHNICIAN_LOCKOUT_MS } from '../../common/staff/technician';
import { ManualClock } from '../../common/util/testing/manual-clock';
import { KioskStore } from '../db/kiosk-store';
import { TechnicianSignIn } from './technician-sign-in';

const SECRET = 'k7pm-x2qa-9rtw';
const stores: KioskStore[] = [];
afterEach(() => {
  for (const s of stores.splice(0)) s.close();
});

/** The kiosk's encrypted store on disk, opened again by a "restart" on the same file and key. */
function storeFile() {
  const file = join(mkdtempSync(join(tmpdir(), 'technician-sign-in-')), 'kiosk-store.sqlite');
  const key = randomBytes(32);
  return (clock: ManualClock) => {
    const store = KioskStore.open({ file, key, clock });
    stores.push(store);
    return { store, signIn: new TechnicianSignIn({ accounts: store.technicians, audit: store.audit, clock }) };
  };
}

describe('technician sign-in with their own account', () => {
  it('signs in with the cached account, and 5 wrong secrets lock that identifier for 15 minutes, across a restart', async () => {
    const clock = new ManualClock(Date.parse('2026-12-05T10:00:00Z'));
    const open = storeFile();
    let kiosk = open(clock);
    expect(kiosk.signIn.check('tech.martin', SECRET)).toMatchObject({ ok: false, error: 'no-accounts' });
    kiosk.store.technicians.replaceAll([{ id: 'tech.martin', name: 'Léa Martin', secretHash: await secretHash() }]);
    expect(kiosk.signIn.check(' Tech.Martin ', SECRET)).toEqual({
      ok: true,
      technician: { id: 'tech.martin', name: 'Léa Martin' },
    });
    for (let left = 4; left >= 1; left--)
      expect(kiosk.signIn.check('tech.martin', 'not-the-secret')).toMatchObject({
        ok: false,
        error: 'wrong-credentials',
        attemptsLeft: left,
      });
    // The kiosk restarts before the fifth try: the count survives it.
    kiosk.store.close();
    kiosk = open(clock);
    expect(kiosk.signIn.check('tech.martin', 'still-wrong')).toMatchObject({ error: 'locked', retryAfterSeconds: 900 });
    kiosk.store.close();
    kiosk = open(clock);
    clock.advance(TECHNICIAN_LOCKOUT_MS - 60_000);
    // Locked even with the right secret, after a restart, with the minutes left.
    expect(kiosk.signIn.check('tech.martin', SECRET)).toMatchObject({ error: 'locked', retryAfterSeconds: 60 });
    clock.advance(60_000);
    expect(kiosk.signIn.check('tech.martin', SECRET).ok).toBe(true);

    const audit = kiosk.store.audit.list();
    expect(audit.map((e) => [e.actor, e.action, e.subject])).toEqual([
      ['technician', 'technician-sign-in-refused', 'no-accounts'],
      ['technician:tech.martin', 'technician-signed-in', null],
      ...Array.from({ length: 4 }, () => ['technician:tech.martin', 'technician-sign-in-refused', 'wrong-credentials']),
      ['technician:tech.martin', 'technician-locked-out', '15min'],
      ['technician:tech.martin', 'technician-sign-in-refused', 'locked'],
      ['technician:tech.martin', 'technician-signed-in', null],
    ]);
    const text = JSON.stringify(audit);
    for (const secret of [SECRET, 'not-the-secret', 'still-wrong', 'Léa']) expect(text).not.toContain(secret);
  });

  it('answers an unknown identifier as a wrong secret, never writing what was typed, and drops a revoked account', async () => {
    const clock = new ManualClock(Date.parse('2026-12-05T10:00:00Z'));
    const { store, signIn } = storeFile()(clock);
    store.technicians.replaceAll([{ id: 'tech.martin', name: 'Léa Martin', secretHash: await secretHash() }]);
    expect(signIn.check('k7pm-x2qa-9rtw', 'tech.martin')).toMatchObject({
      error: 'wrong-credentials',
      attemptsLeft: 4,
    });
    expect(signIn.check('no such person!', SECRET)).toMatchObject({ error: 'wrong-credentials', attemptsLeft: 3 });
    // Unknown identifiers share their own lockout: the real account is not locked by them.
    expect(signIn.check('tech.martin', SECRET).ok).toBe(true);
    expect(JSON.stringify(store.audit.list())).not.toContain('k7pm');
    store.technicians.replaceAll([]);
    expect(signIn.check('tech.martin', SECRET)).toMatchObject({ ok: false, error: 'no-accounts' });
    store.technicians.replaceAll([{ id: 'tech.durand', name: 'Paul Durand', secretHash: await secretHash() }]);
    expect(signIn.check('tech.martin', SECRET)).toMatchObject({ ok: false, error: 'wrong-credentials' });
  });
});

/** The scrypt string of SECRET as the platform makes it (server/auth/password-hash.ts: N 16384, r 8, p 1). */
function secretHash(): Promise<string> {
  const salt = randomBytes(16);
  const hash = scryptSync(SECRET, salt, 32, { N: 16384, r: 8, p: 1 });
  return Promise.resolve(`scrypt$16384$8$1$${salt.toString('base64')}$${hash.toString('base64')}`);
}

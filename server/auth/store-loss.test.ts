import { describe, expect, it } from 'vitest';
import type { KioskRevocationStore, SessionStore } from './auth-stores';
import { SESSION_CACHE_MS } from './bearer-sessions';
import { DoctorSessions } from './doctor-sessions';
import { mirroredRevocations } from './revocation-mirror';
import { memoryAuthStores } from './testing/memory-auth-stores';

/** A store whose every call rejects while `lost` is set, as a pool whose server went away. */
function losable<S extends object>(store: S): { store: S; lose(lost: boolean): void } {
  let lost = false;
  const proxy = new Proxy(store, {
    get(target, key) {
      const value = Reflect.get(target, key) as unknown;
      if (typeof value !== 'function') return value;
      return (...args: unknown[]) =>
        lost ? Promise.reject(new Error('connect ECONNREFUSED')) : (value as (...a: unknown[]) => unknown)(...args);
    },
  });
  return { store: proxy, lose: (value) => (lost = value) };
}

const DOCTOR = { id: 'd1', name: 'Dr A', rpps: '10000000001' };

describe('the auth with its store lost (a node cut from its database)', () => {
  it('keeps the sessions this node read until their expiry, and refuses a session it never read', async () => {
    let now = 1_700_000_000_000;
    const clock = { now: () => now, setTimeout: () => 0, clearTimeout: () => {} };
    const { store, lose } = losable<SessionStore>(memoryAuthStores().sessions);
    const sessions = new DoctorSessions(store, clock, 60_000);
    const read = await sessions.create(DOCTOR);
    const unread = await sessions.create(DOCTOR);
    expect(await sessions.get(read.token)).not.toBeNull();
    lose(true);
    now += SESSION_CACHE_MS * 5;
    expect((await sessions.get(read.token))?.doctor).toEqual(DOCTOR);
    await expect(sessions.get(unread.token)).rejects.toThrow(/ECONNREFUSED/);
    now = read.expiresAt;
    await expect(sessions.get(read.token)).rejects.toThrow(/ECONNREFUSED/);
    lose(false);
    expect(await sessions.get(read.token)).toBeNull();
  });

  it('answers revocations from the copy of the whole table while the store is lost', async () => {
    const backing = memoryAuthStores().revocations;
    await backing.revoke('kiosk-old', 1_000);
    const { store, lose } = losable<KioskRevocationStore>(backing);
    const revocations = mirroredRevocations(store);
    expect(await revocations.revokedBefore('kiosk-new')).toBeNull();
    lose(true);
    // kiosk-old was never checked on this node: the copy of the table still knows it.
    expect(await revocations.revokedBefore('kiosk-old')).toBe(1_000);
    expect(await revocations.revokedBefore('kiosk-new')).toBeNull();
    lose(false);
    await backing.revoke('kiosk-new', 2_000);
    expect(await revocations.revokedBefore('kiosk-new')).toBe(2_000);
  });

  it('rejects a check when the store was never read (nothing to go by)', async () => {
    const { store, lose } = losable<KioskRevocationStore>(memoryAuthStores().revocations);
    lose(true);
    await expect(mirroredRevocations(store).revokedBefore('kiosk-1')).rejects.toThrow(/ECONNREFUSED/);
  });
});

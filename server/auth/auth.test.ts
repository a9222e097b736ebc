import { randomBytes } from 'node:crypto';
import { mkdtempSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Clock } from '../../common/util/clock';
import { CallTokens } from './call-tokens';
import { memoryRevocations } from './kiosk-revocations';
import { DEV_DOCTOR, DoctorAccounts } from './doctor-accounts';
import { DoctorSessions } from './doctor-sessions';
import { hashPassword, verifyPassword } from './password-hash';

function fakeClock(start = 1_700_000_000_000): Clock & { advance(ms: number): void } {
  let now = start;
  return { now: () => now, setTimeout: () => 0, clearTimeout: () => {}, advance: (ms) => (now += ms) };
}

describe('passwords', () => {
  it('hashes with a per-password salt and verifies only the right password', async () => {
    const a = await hashPassword('correct horse');
    const b = await hashPassword('correct horse');
    expect(a).toMatch(/^scrypt\$16384\$8\$1\$/);
    expect(a).not.toBe(b);
    expect(await verifyPassword('correct horse', a)).toBe(true);
    expect(await verifyPassword('correct hors', a)).toBe(false);
    expect(await verifyPassword('x', 'not-a-hash')).toBe(false);
    expect(await verifyPassword('x', 'scrypt$0$8$1$AA==$AA==')).toBe(false);
  });
});

describe('doctor accounts', () => {
  it('stores only hashes in a 0600 file and reloads them', async () => {
    const file = join(mkdtempSync(join(tmpdir(), 'doctors-')), 'doctors.json');
    const accounts = new DoctorAccounts(file);
    const info = await accounts.upsert(DEV_DOCTOR);
    expect(readFileSync(file, 'utf8')).not.toContain(DEV_DOCTOR.password);
    expect(statSync(file).mode & 0o777).toBe(0o600);
    const reloaded = new DoctorAccounts(file);
    expect(await reloaded.verify('DR.MARTIN@kiosk.test', DEV_DOCTOR.password)).toEqual(info);
    expect(await reloaded.verify(DEV_DOCTOR.email, 'wrong-password')).toBeNull();
    expect(await reloaded.verify('nobody@kiosk.test', DEV_DOCTOR.password)).toBeNull();
  });

  it('finds a doctor by RPPS, also one the admin command added while the platform runs', async () => {
    const file = join(mkdtempSync(join(tmpdir(), 'doctors-')), 'doctors.json');
    const running = new DoctorAccounts(file);
    expect(running.byRpps('10000000002')).toBeNull();
    const added = await new DoctorAccounts(file).upsert({
      email: 'dr.durand@kiosk.test',
      password: null,
      name: 'Dr Paul Durand',
      rpps: '10000000002',
    });
    expect(running.byRpps('10000000002')).toEqual(added);
    // No password: the account signs in only through Pro Santé Connect.
    expect(await running.verify('dr.durand@kiosk.test', '')).toBeNull();
  });

  it('refuses a bad RPPS or a short password', async () => {
    const accounts = new DoctorAccounts(null);
    await expect(accounts.upsert({ ...DEV_DOCTOR, rpps: '123' })).rejects.toThrow(/rpps/);
    await expect(accounts.upsert({ ...DEV_DOCTOR, password: 'short' })).rejects.toThrow(/password/);
  });

  it('keeps each account’s specialties and territories, naming a wrong one', async () => {
    const file = join(mkdtempSync(join(tmpdir(), 'doctors-')), 'doctors.json');
    const accounts = new DoctorAccounts(file);
    const info = await accounts.upsert(DEV_DOCTOR);
    expect(new DoctorAccounts(file).scopeOf(info.id)).toEqual(DEV_DOCTOR.scope);
    await expect(
      accounts.upsert({ ...DEV_DOCTOR, scope: { specialties: ['paediatrics'], territories: ['75', '20'] } }),
    ).rejects.toThrow(/^scope\.territories\.1: a département code/);
    expect(() => accounts.setScope(DEV_DOCTOR.email, { specialties: [], territories: ['75'] })).toThrow(
      /scope\.specialties/,
    );
    expect(() => accounts.setScope('nobody@kiosk.test', DEV_DOCTOR.scope)).toThrow(/no doctor account/);
    accounts.setScope(DEV_DOCTOR.email, { specialties: ['paediatrics', 'paediatrics'], territories: ['2A'] });
    expect(new DoctorAccounts(file).scopeOf(info.id)).toEqual({ specialties: ['paediatrics'], territories: ['2A'] });
    expect(accounts.scopeOf('unknown-id')).toBeNull();
  });

  it('reads an accounts file from before routing: such a doctor takes nobody until given a scope', async () => {
    const file = join(mkdtempSync(join(tmpdir(), 'doctors-')), 'doctors.json');
    await new DoctorAccounts(file).upsert(DEV_DOCTOR);
    const stored = JSON.parse(readFileSync(file, 'utf8')) as { doctors: Record<string, unknown>[] };
    delete stored.doctors[0]!.scope;
    writeFileSync(file, JSON.stringify(stored));
    const accounts = new DoctorAccounts(file);
    const info = await accounts.verify(DEV_DOCTOR.email, DEV_DOCTOR.password);
    expect(info).not.toBeNull();
    expect(accounts.scopeOf(info!.id)).toBeNull();
  });
});

describe('doctor sessions', () => {
  it('expire after their lifetime and can be revoked', () => {
    const clock = fakeClock();
    const sessions = new DoctorSessions(clock, 60_000);
    const doctor = { id: 'd1', name: 'Dr A', rpps: '10000000001' };
    const s = sessions.create(doctor);
    expect(sessions.fromAuthorization(`Bearer ${s.token}`)?.doctor).toEqual(doctor);
    expect(sessions.fromAuthorization(s.token)).toBeNull();
    clock.advance(59_999);
    expect(sessions.get(s.token)).not.toBeNull();
    clock.advance(1);
    expect(sessions.get(s.token)).toBeNull();
    const t = sessions.create(doctor);
    sessions.revoke(t.token);
    expect(sessions.get(t.token)).toBeNull();
  });

  it('start off duty and keep the duty the doctor sets, until the session ends', () => {
    const sessions = new DoctorSessions(fakeClock(), 60_000);
    const s = sessions.create({ id: 'd1', name: 'Dr A', rpps: '10000000001' });
    expect(sessions.get(s.token)?.onDuty).toBe(false);
    expect(sessions.setOnDuty(s.token, true)).toBe(true);
    expect(sessions.get(s.token)?.onDuty).toBe(true);
    sessions.revoke(s.token);
    expect(sessions.setOnDuty(s.token, true)).toBe(false);
  });
});

describe('call tokens', () => {
  it('grant one session until they expire', () => {
    const clock = fakeClock();
    const tokens = new CallTokens(randomBytes(32), clock, 1000);
    const { token } = tokens.issue('kiosk-abc', '6f1c1f4e-8d0a-4d4e-9f4a-3b7c2a1d0e9f');
    expect(tokens.verify(token)).toMatchObject({
      kioskId: 'kiosk-abc',
      sessionId: '6f1c1f4e-8d0a-4d4e-9f4a-3b7c2a1d0e9f',
    });
    const [prefix, body, mac] = token.split('.');
    const forged = Buffer.from(JSON.stringify({ k: 'kiosk-evil', s: 'x', e: 9e15 })).toString('base64url');
    expect(tokens.verify(`${prefix}.${forged}.${mac}`)).toBeNull();
    expect(tokens.verify(`${prefix}.${body}`)).toBeNull();
    clock.advance(1000);
    expect(tokens.verify(token)).toBeNull();
  });

  it('are refused once the kiosk is revoked, so the signalling hello closes with the credential', () => {
    const clock = fakeClock();
    const revocations = memoryRevocations();
    const tokens = new CallTokens(randomBytes(32), clock, 1000, revocations);
    const { token } = tokens.issue('kiosk-abc', '6f1c1f4e-8d0a-4d4e-9f4a-3b7c2a1d0e9f');
    const other = tokens.issue('kiosk-def', '6f1c1f4e-8d0a-4d4e-9f4a-3b7c2a1d0e9f').token;
    revocations.revoke('kiosk-abc', clock.now());
    expect(tokens.verify(token)).toBeNull();
    expect(tokens.verify(other)).not.toBeNull();
    clock.advance(1);
    expect(tokens.verify(tokens.issue('kiosk-abc', '6f1c1f4e-8d0a-4d4e-9f4a-3b7c2a1d0e9f').token)).not.toBeNull();
  });
});

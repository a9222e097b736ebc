import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import type { Clock } from '../../common/util/clock';
import { CallTokens } from './call-tokens';
import { memoryRevocations } from './kiosk-revocations';
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

describe('call tokens', () => {
  it('grant one session until they expire', async () => {
    const clock = fakeClock();
    const tokens = new CallTokens(randomBytes(32), clock, 1000);
    const { token } = tokens.issue('kiosk-abc', '6f1c1f4e-8d0a-4d4e-9f4a-3b7c2a1d0e9f');
    expect(await tokens.verify(token)).toMatchObject({
      kioskId: 'kiosk-abc',
      sessionId: '6f1c1f4e-8d0a-4d4e-9f4a-3b7c2a1d0e9f',
    });
    const [prefix, body, mac] = token.split('.');
    const forged = Buffer.from(JSON.stringify({ k: 'kiosk-evil', s: 'x', e: 9e15 })).toString('base64url');
    expect(await tokens.verify(`${prefix}.${forged}.${mac}`)).toBeNull();
    expect(await tokens.verify(`${prefix}.${body}`)).toBeNull();
    clock.advance(1000);
    expect(await tokens.verify(token)).toBeNull();
  });

  it('are refused once the kiosk is revoked, so the signalling hello closes with the credential', async () => {
    const clock = fakeClock();
    const revocations = memoryRevocations();
    const tokens = new CallTokens(randomBytes(32), clock, 1000, revocations);
    const { token } = tokens.issue('kiosk-abc', '6f1c1f4e-8d0a-4d4e-9f4a-3b7c2a1d0e9f');
    const other = tokens.issue('kiosk-def', '6f1c1f4e-8d0a-4d4e-9f4a-3b7c2a1d0e9f').token;
    await revocations.revoke('kiosk-abc', clock.now());
    expect(await tokens.verify(token)).toBeNull();
    expect(await tokens.verify(other)).not.toBeNull();
    clock.advance(1);
    expect(await tokens.verify(tokens.issue('kiosk-abc', '6f1c1f4e-8d0a-4d4e-9f4a-3b7c2a1d0e9f').token)).not.toBeNull();
  });
});

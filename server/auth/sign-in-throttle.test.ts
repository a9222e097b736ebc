import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { SignInThrottle, type SignInLimits } from './sign-in-throttle';

const LIMITS: SignInLimits = { perAccount: 3, perAddress: 5, overall: 100, windowSeconds: 60 };
const wrong = () => Promise.resolve(null);
const right = () => Promise.resolve('doctor');

beforeEach(() => vi.useFakeTimers());
afterEach(() => vi.useRealTimers());

describe('sign-in throttle', () => {
  it('locks an account after its failures, from any address, right password or not, for the window', async () => {
    const throttle = new SignInThrottle(LIMITS);
    for (const address of ['10.0.0.1', '10.0.0.2', '10.0.0.3'])
      expect(await throttle.attempt('Dr@x.fr', address, wrong)).toEqual({ kind: 'refused' });
    const locked = await throttle.attempt('dr@x.fr ', '10.0.0.4', right);
    expect(locked).toEqual({ kind: 'locked', retryAfterSeconds: 60 });
    expect(await throttle.attempt('other@x.fr', '10.0.0.4', right)).toEqual({ kind: 'signed-in', value: 'doctor' });
    vi.advanceTimersByTime(60_001);
    expect(await throttle.attempt('dr@x.fr', '10.0.0.4', right)).toEqual({ kind: 'signed-in', value: 'doctor' });
  });

  it('locks an address after its failures, whatever the accounts; other addresses carry on', async () => {
    const throttle = new SignInThrottle(LIMITS);
    for (let i = 0; i < 5; i++)
      expect(await throttle.attempt(`a${i}@x.fr`, '::ffff:10.0.0.9', wrong)).toEqual({ kind: 'refused' });
    expect((await throttle.attempt('new@x.fr', '10.0.0.9', right)).kind).toBe('locked');
    expect((await throttle.attempt('new@x.fr', '10.0.0.8', right)).kind).toBe('signed-in');
  });

  it("clears an account's count on success: a doctor who mistypes now and then is never locked", async () => {
    const throttle = new SignInThrottle({ ...LIMITS, perAddress: 100 });
    for (let round = 0; round < 10; round++) {
      expect((await throttle.attempt('dr@x.fr', '10.0.0.1', wrong)).kind).toBe('refused');
      expect((await throttle.attempt('dr@x.fr', '10.0.0.1', wrong)).kind).toBe('refused');
      expect((await throttle.attempt('dr@x.fr', '10.0.0.1', right)).kind).toBe('signed-in');
    }
  });

  it('cannot be raced: parallel attempts reach the password check only as often as the limit allows', async () => {
    const throttle = new SignInThrottle(LIMITS);
    let checks = 0;
    const slowWrong = async () => {
      checks += 1;
      await Promise.resolve();
      return null;
    };
    const outcomes = await Promise.all(
      Array.from({ length: 40 }, () => throttle.attempt('dr@x.fr', '10.0.0.1', slowWrong)),
    );
    expect(checks).toBe(3);
    expect(outcomes.filter((o) => o.kind === 'refused')).toHaveLength(3);
    expect(outcomes.filter((o) => o.kind === 'locked')).toHaveLength(37);
  });

  it('stops tracking new accounts and addresses past the platform-wide count', async () => {
    const throttle = new SignInThrottle({ ...LIMITS, overall: 4 });
    for (let i = 0; i < 4; i++) await throttle.attempt(`a${i}@x.fr`, `10.0.1.${i}`, wrong);
    expect((await throttle.attempt('fresh@x.fr', '10.0.2.1', right)).kind).toBe('locked');
    vi.advanceTimersByTime(60_001);
    expect((await throttle.attempt('fresh@x.fr', '10.0.2.1', right)).kind).toBe('signed-in');
  });
});

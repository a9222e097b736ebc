import { afterEach, describe, expect, it, vi } from 'vitest';
import { isCi } from './ci';
import { ManualClock } from './manual-clock';
import { checkStack, StackMissingError } from './stack-check';

const CI = { CI: 'true' };
const LOCAL = {};
const missing = () => {
  throw new Error('pcscd is not installed (Debian package pcscd; run scripts/setup)');
};

afterEach(() => vi.restoreAllMocks());

describe('checkStack', () => {
  it('gives the started stack when the probe succeeds, in CI or not', async () => {
    await expect(checkStack('socat', () => 'socat 1.8', { env: CI })).resolves.toEqual({
      ok: true,
      value: 'socat 1.8',
    });
    await expect(checkStack('socat', () => Promise.resolve(1), { env: LOCAL })).resolves.toEqual({
      ok: true,
      value: 1,
    });
  });

  it('fails under CI with the stack and the reason', async () => {
    const check = checkStack('pcscd + vpcd', missing, { env: CI });
    await expect(check).rejects.toBeInstanceOf(StackMissingError);
    await expect(check).rejects.toThrow(
      'pcscd + vpcd is not available: pcscd is not installed (Debian package pcscd; run scripts/setup) (CI: tests that need it fail, not skip)',
    );
  });

  it('outside CI returns the reason and prints it', async () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => undefined);
    const check = await checkStack('pcscd + vpcd', missing, { env: LOCAL });
    expect(check).toEqual({
      ok: false,
      reason: 'pcscd + vpcd is not available: pcscd is not installed (Debian package pcscd; run scripts/setup)',
    });
    expect(warn).toHaveBeenCalledWith(`skipped: ${check.ok ? '' : check.reason}`);
  });

  it('counts a start-up that does not finish in time as missing, and stops it if it comes up later', async () => {
    const clock = new ManualClock();
    let arrive: (value: string) => void = () => undefined;
    let stop: (value: string) => void = () => undefined;
    const stopped = new Promise<string>((resolve) => (stop = resolve));
    const check = checkStack('the mediasoup worker', () => new Promise<string>((resolve) => (arrive = resolve)), {
      env: CI,
      clock,
      timeoutMs: 5_000,
      stop: (value) => stop(value),
    });
    expect(clock.pendingDelays()).toEqual([5_000]);
    clock.advance(5_000);
    await expect(check).rejects.toThrow('the mediasoup worker is not available: it did not come up within 5000 ms');
    arrive('worker 42');
    await expect(stopped).resolves.toBe('worker 42');
  });
});

describe('isCi', () => {
  it('reads CI as set unless empty, "false" or "0"', () => {
    expect([{ CI: 'true' }, { CI: '1' }, { CI: 'yes' }].map(isCi)).toEqual([true, true, true]);
    expect([{}, { CI: '' }, { CI: 'false' }, { CI: 'FALSE' }, { CI: '0' }].map(isCi)).toEqual([
      false,
      false,
      false,
      false,
      false,
    ]);
  });
});

import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { prescriptionKey } from './prescription-key';

describe('the prescription key from the platform environment', () => {
  it('takes 32 or more bytes of base64', () => {
    const key = randomBytes(32);
    expect(prescriptionKey({ PLATFORM_PRESCRIPTION_KEY: key.toString('base64') }, false)).toEqual(key);
  });

  it('has a development default only for the development start', () => {
    expect(prescriptionKey({}, true)).toHaveLength(32);
    expect(() => prescriptionKey({}, false)).toThrow(/PLATFORM_PRESCRIPTION_KEY: missing/);
    expect(() => prescriptionKey({ PLATFORM_PRESCRIPTION_KEY: '' }, false)).toThrow(/missing/);
  });

  it('names what is wrong with a bad key, even in development', () => {
    const short = randomBytes(16).toString('base64');
    expect(() => prescriptionKey({ PLATFORM_PRESCRIPTION_KEY: short }, true)).toThrow(/at least 32 bytes, got 16/);
    expect(() => prescriptionKey({ PLATFORM_PRESCRIPTION_KEY: 'not base64!' }, false)).toThrow(/expected base64/);
  });
});

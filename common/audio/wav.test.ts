import { describe, expect, it } from 'vitest';
import { decodeWav, encodeWav } from './wav';

describe('WAV clips', () => {
  it('reads back what it writes, to 16-bit precision', () => {
    const samples = Float32Array.from({ length: 800 }, (_, i) => 0.8 * Math.sin((2 * Math.PI * 50 * i) / 8000));
    const decoded = decodeWav(encodeWav(samples, 8000));
    if (!decoded.ok) throw new Error(decoded.error);
    expect(decoded.value.sampleRateHz).toBe(8000);
    expect(decoded.value.durationMs).toBe(100);
    expect(decoded.value.samples).toHaveLength(800);
    for (let i = 0; i < samples.length; i++) expect(decoded.value.samples[i]).toBeCloseTo(samples[i]!, 4);
  });

  it('clips samples beyond full scale instead of wrapping them', () => {
    const decoded = decodeWav(encodeWav(Float32Array.of(1.5, -2), 8000));
    if (!decoded.ok) throw new Error(decoded.error);
    expect(decoded.value.samples[0]).toBeCloseTo(1, 3);
    expect(decoded.value.samples[1]).toBe(-1);
  });

  it('names what is wrong with a file it cannot read', () => {
    expect(decodeWav(new TextEncoder().encode('not a wav at all'))).toEqual({
      ok: false,
      error: 'not a WAV file (no RIFF/WAVE header)',
    });
    const stereo = encodeWav(new Float32Array(4), 8000);
    new DataView(stereo.buffer).setUint16(22, 2, true);
    expect(decodeWav(stereo)).toEqual({ ok: false, error: 'WAV has 2 channels, expected mono' });
    const float = encodeWav(new Float32Array(4), 8000);
    new DataView(float.buffer).setUint16(20, 3, true);
    expect(decodeWav(float)).toEqual({ ok: false, error: 'WAV is not 16-bit PCM' });
    expect(decodeWav(encodeWav(new Float32Array(4), 8000).subarray(0, 36))).toEqual({
      ok: false,
      error: 'WAV has no data chunk',
    });
  });
});

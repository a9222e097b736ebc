import { describe, expect, it } from 'vitest';
import { beatRatePerMinute, levelDb } from './heart-sound-analysis';

const RATE = 8000;
/** S1 (55 Hz, 100 ms) and S2 (90 Hz, 80 ms, 0.32 s later) at `bpm`, plus white noise of `noise` RMS. */
function heart(bpm: number, seconds: number, noise = 0): Float32Array {
  const period = 60 / bpm;
  let seed = 7;
  const random = () => ((seed = (seed * 16807) % 2147483647) / 2147483647) * 2 - 1;
  return Float32Array.from({ length: seconds * RATE }, (_, i) => {
    const t = i / RATE;
    const inBeat = t % period;
    const s1 = inBeat < 0.1 ? 0.6 * Math.sin(2 * Math.PI * 55 * t) : 0;
    const s2 = inBeat >= 0.32 && inBeat < 0.4 ? 0.4 * Math.sin(2 * Math.PI * 90 * t) : 0;
    return s1 + s2 + noise * Math.sqrt(3) * random();
  });
}

describe('heart sound analysis (what the stethoscope e2e measures)', () => {
  it.each([50, 70, 95, 130])('finds %i beats a minute within 1/min over 10 s', (bpm) => {
    expect(beatRatePerMinute(heart(bpm, 10), RATE)).toBeCloseTo(bpm, 0);
  });

  it('keeps the rate through hiss 20 dB under the heart sounds', () => {
    expect(Math.abs(beatRatePerMinute(heart(70, 10, 0.03), RATE)! - 70)).toBeLessThan(1);
  });

  it('finds no rhythm in noise alone', () => {
    const clean = heart(70, 10);
    const noiseOnly = heart(70, 10, 0.2).map((v, i) => v - clean[i]!);
    expect(beatRatePerMinute(noiseOnly, RATE)).toBe(null);
  });

  it('gives levels in dB full scale: 6 dB per halving', () => {
    const full = heart(70, 10);
    expect(levelDb(full) - levelDb(full.map((v) => v / 2))).toBeCloseTo(6.02, 2);
    expect(levelDb(new Float32Array(100))).toBe(-Infinity);
  });
});

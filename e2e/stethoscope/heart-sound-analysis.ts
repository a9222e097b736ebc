/**
 * What the stethoscope e2e measures of a heart sound, the same way at every point of the path (the
 * file, the kiosk's capture, the doctor's ear): its level, and its beat rate from the envelope's
 * autocorrelation. Pure functions over samples; unit-tested in heart-sound-analysis.test.ts.
 */

/** RMS level of the samples in dB full scale (−Infinity for silence). */
export function levelDb(samples: ArrayLike<number>): number {
  let sum = 0;
  for (let i = 0; i < samples.length; i++) sum += samples[i]! ** 2;
  return 10 * Math.log10(sum / Math.max(1, samples.length));
}

/** Energy per frame of `frameMs` (mean square), the heart sounds' envelope. */
export function energyEnvelope(samples: ArrayLike<number>, rateHz: number, frameMs = 10): Float64Array {
  const frame = Math.max(1, Math.round((rateHz * frameMs) / 1000));
  const out = new Float64Array(Math.floor(samples.length / frame));
  for (let f = 0; f < out.length; f++) {
    let sum = 0;
    for (let i = f * frame; i < (f + 1) * frame; i++) sum += samples[i]! ** 2;
    out[f] = sum / frame;
  }
  return out;
}

/**
 * Beats per minute: the lag, between 60/maxBpm and 60/minBpm seconds, at which the envelope's
 * autocorrelation peaks (S1 meets the next S1 and S2 the next S2), refined between frames by a
 * parabola through the peak and its neighbours. Null when no lag stands out (no rhythm).
 */
export function beatRatePerMinute(
  samples: ArrayLike<number>,
  rateHz: number,
  { minBpm = 40, maxBpm = 180, frameMs = 10 } = {},
): number | null {
  const envelope = energyEnvelope(samples, rateHz, frameMs);
  const mean = envelope.reduce((a, b) => a + b, 0) / Math.max(1, envelope.length);
  const centred = envelope.map((v) => v - mean);
  const frameS = frameMs / 1000;
  const from = Math.floor(60 / maxBpm / frameS);
  const to = Math.ceil(60 / minBpm / frameS);
  if (centred.length < to * 2) return null;
  const correlation = (lag: number) => {
    let sum = 0;
    for (let i = 0; i + lag < centred.length; i++) sum += centred[i]! * centred[i + lag]!;
    return sum / (centred.length - lag);
  };
  const zero = correlation(0);
  let best = from;
  let bestValue = -Infinity;
  for (let lag = from; lag <= to; lag++) {
    const value = correlation(lag);
    if (value > bestValue) [best, bestValue] = [lag, value];
  }
  // A rhythm correlates with itself a period later; noise does not.
  if (zero <= 0 || bestValue / zero < 0.3) return null;
  const before = correlation(best - 1);
  const after = correlation(best + 1);
  const curve = before - 2 * bestValue + after;
  const shift = curve < 0 ? (0.5 * (before - after)) / curve : 0;
  return 60 / ((best + shift) * frameS);
}

/**
 * mulberry32: a tiny seeded PRNG, so "garbage" scenarios (and their tests) are reproducible.
 * Returns floats in [0, 1).
 */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** The seed every garbage scenario starts from (same bytes on every run). */
export const GARBAGE_SEED = 0x5eed_c0de;

/**
 * Line noise for the 'garbage' scenario: before a frame, with probability `rate`, 1–`maxRun`
 * random bytes.
 */
export function createNoise(rate = 0.15, maxRun = 6, seed = GARBAGE_SEED): () => Uint8Array {
  const random = seededRandom(seed);
  return () => {
    if (random() >= rate) return new Uint8Array(0);
    const run = new Uint8Array(1 + Math.floor(random() * maxRun));
    for (let i = 0; i < run.length; i++) run[i] = Math.floor(random() * 256);
    return run;
  };
}

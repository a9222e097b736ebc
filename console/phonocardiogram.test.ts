import { describe, expect, it } from 'vitest';
import { ClipRecorder } from './clip-recorder';
import { PhonocardiogramBuffer } from './phonocardiogram';

const RATE = 8000;
/** `seconds` of 60 Hz bursts of 100 ms, one every `periodS`, over a faint hiss. */
function heartSound(seconds: number, periodS: number): Float32Array {
  return Float32Array.from({ length: seconds * RATE }, (_, i) => {
    const t = i / RATE;
    const inBurst = t % periodS < 0.1;
    return (inBurst ? 0.6 * Math.sin(2 * Math.PI * 60 * t) : 0) + 0.002 * Math.sin(2 * Math.PI * 1234 * t);
  });
}

describe('the phonocardiogram', () => {
  it('draws each burst as one hump of the envelope, where the signal is', () => {
    const pcg = new PhonocardiogramBuffer(RATE, 4);
    pcg.push(heartSound(4, 1));
    const view = pcg.view(400);
    // Humps: columns above half height, counted as runs.
    let humps = 0;
    for (let c = 0; c < 400; c++) if (view.envelope[c]! > 0.5 && (c === 0 || view.envelope[c - 1]! <= 0.5)) humps++;
    expect(humps).toBe(4);
    // Each hump sits on a burst (10 ms columns: the first 10 of each second).
    for (let c = 0; c < 400; c++) if (view.envelope[c]! > 0.5) expect(c % 100).toBeLessThan(12);
    expect(Math.max(...view.max)).toBeCloseTo(0.6, 1);
    expect(Math.min(...view.min)).toBeCloseTo(-0.6, 1);
    expect(Math.max(...view.envelope)).toBe(1);
  });

  it('keeps only the last window, oldest on the left', () => {
    const pcg = new PhonocardiogramBuffer(RATE, 1);
    pcg.push(new Float32Array(RATE).fill(0.1));
    pcg.push(new Float32Array(RATE / 2).fill(-0.3));
    const view = pcg.view(2);
    expect(view.max[0]).toBeCloseTo(0.1);
    expect(view.min[1]).toBeCloseTo(-0.3);
    expect(pcg.received).toBe(RATE * 1.5);
  });

  it('shows a flat line, not noise blown up, before any sound', () => {
    const view = new PhonocardiogramBuffer(RATE, 1).view(10);
    expect([...view.envelope]).toEqual(new Array(10).fill(0));
  });
});

describe('the 15 s recorder', () => {
  it('keeps exactly the clip length, counting the seconds', () => {
    const recorder = new ClipRecorder(RATE, 15, new Date('2026-11-22T10:00:00Z'));
    let done = false;
    for (let i = 0; i < 151 && !done; i++) done = recorder.push(new Float32Array(800).fill(i / 1000));
    expect(done).toBe(true);
    expect(recorder.clip()).toHaveLength(15 * RATE);
    expect(recorder.seconds).toBe(15);
    expect(recorder.clip().at(-1)).toBeCloseTo(0.149);
    expect(recorder.startedAt).toBe('2026-11-22T10:00:00.000Z');
    expect(recorder.push(new Float32Array(800))).toBe(true);
    expect(recorder.clip()).toHaveLength(15 * RATE);
  });
});

import { describe, expect, it } from 'vitest';
import { PlethPlayer } from './pleth-player';

const ramp = (from: number, n: number) => Array.from({ length: n }, (_, i) => (from + i) % 100);

describe('PlethPlayer', () => {
  it('plays bursty chunks at the device rate, after its jitter delay', () => {
    const p = new PlethPlayer(200, 4);
    // 75 Hz in chunks of 15 (200 ms of signal each), arriving in a burst of three then a gap.
    p.push(ramp(0, 15), 75, 0);
    p.push(ramp(15, 15), 75, 10);
    p.push(ramp(30, 15), 75, 20);
    expect(p.advance(100)).toBe(0); // still within the delay
    expect(p.advance(200)).toBe(0);
    expect(p.advance(400)).toBe(15); // 200 ms at 75 Hz
    expect(p.advance(600)).toBe(15);
    expect(p.played).toBe(30);
    // Each frame of a 60 Hz screen draws one or two samples, never the whole burst.
    const perFrame: number[] = [];
    for (let t = 616; t <= 808; t += 16) perFrame.push(p.advance(t));
    expect(Math.max(...perFrame)).toBeLessThanOrEqual(2);
    expect(p.played).toBe(45);
    expect(Array.from(p.trace.slice(0, 45))).toEqual(ramp(0, 45));
    expect(p.cursor).toBe(45);
  });

  it('stops when it runs dry and starts again with the next chunk', () => {
    const p = new PlethPlayer(100, 4);
    p.push(ramp(0, 15), 75, 0);
    p.advance(1000);
    expect(p.played).toBe(15);
    expect(p.playing).toBe(false);
    expect(p.advance(2000)).toBe(0);
    p.push(ramp(15, 15), 75, 3000);
    expect(p.advance(3050)).toBe(0);
    expect(p.advance(3300)).toBe(15);
  });

  it('skips ahead rather than fall behind when far more arrives than it plays', () => {
    const p = new PlethPlayer(200, 4);
    for (let i = 0; i < 20; i++) p.push(ramp(i * 15, 15), 75, 0);
    // At most twice the delay of signal (30 samples) plus the last chunk is kept.
    expect(p.advance(10_000)).toBeLessThanOrEqual(45);
    expect(p.trace[p.cursor - 1]).toBe((20 * 15 - 1) % 100);
  });

  it('wraps the sweep after its window', () => {
    const p = new PlethPlayer(0, 1);
    p.push(ramp(0, 60), 50, 0);
    p.advance(1200);
    expect(p.trace).toHaveLength(50);
    expect(p.cursor).toBe(10);
    expect(p.trace[0]).toBe(50);
  });
});

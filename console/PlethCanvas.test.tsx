import { act, cleanup, render } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { draw, PlethCanvas } from './PlethCanvas';

/** A 2D context that records the path (jsdom has no canvas backend). */
function fakeContext() {
  return {
    clearRect: vi.fn(),
    beginPath: vi.fn(),
    moveTo: vi.fn(),
    lineTo: vi.fn(),
    stroke: vi.fn(),
    strokeStyle: '',
    lineWidth: 1,
  };
}

let context: ReturnType<typeof fakeContext>;
beforeEach(() => {
  context = fakeContext();
  vi.spyOn(HTMLCanvasElement.prototype, 'getContext').mockImplementation(
    () => context as unknown as CanvasRenderingContext2D,
  );
});
afterEach(() => {
  cleanup();
  vi.restoreAllMocks();
});

describe('PlethCanvas', () => {
  it('draws the sweep across the width, 100 at the top, broken where nothing was drawn and at the cursor', () => {
    const g = fakeContext();
    draw(g as unknown as CanvasRenderingContext2D, [0, 100, 50, Number.NaN, 0], 2, 200, 104);
    expect(g.clearRect).toHaveBeenCalledWith(0, 0, 200, 104);
    expect(g.moveTo.mock.calls).toEqual([
      [0, 102],
      [100, 52],
      [200, 102],
    ]);
    expect(g.lineTo.mock.calls).toEqual([[50, 2]]);
    expect(g.stroke).toHaveBeenCalledOnce();
  });

  it('plays new samples frame by frame at their rate, then stops asking for frames', async () => {
    let clock = 0;
    const frames: FrameRequestCallback[] = [];
    vi.spyOn(performance, 'now').mockImplementation(() => clock);
    vi.stubGlobal('requestAnimationFrame', (cb: FrameRequestCallback) => frames.push(cb));
    vi.stubGlobal('cancelAnimationFrame', () => {});
    const samples = Array.from({ length: 30 }, (_, i) => i);
    const { rerender } = render(<PlethCanvas samples={[]} count={0} rateHz={75} label="pleth" />);
    rerender(<PlethCanvas samples={samples} count={30} rateHz={75} label="pleth" />);
    const drawn: number[] = [];
    // Run frames every 16 ms for 1 s of screen time.
    for (clock = 16; clock <= 1000 && frames.length > 0; clock += 16) {
      const before = context.stroke.mock.calls.length;
      await act(async () => frames.shift()!(clock));
      drawn.push(context.stroke.mock.calls.length - before);
    }
    // 30 samples at 75 Hz take 400 ms after the 250 ms delay: drawn over many frames, then no more frames.
    expect(drawn.filter((n) => n > 0).length).toBeGreaterThan(15);
    expect(frames).toHaveLength(0);
    vi.unstubAllGlobals();
  });
});

import { cleanup, render } from '@testing-library/react';
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
  it('draws the samples across the width, 100 at the top and 0 at the bottom', () => {
    const g = fakeContext();
    draw(g as unknown as CanvasRenderingContext2D, [0, 100, 50], 200, 104);
    expect(g.clearRect).toHaveBeenCalledWith(0, 0, 200, 104);
    expect(g.moveTo).toHaveBeenCalledWith(0, 102);
    expect(g.lineTo.mock.calls).toEqual([
      [100, 2],
      [200, 52],
    ]);
    expect(g.stroke).toHaveBeenCalledOnce();
  });

  it('redraws on the next frame when new samples arrive', async () => {
    const { rerender } = render(<PlethCanvas samples={[10, 20]} count={2} />);
    await vi.waitFor(() => expect(context.stroke).toHaveBeenCalledTimes(1));
    rerender(<PlethCanvas samples={[10, 20, 30, 40]} count={4} />);
    await vi.waitFor(() => expect(context.stroke).toHaveBeenCalledTimes(2));
    expect(context.lineTo).toHaveBeenCalledTimes(1 + 3);
  });
});

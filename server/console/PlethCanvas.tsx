import { useEffect, useRef } from 'react';

export interface PlethCanvasProps {
  /** Samples 0–100, oldest first (the last PLETH_WINDOW). */
  samples: readonly number[];
  /** Total received: a change means new samples to draw. */
  count: number;
  width?: number;
  height?: number;
}

/**
 * The plethysmogram, redrawn once per painted frame however many chunks arrived since the last
 * one (chunks come every few tens of ms; drawing more often than the screen refreshes is waste).
 */
export function PlethCanvas({ samples, count, width = 600, height = 100 }: PlethCanvasProps) {
  const canvas = useRef<HTMLCanvasElement>(null);
  const latest = useRef(samples);
  latest.current = samples;
  const frame = useRef<number | null>(null);

  useEffect(() => {
    if (frame.current !== null || typeof requestAnimationFrame !== 'function') return;
    frame.current = requestAnimationFrame(() => {
      frame.current = null;
      const element = canvas.current;
      const g = element?.getContext('2d');
      if (!element || !g) return;
      draw(g, latest.current, element.width, element.height);
    });
  }, [count]);

  useEffect(
    () => () => {
      if (frame.current !== null) cancelAnimationFrame(frame.current);
    },
    [],
  );

  return (
    <canvas
      ref={canvas}
      data-testid="pleth-canvas"
      data-samples={count}
      width={width}
      height={height}
      className="pleth"
      aria-label="pleth"
    />
  );
}

/** Draws the samples across the full width (x: sample index, y: 100 at the top). */
export function draw(g: CanvasRenderingContext2D, samples: readonly number[], width: number, height: number): void {
  g.clearRect(0, 0, width, height);
  if (samples.length < 2) return;
  g.strokeStyle = '#0a7d32';
  g.lineWidth = 2;
  g.beginPath();
  const step = width / (samples.length - 1);
  samples.forEach((v, i) => {
    const y = height - (v / 100) * (height - 4) - 2;
    if (i === 0) g.moveTo(0, y);
    else g.lineTo(i * step, y);
  });
  g.stroke();
}

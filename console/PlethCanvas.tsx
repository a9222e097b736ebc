import { useEffect, useRef } from 'react';
import { PlethPlayer } from './pleth-player';

export interface PlethCanvasProps {
  /** Samples 0–100, oldest first (the last PLETH_WINDOW). */
  samples: readonly number[];
  /** Total received: a change means new samples to play. */
  count: number;
  /** The device's sample rate (samples are played at it). */
  rateHz: number | null;
  label: string;
  width?: number;
  height?: number;
}

/**
 * The plethysmogram as a bedside monitor draws it: the samples are played at the device's rate
 * (PlethPlayer smooths the bursts of the network) and swept across the canvas, one frame at a
 * time while there is something to play, and not at all when nothing comes.
 */
export function PlethCanvas({ samples, count, rateHz, label, width = 480, height = 100 }: PlethCanvasProps) {
  const canvas = useRef<HTMLCanvasElement>(null);
  const player = useRef(new PlethPlayer());
  const seen = useRef(0);
  const frame = useRef<number | null>(null);

  useEffect(() => {
    const fresh = Math.min(samples.length, count - seen.current);
    seen.current = count;
    if (fresh <= 0 || rateHz === null) return;
    player.current.push(samples.slice(samples.length - fresh), rateHz, performance.now());
    if (frame.current !== null || typeof requestAnimationFrame !== 'function') return;
    const tick = (now: number) => {
      frame.current = null;
      const p = player.current;
      const g = canvas.current?.getContext('2d');
      if (p.advance(now) > 0 && g && canvas.current) draw(g, p.trace, p.cursor, canvas.current.width, height);
      if (p.playing) frame.current = requestAnimationFrame(tick);
    };
    frame.current = requestAnimationFrame(tick);
  }, [count, samples, rateHz, height]);

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
      role="img"
      aria-label={label}
    />
  );
}

/**
 * Draws the sweep: x is the index in `trace`, y 100 at the top; the line breaks at the samples
 * not drawn yet (NaN) and at `cursor`, where the newest sample meets the oldest.
 */
export function draw(
  g: CanvasRenderingContext2D,
  trace: ArrayLike<number>,
  cursor: number,
  width: number,
  height: number,
): void {
  g.clearRect(0, 0, width, height);
  if (trace.length < 2) return;
  g.strokeStyle = '#0a7d32';
  g.lineWidth = 2;
  g.beginPath();
  const step = width / (trace.length - 1);
  let pen = false;
  for (let i = 0; i < trace.length; i++) {
    const v = trace[i]!;
    if (Number.isNaN(v) || i === cursor) {
      pen = false;
      if (Number.isNaN(v)) continue;
    }
    const y = height - (v / 100) * (height - 4) - 2;
    if (pen) g.lineTo(i * step, y);
    else g.moveTo(i * step, y);
    pen = true;
  }
  g.stroke();
}

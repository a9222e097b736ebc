import { useEffect, useRef } from 'react';
import type { PhonocardiogramBuffer, PcgView } from './phonocardiogram';

export interface PhonocardiogramCanvasProps {
  pcg: PhonocardiogramBuffer;
  /** Samples received so far: a change redraws. */
  received: number;
  label: string;
  width?: number;
  height?: number;
}

/**
 * The live phonocardiogram: the signal as a trace of its min–max per column in the lower part and
 * its envelope as a line above, the last 4 s left to right. Redrawn at most once per frame.
 */
export function PhonocardiogramCanvas({ pcg, received, label, width = 480, height = 140 }: PhonocardiogramCanvasProps) {
  const canvas = useRef<HTMLCanvasElement>(null);
  const frame = useRef<number | null>(null);

  useEffect(() => {
    if (received === 0 || frame.current !== null || typeof requestAnimationFrame !== 'function') return;
    frame.current = requestAnimationFrame(() => {
      frame.current = null;
      const g = canvas.current?.getContext('2d');
      if (g) drawPcg(g, pcg.view(width), width, height);
    });
  }, [received, pcg, width, height]);

  useEffect(
    () => () => {
      if (frame.current !== null) cancelAnimationFrame(frame.current);
    },
    [],
  );

  return (
    <canvas
      ref={canvas}
      data-testid="pcg-canvas"
      data-samples={received}
      width={width}
      height={height}
      className="pcg"
      role="img"
      aria-label={label}
    />
  );
}

/** The envelope on the top third (a line), the signal on the bottom two thirds (a filled trace). */
export function drawPcg(g: CanvasRenderingContext2D, view: PcgView, width: number, height: number): void {
  g.clearRect(0, 0, width, height);
  const envelopeHeight = height / 3;
  const middle = envelopeHeight + (height - envelopeHeight) / 2;
  const half = (height - envelopeHeight) / 2 - 2;
  g.strokeStyle = '#0b5cad';
  g.lineWidth = 1;
  g.beginPath();
  for (let x = 0; x < view.min.length; x++) {
    g.moveTo(x + 0.5, middle - view.max[x]! * half);
    g.lineTo(x + 0.5, middle - view.min[x]! * half + 1);
  }
  g.stroke();
  g.strokeStyle = '#a40e26';
  g.lineWidth = 2;
  g.beginPath();
  for (let x = 0; x < view.envelope.length; x++) {
    const y = envelopeHeight - 2 - view.envelope[x]! * (envelopeHeight - 4);
    if (x === 0) g.moveTo(x, y);
    else g.lineTo(x, y);
  }
  g.stroke();
}

import { useEffect, useRef } from 'react';
import type { KioskApi } from '../../common/ipc/contract';

const WINDOW = 300; // samples kept on screen (about 4 s at 75 Hz)

/** The oximeter's pulse wave, drawn on a canvas from onPlethReceived chunks (0–100). */
export function PlethWaveform({ api, label }: { api: KioskApi | null; label: string }) {
  const canvas = useRef<HTMLCanvasElement>(null);
  useEffect(() => {
    if (!api) return;
    const samples: number[] = [];
    return api.onPlethReceived((chunk) => {
      samples.push(...chunk.samples);
      if (samples.length > WINDOW) samples.splice(0, samples.length - WINDOW);
      const ctx = canvas.current?.getContext('2d');
      if (!ctx || !canvas.current) return;
      const { width, height } = canvas.current;
      ctx.clearRect(0, 0, width, height);
      ctx.lineWidth = 4;
      ctx.strokeStyle = getComputedStyle(canvas.current).color || '#0b5cad';
      ctx.beginPath();
      samples.forEach((value, i) => {
        const x = (i / WINDOW) * width;
        const y = height - (value / 100) * height;
        if (i === 0) ctx.moveTo(x, y);
        else ctx.lineTo(x, y);
      });
      ctx.stroke();
    });
  }, [api]);
  return (
    <canvas ref={canvas} className="pleth" width={800} height={160} role="img" aria-label={label} data-testid="pleth" />
  );
}

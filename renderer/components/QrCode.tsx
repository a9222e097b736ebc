import QRCode from 'qrcode';
import { useEffect, useRef } from 'react';

/** The prescription's QR code, drawn by the qrcode package's browser build onto a canvas. */
export function QrCode({ payload, label }: { payload: string; label: string }) {
  const canvas = useRef<HTMLCanvasElement>(null);
  useEffect(() => {
    if (!canvas.current) return;
    QRCode.toCanvas(canvas.current, payload, { width: 280, margin: 2 }).catch((error: unknown) => {
      // jsdom has no canvas; on a real screen a failure leaves the printed number as the reference.
      console.warn('qr code not drawn', error instanceof Error ? error.message : 'unknown');
    });
  }, [payload]);
  return <canvas ref={canvas} className="qr" role="img" aria-label={label} data-testid="prescription-qr" />;
}

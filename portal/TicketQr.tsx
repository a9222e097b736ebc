import QRCode from 'qrcode';
import { useEffect, useRef } from 'react';

/** The appointment ticket's QR code (what the patient scans at the kiosk camera to check in). */
export function TicketQr({ token, label }: { token: string; label: string }) {
  const canvas = useRef<HTMLCanvasElement>(null);
  useEffect(() => {
    if (!canvas.current) return;
    QRCode.toCanvas(canvas.current, token, { width: 220, margin: 2 }).catch((error: unknown) => {
      // jsdom has no canvas; on a real screen a failure leaves the printed code as the reference.
      console.warn('qr code not drawn', error instanceof Error ? error.message : 'unknown');
    });
  }, [token]);
  return <canvas ref={canvas} className="ticket-qr" role="img" aria-label={label} data-testid="booking-qr" />;
}

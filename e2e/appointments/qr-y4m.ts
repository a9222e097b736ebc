import QRCode from 'qrcode';

/**
 * A Y4M video of one QR code (black on white, centred), for Chromium's fake camera
 * (--use-file-for-fake-video-capture): the ticket held up to the kiosk's camera.
 */
export function qrY4m(payload: string, width = 640, height = 480, frames = 10): Buffer {
  const qr = QRCode.create(payload, { errorCorrectionLevel: 'M' });
  const n = qr.modules.size;
  const scale = Math.floor((Math.min(width, height) * 0.8) / (n + 8));
  const side = (n + 8) * scale;
  const left = Math.floor((width - side) / 2);
  const top = Math.floor((height - side) / 2);
  const y = Buffer.alloc(width * height, 235);
  for (let r = 0; r < n; r++)
    for (let c = 0; c < n; c++) {
      if (!qr.modules.get(r, c)) continue;
      for (let dy = 0; dy < scale; dy++) {
        const row = top + (r + 4) * scale + dy;
        y.fill(16, row * width + left + (c + 4) * scale, row * width + left + (c + 5) * scale);
      }
    }
  const chroma = Buffer.alloc((width / 2) * (height / 2), 128);
  const parts: Buffer[] = [Buffer.from(`YUV4MPEG2 W${width} H${height} F10:1 Ip A1:1 C420jpeg\n`, 'latin1')];
  for (let f = 0; f < frames; f++) parts.push(Buffer.from('FRAME\n', 'latin1'), y, chroma, chroma);
  return Buffer.concat(parts);
}

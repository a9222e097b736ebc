/**
 * A Y4M (YUV4MPEG2, 4:2:0) video Chromium plays as its fake camera with
 * --use-file-for-fake-video-capture: a known size, bars in luma and a square that moves a few
 * pixels a frame (so the encoder always has something to send).
 */
export function synthesizeY4m(options: { width: number; height: number; fps: number; frames: number }): Buffer {
  const { width, height, fps, frames } = options;
  const header = Buffer.from(`YUV4MPEG2 W${width} H${height} F${fps}:1 Ip A1:1 C420jpeg\n`, 'latin1');
  const chroma = (width / 2) * (height / 2);
  const parts: Buffer[] = [header];
  for (let f = 0; f < frames; f++) {
    const y = Buffer.alloc(width * height);
    for (let row = 0; row < height; row++)
      for (let col = 0; col < width; col++) y[row * width + col] = 16 + Math.floor((col / width) * 8) * 27;
    const side = Math.floor(height / 6);
    const left = (f * 8) % (width - side);
    for (let row = side; row < 2 * side; row++) y.fill(235, row * width + left, row * width + left + side);
    parts.push(Buffer.from('FRAME\n', 'latin1'), y, Buffer.alloc(chroma, 100), Buffer.alloc(chroma, 160));
  }
  return Buffer.concat(parts);
}

import jsQR from 'jsqr';

/**
 * Reads QR codes from the cabin's camera: a frame every `everyMs` drawn on a canvas and decoded by
 * jsQR; `onCode` gets each new payload once. Returns the stop (camera released).
 */
export async function watchQrCodes(
  video: HTMLVideoElement,
  onCode: (payload: string) => void,
  everyMs = 250,
): Promise<() => void> {
  const stream = await navigator.mediaDevices.getUserMedia({ video: { width: 640, height: 480 }, audio: false });
  video.srcObject = stream;
  await video.play().catch(() => {});
  const canvas = document.createElement('canvas');
  const context = canvas.getContext('2d', { willReadFrequently: true });
  let last: string | null = null;
  const timer = setInterval(() => {
    if (!context || video.videoWidth === 0) return;
    canvas.width = video.videoWidth;
    canvas.height = video.videoHeight;
    context.drawImage(video, 0, 0);
    const image = context.getImageData(0, 0, canvas.width, canvas.height);
    const code = jsQR(image.data, image.width, image.height, { inversionAttempts: 'dontInvert' });
    if (code?.data && code.data !== last) {
      last = code.data;
      onCode(code.data);
    }
  }, everyMs);
  return () => {
    clearInterval(timer);
    stream.getTracks().forEach((track) => track.stop());
    video.srcObject = null;
  };
}

import { examStillsPath, type ExamStillInfo } from '../common/exam-camera/still';
import { err, ok, type Result } from '../common/util/result';
import { bearerHeader as authorization } from './platform-client';

/** A still captured at the console, before the platform kept it. */
export interface CapturedStill {
  capturedAt: string;
  png: Blob;
  width: number;
  height: number;
}

/** Chromium's ImageCapture (not in TypeScript's DOM library): a track's next frame at its full size. */
declare class ImageCapture {
  constructor(track: MediaStreamTrack);
  grabFrame(): Promise<ImageBitmap>;
}

/**
 * The received examination camera's next frame at the size it arrives (not the size it is drawn
 * on screen), as a lossless PNG; null when no frame could be had.
 */
export async function captureStill(
  track: MediaStreamTrack,
  now: () => Date = () => new Date(),
): Promise<CapturedStill | null> {
  let frame: ImageBitmap;
  try {
    frame = await new ImageCapture(track).grabFrame();
  } catch {
    return null;
  }
  const { width, height } = frame;
  const canvas = document.createElement('canvas');
  canvas.width = width;
  canvas.height = height;
  canvas.getContext('2d')?.drawImage(frame, 0, 0);
  frame.close();
  const png = await new Promise<Blob | null>((resolve) => canvas.toBlob(resolve, 'image/png'));
  return png ? { capturedAt: now().toISOString(), png, width, height } : null;
}

/** Bytes as base64, in slices (spreading a few MB into String.fromCharCode would overflow the stack). */
async function base64(blob: Blob): Promise<string> {
  const bytes = new Uint8Array(await blob.arrayBuffer());
  let text = '';
  for (let at = 0; at < bytes.length; at += 0x8000) text += String.fromCharCode(...bytes.subarray(at, at + 0x8000));
  return btoa(text);
}

/**
 * Posts a still into the consultation's record (server/records/exam-still-routes.ts); the answer
 * gives the size the platform read from the image. The error says the HTTP status and message.
 */
export async function saveStill(
  consultationId: string,
  still: CapturedStill,
  storage: Storage = window.sessionStorage,
): Promise<Result<ExamStillInfo, string>> {
  try {
    const res = await fetch(examStillsPath(consultationId), {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...authorization(storage) },
      body: JSON.stringify({
        capturedAt: still.capturedAt,
        contentType: 'image/png',
        imageBase64: await base64(still.png),
      }),
    });
    if (res.ok) return ok((await res.json()) as ExamStillInfo);
    const body = (await res.json().catch(() => ({}))) as { message?: string };
    return err(`${res.status} ${body.message ?? res.statusText}`);
  } catch (error) {
    return err(error instanceof Error ? error.message : String(error));
  }
}

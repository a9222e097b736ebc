import type { BloodPressureFrame } from '../protocols/blood-pressure-frame';
import { deviceLocalToEpochMs } from '../protocols/blood-pressure-frame';
import type { HidLink } from './hid-link';

/** How long to wait for a reply to one command (obpm reads with a 1 s timeout). */
export const OMRON_REPLY_TIMEOUT_MS = 1_000;

/**
 * What one download attempt found:
 * - `asleep`: no answer or "NO" — START not pressed yet (7322U: init unanswered; 790IT: NO);
 * - `records`: the newest record the device holds (null when its memory is empty);
 * - `unreadable`: the device answered, but not with what was asked (the detail says what).
 */
export type OmronDownloadResult =
  { type: 'asleep' } | { type: 'records'; newest: BloodPressureFrame | null } | { type: 'unreadable'; detail: string };

/** One model's download: the exchanges from waking the device to its newest record. */
export type OmronDownload = (link: HidLink) => Promise<OmronDownloadResult>;

/** The record with the latest device time among `frames` (valid or not), or null. */
export function newestRecord(frames: readonly BloodPressureFrame[]): BloodPressureFrame | null {
  let best: { frame: BloodPressureFrame; at: number } | null = null;
  for (const frame of frames) {
    if (frame.takenAt === null) continue;
    const at = deviceLocalToEpochMs(frame.takenAt);
    if (!Number.isNaN(at) && (best === null || at > best.at)) best = { frame, at };
  }
  return best?.frame ?? null;
}

/// <reference lib="dom" />
// page.evaluate callbacks below run in the browser.
import type { Page } from '@playwright/test';

/** Counters of a running call, each rising while its part of the call works. */
export interface CallCounters {
  /** Frames of the doctor's video the kiosk screen has shown. */
  kioskFrames: number;
  /** Frames of the patient's video the console decoded (its media session's getStats). */
  consoleFrames: number;
  /** Live vitals messages (running values and waveform) the console received from the kiosk. */
  vitals: number;
}

type ConsoleMedia = { consoleMedia?: { framesDecoded(): Promise<number>; vitalsReceived: Record<string, number> } };

const kioskFrames = (kiosk: Page) =>
  kiosk.evaluate(() => {
    const video = document.querySelector<HTMLVideoElement>('video.video.doctor');
    return video?.getVideoPlaybackQuality().totalVideoFrames ?? 0;
  });

/** The console's media session is replaced when it rejoins: its counters then start again from 0. */
const consoleCounters = (console_: Page) =>
  console_.evaluate(async () => {
    const media = (globalThis as unknown as ConsoleMedia).consoleMedia;
    if (!media) return { frames: 0, vitals: 0 };
    const { live = 0, pleth = 0 } = media.vitalsReceived;
    return { frames: await media.framesDecoded(), vitals: live + pleth };
  });

export async function callCounters(kiosk: Page, console_: Page): Promise<CallCounters> {
  const [frames, counters] = await Promise.all([kioskFrames(kiosk), consoleCounters(console_)]);
  return { kioskFrames: frames, consoleFrames: counters.frames, vitals: counters.vitals };
}

/** How much each counter grew from `before` to `after`; a counter that started again counts from 0. */
export function growth(before: CallCounters, after: CallCounters): CallCounters {
  const grown = (k: keyof CallCounters) => (after[k] >= before[k] ? after[k] - before[k] : after[k]);
  return { kioskFrames: grown('kioskFrames'), consoleFrames: grown('consoleFrames'), vitals: grown('vitals') };
}

/**
 * The least growth over one sampling window that shows each part of the call working: a video
 * decoding (the fake camera sends 30 frames a second) and live vitals arriving (the simulated
 * oximeter sends its running values and waveform several times a second).
 */
const WORKING: CallCounters = { kioskFrames: 5, consoleFrames: 5, vitals: 2 };

/** The parts of the call working over a window of growth `g`. */
export function workingParts(g: CallCounters): (keyof CallCounters)[] {
  return (Object.keys(WORKING) as (keyof CallCounters)[]).filter((k) => g[k] >= WORKING[k]);
}

/** Whether the whole call works: both videos decoding and live vitals arriving. */
export function working(g: CallCounters): boolean {
  return workingParts(g).length === Object.keys(WORKING).length;
}

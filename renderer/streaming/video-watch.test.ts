import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { VideoWatch } from './video-watch';

type Outbound = { bytesSent: number; framesPerSecond?: number; qualityLimitationReason?: string };

/** A stats report as the browser gives it: the outbound video stream beside other entries. */
const report = (outbound: Outbound) =>
  new Map<string, unknown>([
    ['out', { type: 'outbound-rtp', ...outbound }],
    ['in', { type: 'inbound-rtp', bytesReceived: 999 }],
  ]) as unknown as RTCStatsReport;

describe('VideoWatch', () => {
  let samples: (RTCStatsReport | null)[];
  let gaveUp: number;
  let watch: VideoWatch;

  beforeEach(() => {
    vi.useFakeTimers();
    samples = [];
    gaveUp = 0;
    watch = new VideoWatch({
      intervalMs: 1000,
      videoStats: () => Promise.resolve(samples.shift() ?? null),
      onBadVideo: () => {
        gaveUp += 1;
        return Promise.resolve();
      },
    });
  });
  afterEach(() => {
    watch.stop();
    vi.useRealTimers();
  });

  const tick = (times: number) => vi.advanceTimersByTimeAsync(times * 1000);

  it('gives up on video after three samples in a row with no bytes leaving', async () => {
    samples = [1000, 1000, 1000, 1000].map((bytesSent) => report({ bytesSent, framesPerSecond: 24 }));
    watch.start();
    await tick(3);
    expect(gaveUp).toBe(0);
    await tick(1);
    expect(gaveUp).toBe(1);
  });

  it('gives up when bandwidth holds the encoder under three frames a second', async () => {
    samples = [1, 2, 3].map((n) =>
      report({ bytesSent: n * 1000, framesPerSecond: 2, qualityLimitationReason: 'bandwidth' }),
    );
    watch.start();
    await tick(3);
    expect(gaveUp).toBe(1);
  });

  it('keeps video while bytes flow, and a good sample resets the count', async () => {
    samples = [1000, 1000, 1000, 2000, 2000, 3000].map((bytesSent) => report({ bytesSent, framesPerSecond: 24 }));
    watch.start();
    await tick(6);
    expect(gaveUp).toBe(0);
  });

  it('samples nothing once stopped, and starts over from a clean slate', async () => {
    samples = [1000, 1000, 1000].map((bytesSent) => report({ bytesSent }));
    watch.start();
    await tick(2);
    watch.stop();
    await tick(5);
    expect(samples).toHaveLength(1);
    watch.start();
    samples.push(report({ bytesSent: 1000 }));
    await tick(2);
    expect(gaveUp).toBe(0);
  });
});

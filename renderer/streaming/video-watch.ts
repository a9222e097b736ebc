/** Consecutive bad stats samples before giving up on video. */
const BAD_VIDEO_SAMPLES = 3;

export interface VideoWatchOptions {
  /** How often the camera's stats are checked (ms). */
  intervalMs: number;
  /** The send side's stats, or null when there is nothing to judge now (no video, call not up). */
  videoStats(): Promise<RTCStatsReport | null> | null;
  /** Video is not getting through: the call should go on with sound only. */
  onBadVideo(): Promise<void>;
}

/**
 * The audio-only decision: when the camera's packets stop leaving (bytesSent flat) or the encoder
 * is bandwidth-limited below a few frames a second for BAD_VIDEO_SAMPLES samples in a row, video
 * is given up so the voice keeps the bandwidth.
 */
export class VideoWatch {
  private timer: ReturnType<typeof setInterval> | null = null;
  private badSamples = 0;
  private lastBytes = -1;

  constructor(private readonly options: VideoWatchOptions) {}

  /** (Re)starts watching from a clean slate (a new media link). */
  start(): void {
    this.stop();
    this.badSamples = 0;
    this.lastBytes = -1;
    this.timer = setInterval(() => void this.sample(), this.options.intervalMs);
  }

  stop(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
  }

  private async sample() {
    const report = await this.options.videoStats();
    if (!report) return;
    const { bytes, fps, limited } = outboundVideo(report);
    const stalled = this.lastBytes >= 0 && bytes === this.lastBytes;
    this.lastBytes = bytes;
    this.badSamples = stalled || (limited && fps < 3) ? this.badSamples + 1 : 0;
    if (this.badSamples >= BAD_VIDEO_SAMPLES) await this.options.onBadVideo();
  }
}

/** Bytes sent, best frame rate and whether bandwidth limits the encoder, over the outbound RTP streams. */
function outboundVideo(report: RTCStatsReport) {
  let bytes = 0;
  let fps = 0;
  let limited = false;
  report.forEach(
    (s: { type: string; bytesSent?: number; framesPerSecond?: number; qualityLimitationReason?: string }) => {
      if (s.type !== 'outbound-rtp') return;
      bytes += s.bytesSent ?? 0;
      fps = Math.max(fps, s.framesPerSecond ?? 0);
      limited ||= s.qualityLimitationReason === 'bandwidth';
    },
  );
  return { bytes, fps, limited };
}

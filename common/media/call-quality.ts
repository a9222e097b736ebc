/**
 * The call's quality as the doctor's console shows it, from WebRTC's receive-side stats: the
 * bitrate received, the share of packets lost and the round-trip time, judged good, fair or poor.
 *
 * Thresholds: ITU-T G.114 keeps interactive speech under 150 ms one way (300 ms round trip) and
 * calls 400 ms one way (800 ms round trip) the upper bound for planning; Opus with in-band FEC
 * hides a loss of a few percent, so speech stays clear under 2 % and degrades beyond 5 %.
 */
export type QualityLevel = 'good' | 'fair' | 'poor';

/** One reading of the receive side: totals since the call began, and the current round trip. */
export interface ReceiveSample {
  /** ms (the stats' timestamp). */
  at: number;
  bytesReceived: number;
  packetsReceived: number;
  packetsLost: number;
  /** Seconds, from the nominated candidate pair; null when not known yet. */
  roundTripSeconds: number | null;
}

export interface CallQuality {
  level: QualityLevel;
  bitrateKbps: number;
  /** Percent of the packets expected in the interval that did not arrive. */
  lossPercent: number;
  rttMs: number | null;
}

export const QUALITY_THRESHOLDS = {
  good: { lossPercent: 2, rttMs: 300 },
  fair: { lossPercent: 5, rttMs: 800 },
} as const;

/** The quality over the interval between two samples of the same transport; null when no time passed. */
export function callQuality(previous: ReceiveSample, current: ReceiveSample): CallQuality | null {
  const seconds = (current.at - previous.at) / 1000;
  if (seconds <= 0) return null;
  const received = Math.max(0, current.packetsReceived - previous.packetsReceived);
  const lost = Math.max(0, current.packetsLost - previous.packetsLost);
  const lossPercent = received + lost === 0 ? 0 : (100 * lost) / (received + lost);
  const bitrateKbps = Math.max(0, (8 * (current.bytesReceived - previous.bytesReceived)) / 1000 / seconds);
  const rttMs = current.roundTripSeconds === null ? null : current.roundTripSeconds * 1000;
  const within = (limit: { lossPercent: number; rttMs: number }) =>
    lossPercent < limit.lossPercent && (rttMs === null || rttMs < limit.rttMs);
  // Nothing arriving at all is the worst case, whatever the loss counters say.
  const level: QualityLevel =
    received === 0
      ? 'poor'
      : within(QUALITY_THRESHOLDS.good)
        ? 'good'
        : within(QUALITY_THRESHOLDS.fair)
          ? 'fair'
          : 'poor';
  return { level, bitrateKbps, lossPercent, rttMs };
}

/** Sums a receive transport's inbound RTP streams and reads its nominated pair's round trip. */
export function receiveSample(report: RTCStatsReport, at: number): ReceiveSample {
  const sample: ReceiveSample = { at, bytesReceived: 0, packetsReceived: 0, packetsLost: 0, roundTripSeconds: null };
  report.forEach(
    (s: {
      type: string;
      bytesReceived?: number;
      packetsReceived?: number;
      packetsLost?: number;
      nominated?: boolean;
      state?: string;
      currentRoundTripTime?: number;
    }) => {
      if (s.type === 'inbound-rtp') {
        sample.bytesReceived += s.bytesReceived ?? 0;
        sample.packetsReceived += s.packetsReceived ?? 0;
        sample.packetsLost += Math.max(0, s.packetsLost ?? 0);
      } else if (s.type === 'candidate-pair' && s.nominated && s.state === 'succeeded') {
        sample.roundTripSeconds = s.currentRoundTripTime ?? sample.roundTripSeconds;
      }
    },
  );
  return sample;
}

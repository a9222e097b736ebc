import { describe, expect, it } from 'vitest';
import { callQuality, receiveSample, type ReceiveSample } from './call-quality';

const at = (ms: number, more: Partial<ReceiveSample> = {}): ReceiveSample => ({
  at: ms,
  bytesReceived: 0,
  packetsReceived: 0,
  packetsLost: 0,
  roundTripSeconds: 0.04,
  ...more,
});

describe('the call quality the doctor sees', () => {
  it('computes bitrate, loss and round trip over the interval, and judges them', () => {
    const q = callQuality(
      at(0, { bytesReceived: 1_000_000, packetsReceived: 1000, packetsLost: 10 }),
      at(2000, { bytesReceived: 1_250_000, packetsReceived: 1990, packetsLost: 20 }),
    );
    expect(q).toEqual({ level: 'good', bitrateKbps: 1000, lossPercent: 1, rttMs: 40 });
  });

  it('is fair from 2 % loss or 300 ms round trip, poor from 5 % or 800 ms, or when nothing arrives', () => {
    const level = (lost: number, rtt: number, received = 100) =>
      callQuality(at(0), at(1000, { packetsReceived: received, packetsLost: lost, roundTripSeconds: rtt }))?.level;
    expect(level(1, 0.299)).toBe('good');
    expect(level(3, 0.05)).toBe('fair');
    expect(level(0, 0.3)).toBe('fair');
    expect(level(6, 0.05)).toBe('poor');
    expect(level(0, 0.8)).toBe('poor');
    expect(level(0, 0.05, 0)).toBe('poor');
  });

  it('has no verdict without time between the samples, and never a negative figure after a counter reset', () => {
    expect(callQuality(at(1000), at(1000))).toBeNull();
    const q = callQuality(at(0, { bytesReceived: 5000, packetsReceived: 50 }), at(1000, { packetsReceived: 10 }));
    expect(q).toMatchObject({ bitrateKbps: 0, lossPercent: 0 });
  });

  it('sums the inbound streams and reads the nominated pair’s round trip from WebRTC stats', () => {
    const stats = new Map<string, Record<string, unknown>>([
      ['v', { type: 'inbound-rtp', kind: 'video', bytesReceived: 900, packetsReceived: 9, packetsLost: 1 }],
      ['a', { type: 'inbound-rtp', kind: 'audio', bytesReceived: 100, packetsReceived: 5, packetsLost: -1 }],
      ['p1', { type: 'candidate-pair', nominated: false, state: 'failed', currentRoundTripTime: 9 }],
      ['p2', { type: 'candidate-pair', nominated: true, state: 'succeeded', currentRoundTripTime: 0.012 }],
      ['o', { type: 'outbound-rtp', bytesSent: 5000 }],
    ]) as unknown as RTCStatsReport;
    expect(receiveSample(stats, 42)).toEqual({
      at: 42,
      bytesReceived: 1000,
      packetsReceived: 14,
      packetsLost: 1,
      roundTripSeconds: 0.012,
    });
  });
});

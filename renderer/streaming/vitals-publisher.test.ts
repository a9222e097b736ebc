import { describe, expect, it } from 'vitest';
import { parseVitalsMessage } from '../../common/signaling/vitals';
import { createFakeVitalsSource } from './testing/fake-vitals-source';
import { VitalsPublisher } from './vitals-publisher';

function channel(state: RTCDataChannelState = 'open') {
  const sent: string[] = [];
  return { readyState: state, send: (d: string) => void sent.push(d), sent };
}

const measurement = {
  id: '0b0c8f3e-5f7a-4c1e-9d2b-7a6e5c4d3b2a',
  deviceId: 'ox',
  model: 'contec-cms50-v7' as const,
  modelName: 'Contec CMS50D+/E/F (protocole V7)',
  serialNumber: null,
  takenAt: '2026-01-01T10:00:00.000Z',
  flags: [],
  valid: true,
  calibration: 'valid' as const,
  kind: 'oximetry' as const,
  spo2: 97,
  pulseRate: 70,
  perfusionIndex: null,
};

describe('VitalsPublisher', () => {
  it('sends live data on the lossy channel and results on the reliable one, as valid envelopes', () => {
    const vitals = createFakeVitalsSource();
    const publisher = new VitalsPublisher(vitals.source, () => 1234);
    const live = channel();
    const results = channel();
    publisher.attach(live, results);
    vitals.pleth({ deviceId: 'ox', rateHz: 60, startedAt: 1, samples: [1, 2, 3] });
    vitals.live({ deviceId: 'ox', kind: 'oximetry', at: 2, spo2: 97, pulseRate: 70, flags: [], progress: 0.5 });
    vitals.measurement(measurement);
    expect(live.sent.map((s) => parseVitalsMessage(s)?.type)).toEqual(['pleth', 'live']);
    expect(live.sent.map((s) => parseVitalsMessage(s)?.seq)).toEqual([0, 1]);
    expect(parseVitalsMessage(live.sent[0])).toMatchObject({ sentAt: 1234 });
    expect(results.sent.map((s) => parseVitalsMessage(s))).toEqual([
      { type: 'measurement', sentAt: 1234, seq: 0, measurement },
    ]);
  });

  it('drops live data while disconnected but keeps results until the channel opens', () => {
    const vitals = createFakeVitalsSource();
    const publisher = new VitalsPublisher(vitals.source);
    const closedLive = channel('connecting');
    const closedResults = channel('connecting');
    publisher.attach(closedLive, closedResults);
    vitals.pleth({ deviceId: 'ox', rateHz: 60, startedAt: 1, samples: [1] });
    vitals.measurement(measurement);
    expect(closedLive.sent).toEqual([]);
    expect(closedResults.sent).toEqual([]);
    const results = channel();
    publisher.attach(channel(), results);
    expect(results.sent.map((s) => parseVitalsMessage(s)?.type)).toEqual(['measurement']);
    publisher.dispose();
    vitals.measurement(measurement);
    expect(results.sent).toHaveLength(1);
  });
});

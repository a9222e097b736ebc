import { describe, expect, it } from 'vitest';
import type { LiveReading } from '../common/devices/live-reading';
import { Measurement } from '../common/devices/measurement';
import type { VitalsMessage } from '../common/signaling/vitals';
import { ALL_DEVICES, bloodPressure, device, oximetry, temperature } from './vitals-fixtures';
import {
  applyVitals,
  consoleTime,
  deviceFor,
  emptyVitals,
  liveChannelOpened,
  measurementRequested,
  PLETH_WINDOW,
  requestFailed,
  setLiveView,
  type VitalsState,
} from './vitals-state';

const T = Date.parse('2026-11-22T10:01:00.000Z');

const pleth = (seq: number, samples: number[]): VitalsMessage => ({
  type: 'pleth',
  sentAt: 0,
  seq,
  chunk: { deviceId: 'ox1', rateHz: 75, startedAt: 0, samples },
});

const live = (seq: number, reading: Partial<LiveReading> & Pick<LiveReading, 'kind'>): VitalsMessage => ({
  type: 'live',
  sentAt: T + seq * 100,
  seq,
  reading: { deviceId: 'th1', at: T + seq * 100, flags: [], progress: null, ...reading },
});

const final = (m: Measurement, sentAt = Date.parse(m.takenAt) + 50): VitalsMessage => ({
  type: 'measurement',
  sentAt,
  seq: 0,
  measurement: m,
});

/** Feeds messages in order, each received when it was sent (same clocks). */
const feed = (s: VitalsState, ...messages: VitalsMessage[]) =>
  messages.reduce((state, m) => applyVitals(state, m, m.sentAt), s);

describe('vitals state', () => {
  it('fixtures match the shared schemas', () => {
    for (const m of [oximetry(), temperature(), bloodPressure()]) expect(Measurement.safeParse(m).success).toBe(true);
  });

  it('keeps a final temperature as the reading of record while the probe goes on sending cooler values', () => {
    let s = measurementRequested(emptyVitals(ALL_DEVICES), 'temperature');
    s = feed(s, live(1, { kind: 'temperature', celsius: 36.2 }));
    expect(s.live.temperature?.value.celsius).toBe(36.2);
    s = feed(s, final(temperature({ celsius: 36.9, takenAt: new Date(T + 150).toISOString() })));
    // The device goes on: 12 s of a cooling probe, every value newer than the final one.
    for (let i = 2; i < 120; i++) s = feed(s, live(i, { kind: 'temperature', celsius: 32 - i / 20 }));
    expect(s.recorded.temperature?.value).toMatchObject({ celsius: 36.9 });
    expect(s.live.temperature).toBeUndefined();
    expect(s.requested.temperature).toBeUndefined();
  });

  it('keeps a final SpO2 and pulse while the oximeter streams, and stops its waveform', () => {
    let s = measurementRequested(emptyVitals(ALL_DEVICES), 'oximetry');
    s = feed(s, live(1, { kind: 'oximetry', spo2: 95, pulseRate: 80 }), pleth(2, [10, 20]));
    expect(s.pleth).toEqual([10, 20]);
    s = feed(s, final(oximetry({ spo2: 98, pulseRate: 72, takenAt: new Date(T).toISOString() })));
    s = feed(s, live(3, { kind: 'oximetry', spo2: 94, pulseRate: 90 }), pleth(4, [30]));
    expect(s.recorded.oximetry?.value).toMatchObject({ spo2: 98, pulseRate: 72 });
    expect(s.live.oximetry).toBeUndefined();
    expect(s.pleth).toEqual([]);
  });

  it('keeps no running value of a kind nobody asked for (the oximeter streams from the first second)', () => {
    const s0 = emptyVitals(ALL_DEVICES);
    const s = feed(s0, live(1, { kind: 'oximetry', spo2: 97 }), live(2, { kind: 'temperature', celsius: 25 }));
    expect(s).toBe(s0);
    expect(feed(s0, pleth(3, [50]))).toBe(s0);
  });

  it('counts the same measurement once (channel and relay) so a duplicate cannot end a new request', () => {
    const m = temperature({ celsius: 37.2 });
    let s = feed(measurementRequested(emptyVitals(ALL_DEVICES), 'temperature'), final(m));
    s = measurementRequested(s, 'temperature');
    s = feed(s, final(m));
    expect(s.requested.temperature).toBe(true);
    expect(s.history).toHaveLength(1);
  });

  it('keeps every final in the history, oldest first; an older one arriving late stays out of the record', () => {
    const newer = temperature({ id: '11111111-1111-4111-8111-111111111111', celsius: 37.5 });
    const older = temperature({ celsius: 36.8, takenAt: '2026-11-22T09:50:00.000Z' });
    const s = feed(emptyVitals(ALL_DEVICES), final(newer), final(older));
    expect(s.recorded.temperature?.value).toMatchObject({ celsius: 37.5 });
    expect(s.history.map((h) => h.value.kind === 'temperature' && h.value.celsius)).toEqual([36.8, 37.5]);
  });

  it('shows running values in an open live view, without a request and after a final', () => {
    let s = setLiveView(emptyVitals(ALL_DEVICES), 'blood-pressure', true);
    s = feed(s, live(1, { kind: 'blood-pressure', cuffPressure: 120 }));
    expect(s.live['blood-pressure']?.value.cuffPressure).toBe(120);
    s = feed(s, final(bloodPressure()));
    expect(s.recorded['blood-pressure']).toBeDefined();
    expect(s.live['blood-pressure']).toBeDefined();
    s = setLiveView(s, 'blood-pressure', false);
    expect(s.live['blood-pressure']).toBeUndefined();
    expect(feed(s, live(2, { kind: 'blood-pressure', cuffPressure: 90 })).live['blood-pressure']).toBeUndefined();
  });

  it('ends a request on a failure (shown until the next request) or when the request could not be sent', () => {
    let s = measurementRequested(emptyVitals(ALL_DEVICES), 'oximetry');
    s = feed(s, { type: 'measurement-failed', sentAt: T, seq: 0, kind: 'oximetry', failure: 'finger-out' });
    expect(s.failed.oximetry).toBe('finger-out');
    expect(s.requested.oximetry).toBeUndefined();
    s = measurementRequested(s, 'oximetry');
    expect(s.failed.oximetry).toBeUndefined();
    s = requestFailed(s, 'oximetry');
    expect(s.requested.oximetry).toBeUndefined();
  });

  it('dates readings in the console clock, whatever the kiosk clock says', () => {
    // Kiosk clock 1 h behind: a reading taken 2 s before it was sent, received at 10:00:00 console time.
    const receivedAt = Date.parse('2026-11-22T10:00:00.000Z');
    const kioskSentAt = receivedAt - 3_600_000;
    expect(consoleTime(kioskSentAt - 2000, kioskSentAt, receivedAt)).toBe(receivedAt - 2000);
    // A device clock ahead of the kiosk's: counted as taken when sent.
    expect(consoleTime(kioskSentAt + 5000, kioskSentAt, receivedAt)).toBe(receivedAt);
    const m = temperature({ takenAt: new Date(kioskSentAt - 2000).toISOString() });
    const s = applyVitals(emptyVitals(ALL_DEVICES), final(m, kioskSentAt), receivedAt);
    expect(s.recorded.temperature?.at).toBe(receivedAt - 2000);
  });

  it('keeps the last pleth window and its rate, and drops out-of-order chunks of the lossy channel', () => {
    let s = setLiveView(emptyVitals(ALL_DEVICES), 'oximetry', true);
    s = applyVitals(s, pleth(1, [10, 20]));
    s = applyVitals(s, pleth(3, [30]));
    const afterLate = applyVitals(s, pleth(2, [99]));
    expect(afterLate).toBe(s);
    expect(s.pleth).toEqual([10, 20, 30]);
    expect(s.plethRateHz).toBe(75);
    s = applyVitals(
      s,
      pleth(
        4,
        Array.from({ length: PLETH_WINDOW }, () => 50),
      ),
    );
    expect(s.pleth).toHaveLength(PLETH_WINDOW);
    expect(s.pleth[0]).toBe(50);
    expect(s.plethCount).toBe(3 + PLETH_WINDOW);
    // A new live channel (kiosk reload) numbers from 0 again.
    expect(applyVitals(s, pleth(0, [1])).plethCount).toBe(s.plethCount);
    expect(applyVitals(liveChannelOpened(s), pleth(0, [1])).plethCount).toBe(s.plethCount + 1);
  });

  it('takes device changes and the measurements of the accept result', () => {
    let s = emptyVitals([], [temperature()]);
    expect(s.recorded.temperature?.at).toBe(Date.parse(temperature().takenAt));
    expect(deviceFor(s, 'oximetry')).toBeUndefined();
    s = applyVitals(s, { type: 'devices', sentAt: 0, seq: 2, devices: [device({})] });
    expect(deviceFor(s, 'oximetry')?.model).toBe('contec-cms50-v7');
  });
});

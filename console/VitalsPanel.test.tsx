import { cleanup, fireEvent, render, screen } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { VitalsMessage } from '../common/signaling/vitals';
import { I18nextProvider } from 'react-i18next';
import { createConsoleI18n } from './i18n';
import { ALL_DEVICES, bloodPressure, device, oximetry, temperature } from './vitals-fixtures';
import { applyVitals, emptyVitals, measurementRequested, type VitalsState } from './vitals-state';
import { VitalsPanel } from './VitalsPanel';

// jsdom has no canvas backend: the waveform draws nothing here (PlethCanvas.test.tsx checks the drawing).
beforeEach(() => {
  vi.spyOn(HTMLCanvasElement.prototype, 'getContext').mockReturnValue(null);
});
afterEach(cleanup);

const text = (id: string) => screen.getByTestId(id).textContent;
const texts = (...ids: string[]) => ids.map(text);
const T = Date.parse('2026-11-22T10:01:00.000Z');
const at = (ms: number) => new Date(T + ms).toISOString();

const liveTemp = (seq: number, celsius: number): VitalsMessage => ({
  type: 'live',
  sentAt: T + 300 + seq,
  seq,
  reading: { deviceId: 'th1', kind: 'temperature', at: T + 300 + seq, celsius, flags: [], progress: null },
});
const receive = (s: VitalsState, m: VitalsMessage) => applyVitals(s, m, m.sentAt);

describe('VitalsPanel', () => {
  it('keeps showing the final temperature while the device goes on sending newer, cooler values', () => {
    let s = measurementRequested(emptyVitals(ALL_DEVICES), 'temperature');
    s = receive(s, liveTemp(0, 35.1));
    s = receive(s, {
      type: 'measurement',
      sentAt: T + 50,
      seq: 0,
      measurement: temperature({ celsius: 36.9, takenAt: at(0) }),
    });
    s = receive(s, liveTemp(1, 28));
    render(<VitalsPanel vitals={s} now={T + 1000} />);
    expect(text('vital-temperature')).toBe('36,9');
    expect(screen.queryByTestId('live-temperature')).toBeNull();
  });

  it('writes decimals as the doctor reads them: a comma in French, a point in English', () => {
    const s = emptyVitals(ALL_DEVICES, [temperature({ celsius: 36.9 })]);
    render(
      <I18nextProvider i18n={createConsoleI18n('en')}>
        <VitalsPanel vitals={s} now={T} />
      </I18nextProvider>,
    );
    expect(text('vital-temperature')).toBe('36.9');
  });

  it('shows each final value with its age, time, device model and calibration', () => {
    const s = emptyVitals(ALL_DEVICES, [oximetry(), temperature({ calibration: 'unknown' }), bloodPressure()]);
    render(<VitalsPanel vitals={s} now={Date.parse('2026-11-22T10:01:12.000Z')} />);
    expect(texts('vital-spo2', 'vital-pulse', 'vital-temperature', 'vital-systolic', 'vital-diastolic')).toEqual([
      '97',
      '72',
      '38,4',
      '128',
      '82',
    ]);
    expect(texts('record-meta-temperature-age', 'record-meta-oximetry-age')).toEqual(['il y a 12 s', 'il y a 1 min']);
    expect(text('record-meta-temperature')).toContain('Welch Allyn SureTemp Plus');
    expect(text('record-meta-oximetry')).toContain('étalonnage valide');
    // Unknown calibration is said as such, and is no reason to call the device unavailable.
    expect(text('record-meta-temperature')).toContain('étalonnage non enregistré');
    for (const kind of ['oximetry', 'temperature', 'blood-pressure'])
      expect(screen.queryByTestId(`unavailable-${kind}`)).toBeNull();
  });

  it('flags values outside the normal adult range in words', () => {
    const s = emptyVitals(ALL_DEVICES, [oximetry({ spo2: 91 }), temperature(), bloodPressure()]);
    render(<VitalsPanel vitals={s} now={T} />);
    expect(text('flag-vital-spo2')).toContain('bas');
    expect(text('flag-vital-temperature')).toContain('élevé');
    expect(screen.getByTestId('flag-vital-temperature').getAttribute('title')).toBe('normale adulte 36,1–38,0 °C');
    expect(screen.queryByTestId('flag-vital-pulse')).toBeNull();
    expect(screen.queryByTestId('flag-vital-systolic')).toBeNull();
  });

  it('shows the running values apart, labelled in progress, with the pleth, only once the doctor asked', () => {
    const reading: VitalsMessage = {
      type: 'live',
      sentAt: T,
      seq: 1,
      reading: { deviceId: 'ox1', kind: 'oximetry', at: T, spo2: 94, pulseRate: 88, flags: [], progress: null },
    };
    const chunk: VitalsMessage = {
      type: 'pleth',
      sentAt: T,
      seq: 2,
      chunk: { deviceId: 'ox1', rateHz: 75, startedAt: T, samples: [1, 50, 99] },
    };
    const unasked = receive(receive(emptyVitals(ALL_DEVICES, [oximetry()]), reading), chunk);
    const { rerender } = render(<VitalsPanel vitals={unasked} now={T} />);
    expect(screen.queryByTestId('live-oximetry')).toBeNull();
    expect(screen.queryByTestId('pleth-canvas')).toBeNull();

    const asked = receive(
      receive(measurementRequested(emptyVitals(ALL_DEVICES, [oximetry()]), 'oximetry'), reading),
      chunk,
    );
    rerender(<VitalsPanel vitals={asked} now={T + 2000} />);
    expect(texts('vital-spo2', 'live-spo2', 'live-pulse')).toEqual(['97', '94', '88']);
    expect(text('live-oximetry')).toContain('en cours');
    expect(text('live-meta-oximetry-age')).toBe('il y a 2 s');
    expect(text('live-meta-oximetry')).toContain('Contec CMS50D+/E/F');
    expect(screen.getByTestId('pleth-canvas').getAttribute('data-samples')).toBe('3');
  });

  it('draws the trend of the consultation’s readings', () => {
    let s = emptyVitals(ALL_DEVICES, [temperature({ celsius: 38.4 })]);
    s = receive(s, {
      type: 'measurement',
      sentAt: T + 60_050,
      seq: 1,
      measurement: temperature({ id: '11111111-1111-4111-8111-111111111111', celsius: 37.6, takenAt: at(60_000) }),
    });
    render(<VitalsPanel vitals={s} now={T + 61_000} />);
    expect(text('vital-temperature')).toBe('37,6');
    const trend = screen.getByTestId('trend-temperature');
    expect(trend.getAttribute('data-count')).toBe('2');
    expect(trend.querySelector('svg')?.getAttribute('aria-label')).toMatch(/38,4 .*37,6/);
    expect(screen.queryByTestId('trend-blood-pressure')).toBeNull();
  });

  it('marks an invalid value (no number shown) and unplugged, out-of-service or missing devices', () => {
    const devices = [
      device({ state: 'disconnected' }),
      device({
        deviceId: 'th1',
        model: 'welch-allyn-suretemp',
        modelName: 'Welch Allyn SureTemp Plus',
        kind: 'thermometer',
        calibration: 'expired',
      }),
    ];
    render(
      <VitalsPanel
        vitals={emptyVitals(devices, [
          bloodPressure({ valid: false, systolic: null, diastolic: null, flags: ['cuff-error'] }),
        ])}
        now={T}
      />,
    );
    expect(text('record-blood-pressure')).toContain('--');
    expect(screen.queryByTestId('vital-systolic')).toBeNull();
    expect(text('invalid-blood-pressure')).toContain('cuff-error');
    expect(text('unavailable-oximetry')).toContain('débranché');
    expect(text('unavailable-temperature')).toContain('hors service');
    expect(text('unavailable-temperature')).toContain('expiré');
    // No blood-pressure status from the kiosk, but a reading came: its state is unknown, not unavailable.
    expect(screen.queryByTestId('unavailable-blood-pressure')).toBeNull();
    expect(screen.getByTestId('unknown-blood-pressure')).toBeTruthy();
  });

  it('marks a kind with neither a device status nor a reading as unavailable', () => {
    render(<VitalsPanel vitals={emptyVitals([], [])} now={T} />);
    for (const kind of ['oximetry', 'temperature', 'blood-pressure'])
      expect(text(`unavailable-${kind}`)).toContain('appareil indisponible');
    expect(text('record-oximetry')).toContain('aucune mesure');
  });

  it('marks a failed request, sends requests and opens live views', () => {
    const onMeasure = vi.fn();
    const onLiveView = vi.fn();
    const s = receive(emptyVitals(ALL_DEVICES), {
      type: 'measurement-failed',
      sentAt: 0,
      seq: 0,
      kind: 'oximetry',
      failure: 'finger-out',
    });
    const { rerender } = render(<VitalsPanel vitals={s} onMeasure={onMeasure} onLiveView={onLiveView} now={T} />);
    expect(text('failed-oximetry')).toContain('finger-out');
    fireEvent.click(screen.getByTestId('measure-blood-pressure'));
    expect(onMeasure).toHaveBeenCalledWith('blood-pressure');
    fireEvent.click(screen.getByTestId('live-view-oximetry'));
    expect(onLiveView).toHaveBeenCalledWith('oximetry', true);
    rerender(
      <VitalsPanel
        vitals={measurementRequested(s, 'temperature')}
        onMeasure={onMeasure}
        onLiveView={onLiveView}
        now={T}
      />,
    );
    expect(screen.getByTestId<HTMLButtonElement>('measure-temperature').disabled).toBe(true);
    expect(text('measure-temperature')).toBe('Demande envoyée');
    expect(text('waiting-temperature')).toContain('en attente du résultat');
  });

  it('offers no measurement of a cuff out of service: the button is disabled and names the reason', () => {
    const onMeasure = vi.fn();
    const cuff = ALL_DEVICES.find((d) => d.kind === 'blood-pressure')!;
    const devices = ALL_DEVICES.map((d) =>
      d === cuff ? { ...d, state: 'unavailable' as const, calibration: 'failed' as const } : d,
    );
    render(<VitalsPanel vitals={emptyVitals(devices)} onMeasure={onMeasure} now={T} />);
    const button = screen.getByTestId<HTMLButtonElement>('measure-blood-pressure');
    expect(button.disabled).toBe(true);
    expect(button.getAttribute('aria-describedby')).toBe('unavailable-blood-pressure');
    expect(text('unavailable-blood-pressure')).toContain('hors service');
    expect(text('unavailable-blood-pressure')).toContain('en échec');
    fireEvent.click(button);
    expect(onMeasure).not.toHaveBeenCalled();
    // The thermometer, in service, is still asked for.
    expect(screen.getByTestId<HTMLButtonElement>('measure-temperature').disabled).toBe(false);
  });
});

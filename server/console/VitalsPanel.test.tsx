import { cleanup, fireEvent, render, screen } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { ALL_DEVICES, bloodPressure, device, oximetry, temperature } from './vitals-fixtures';
import { applyVitals, emptyVitals } from './vitals-state';
import { VitalsPanel } from './VitalsPanel';

// jsdom has no canvas backend: the waveform draws nothing here (PlethCanvas.test.tsx checks the drawing).
beforeEach(() => {
  vi.spyOn(HTMLCanvasElement.prototype, 'getContext').mockReturnValue(null);
});
afterEach(cleanup);

const text = (id: string) => screen.getByTestId(id).textContent;

describe('VitalsPanel', () => {
  it('shows each recorded value with its device model and calibration', () => {
    render(<VitalsPanel vitals={emptyVitals(ALL_DEVICES, [oximetry(), temperature(), bloodPressure()])} />);
    expect(text('vital-spo2')).toBe('97');
    expect(text('vital-pulse')).toBe('72');
    expect(text('vital-temperature')).toBe('38.4');
    expect(text('vital-systolic')).toBe('128');
    expect(text('vital-diastolic')).toBe('82');
    expect(screen.getByTestId('vital-temperature').closest('.vital')?.textContent).toContain(
      'Welch Allyn SureTemp Plus',
    );
    expect(screen.getByTestId('vitals-oximetry').textContent).toContain('étalonnage valide');
    expect(screen.queryByTestId('unavailable-oximetry')).toBeNull();
    expect(screen.queryByTestId('invalid-oximetry')).toBeNull();
  });

  it('shows the live SpO2 as it arrives, newer than the recorded one, and counts pleth samples', () => {
    let s = emptyVitals(ALL_DEVICES, [oximetry()]);
    s = applyVitals(s, {
      type: 'live',
      sentAt: 0,
      seq: 1,
      reading: {
        deviceId: 'ox1',
        kind: 'oximetry',
        at: Date.parse('2026-11-22T10:05:00Z'),
        spo2: 94,
        pulseRate: 88,
        flags: [],
        progress: null,
      },
    });
    s = applyVitals(s, {
      type: 'pleth',
      sentAt: 0,
      seq: 2,
      chunk: { deviceId: 'ox1', rateHz: 75, startedAt: 0, samples: [1, 50, 99] },
    });
    render(<VitalsPanel vitals={s} />);
    expect(text('vital-spo2')).toBe('94');
    expect(text('vital-pulse')).toBe('88');
    expect(screen.getByTestId('pleth-canvas').getAttribute('data-samples')).toBe('3');
  });

  it('marks an invalid value (no number shown) and an unavailable or uncalibrated device', () => {
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
      />,
    );
    expect(text('vital-systolic')).toBe('--');
    expect(screen.getByTestId('invalid-blood-pressure').textContent).toContain('cuff-error');
    expect(screen.getByTestId('unavailable-oximetry').textContent).toContain('débranché');
    expect(screen.getByTestId('unavailable-temperature').textContent).toContain('expiré');
    // No blood-pressure status from the kiosk, but a reading came: its state is unknown, not unavailable.
    expect(screen.queryByTestId('unavailable-blood-pressure')).toBeNull();
    expect(screen.getByTestId('unknown-blood-pressure')).toBeTruthy();
  });

  it('marks a kind with neither a device status nor a reading as unavailable', () => {
    render(<VitalsPanel vitals={emptyVitals([], [])} />);
    for (const kind of ['oximetry', 'temperature', 'blood-pressure'])
      expect(screen.getByTestId(`unavailable-${kind}`).textContent).toContain('appareil indisponible');
    expect(text('vital-spo2')).toBe('--');
  });

  it('marks a failed request and sends measurement requests', () => {
    const onMeasure = vi.fn();
    const s = applyVitals(emptyVitals(ALL_DEVICES), {
      type: 'measurement-failed',
      sentAt: 0,
      seq: 0,
      kind: 'oximetry',
      failure: 'finger-out',
    });
    const { rerender } = render(<VitalsPanel vitals={s} onMeasure={onMeasure} />);
    expect(text('failed-oximetry')).toContain('finger-out');
    fireEvent.click(screen.getByTestId('measure-blood-pressure'));
    expect(onMeasure).toHaveBeenCalledWith('blood-pressure');
    rerender(<VitalsPanel vitals={s} onMeasure={onMeasure} requested={new Set(['temperature'])} />);
    expect(screen.getByTestId<HTMLButtonElement>('measure-temperature').disabled).toBe(true);
    expect(text('measure-temperature')).toBe('Demande envoyée');
  });
});

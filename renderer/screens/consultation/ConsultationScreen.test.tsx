import { cleanup, fireEvent, screen } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { INITIAL_CALL_SNAPSHOT } from '../../streaming/call-snapshot';
import { renderStep } from '../../testing/render-screen';
import type { MeasurementKind } from '../../../common/devices/kinds';
import { FAILURE_CODES, FAILURES_BY_KIND, FINAL_FAILURES, failureMessageKey } from './MeasurementOverlay';
import { measurement } from './measurement-fixtures';
import { setUpScreenTests } from '../../testing/screen-tests';

setUpScreenTests();

/** The call as useCall reports it (the screens' tests have no kiosk API, so no real call). */
const call = vi.hoisted(() => ({ error: null as string | null }));
vi.mock('../../streaming/use-call', () => ({
  useCall: () => ({ ...INITIAL_CALL_SNAPSHOT, error: call.error, goAudioOnly: () => {} }),
}));
afterEach(() => {
  call.error = null;
});

describe('ConsultationScreen', () => {
  it('says the call state in words', () => {
    renderStep('consultation', { call: { state: 'reconnecting' } });
    expect(screen.getByTestId('call-state').textContent).toContain('Connexion perdue');
  });

  it('says the video service is unreachable when the media cannot connect from the cabin', () => {
    renderStep('consultation', { call: { state: 'joining' } });
    expect(screen.queryByTestId('call-unreachable')).toBeNull();
    cleanup();
    call.error = 'media-unreachable';
    renderStep('consultation', { call: { state: 'joining' } });
    expect(screen.getByRole('alert').textContent).toContain('Le service de vidéo est injoignable');
  });

  it('guides a measurement: instructions with a picture, ready', () => {
    const { send, container } = renderStep('consultation', { measurement: measurement('oximetry', 'instructions') });
    expect(container.querySelector('svg.measure-picture')).toBeTruthy();
    expect(screen.getByTestId('measure-instruction').textContent).toContain('index');
    fireEvent.click(screen.getByRole('button', { name: 'Je suis prêt' }));
    expect(send).toHaveBeenLastCalledWith({ type: 'MEASUREMENT_READY' });
  });

  it('shows the seated-rest timer and live values', () => {
    renderStep('consultation', { measurement: measurement('blood-pressure', 'resting', { secondsLeft: 42 }) });
    expect(screen.getByTestId('measure-timer').textContent).toBe('Encore 42 secondes');
    cleanup();
    renderStep('consultation', {
      measurement: measurement('oximetry', 'measuring', {
        live: { deviceId: 'sim-1', kind: 'oximetry', at: 1, spo2: 96, pulseRate: 71, flags: [], progress: 0.5 },
      }),
    });
    expect(screen.getByTestId('measure-live').textContent).toContain('SpO₂ 96 %');
    expect(screen.getByTestId('pleth')).toBeTruthy();
  });

  it('shows the result to confirm or redo', () => {
    const { send } = renderStep('consultation', { measurement: measurement('temperature', 'result') });
    expect(screen.getByTestId('measure-result').textContent).toContain('37,8 °C');
    fireEvent.click(screen.getByRole('button', { name: /C'est bon/ }));
    expect(send).toHaveBeenLastCalledWith({ type: 'MEASUREMENT_CONFIRM' });
    fireEvent.click(screen.getByRole('button', { name: /Refaire/ }));
    expect(send).toHaveBeenLastCalledWith({ type: 'MEASUREMENT_RETRY' });
  });

  const RETRIABLE = FAILURE_CODES.filter((c) => !FINAL_FAILURES.includes(c));
  it.each([...RETRIABLE, 'something-new'])('explains failure %s in its own words, with a retry', (failure) => {
    const { send } = renderStep('consultation', { measurement: measurement('oximetry', 'failed', { failure }) });
    const text = screen.getByTestId('measure-instruction').textContent ?? '';
    expect(text).not.toContain('measure.failure');
    if (failure === 'something-new') expect(text).toContain("La mesure n'a pas marché");
    else expect(text).not.toContain("La mesure n'a pas marché");
    fireEvent.click(screen.getByRole('button', { name: /Réessayer/ }));
    expect(send).toHaveBeenLastCalledWith({ type: 'MEASUREMENT_RETRY' });
  });

  it('says a device out of service in a plain sentence, with no retry: back to the doctor only', () => {
    const { send } = renderStep('consultation', {
      measurement: measurement('blood-pressure', 'failed', { failure: 'out-of-service' }),
    });
    expect(screen.getByTestId('measure-instruction').textContent).toContain(
      'Cet appareil est hors service pour le moment : il doit être vérifié par un technicien.',
    );
    expect(screen.queryByRole('button', { name: /Réessayer/ })).toBeNull();
    fireEvent.click(screen.getByRole('button', { name: /médecin/ }));
    expect(send).toHaveBeenLastCalledWith({ type: 'MEASUREMENT_CONFIRM' });
  });

  it("words a probe error after the device: the oximeter's clip, the thermometer itself", () => {
    renderStep('consultation', { measurement: measurement('oximetry', 'failed', { failure: 'probe-error' }) });
    expect(screen.getByTestId('measure-instruction').textContent).toContain('La pince ne marche pas bien');
    cleanup();
    renderStep('consultation', {
      measurement: measurement('temperature', 'failed', { failure: 'probe-error' }),
    });
    const text = screen.getByTestId('measure-instruction').textContent ?? '';
    expect(text).toContain("Le thermomètre n'a pas pu mesurer");
    expect(text).not.toContain('pince');
  });

  it('takes the kind-specific message only for the codes that have one', () => {
    for (const [kind, codes] of Object.entries(FAILURES_BY_KIND)) {
      for (const code of codes)
        expect(failureMessageKey(kind as MeasurementKind, code)).toBe(`measure.failureFor.${kind}.${code}`);
    }
    expect(failureMessageKey('oximetry', 'probe-error')).toBe('measure.failure.probe-error');
    expect(failureMessageKey('temperature', 'finger-out')).toBe('measure.failure.finger-out');
    expect(failureMessageKey('temperature', null)).toBe('measure.failure.other');
  });
});

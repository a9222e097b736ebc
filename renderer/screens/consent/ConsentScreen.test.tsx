import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { consentTextSha256 } from '../../../common/consent/consent-text';
import { describe, expect, it } from 'vitest';
import { renderStep } from '../../testing/render-screen';
import { setUpScreenTests } from '../../testing/screen-tests';

setUpScreenTests();

describe('ConsentScreen', () => {
  it('shows the text version and who receives data; the answer carries the hash of the text shown', async () => {
    const { send } = renderStep('consent', { consent: { textVersion: 'v3-2026' } });
    // Each language's text carries its own version (the locale's), not the kiosk configuration's.
    expect(screen.getByTestId('consent-version').textContent).toContain('2026-12-fr.1');
    expect(screen.getByRole('region', { name: 'Téléconsultation' }).querySelectorAll('li').length).toBe(4);
    const shown = screen.getByRole('region', { name: 'Téléconsultation' }).textContent ?? '';
    const textSha256 = await consentTextSha256(shown);
    fireEvent.click(screen.getByRole('button', { name: /J'accepte$/ }));
    await waitFor(() =>
      expect(send).toHaveBeenLastCalledWith(
        expect.objectContaining({
          type: 'CONSENT_SUBMIT',
          teleconsultation: true,
          secondaryUse: false,
          textVersion: '2026-12-fr.1',
          language: 'fr',
          textSha256,
        }),
      ),
    );
  });

  it('asks each secondary use on its own: its own yes/no, version and text hash; no answer is no', async () => {
    const { send } = renderStep('consent');
    const research = screen.getByTestId('consent-use-research');
    const gp = screen.getByTestId('consent-use-gp-report');
    fireEvent.click(within(research).getByRole('button', { name: /Oui/ }));
    fireEvent.click(within(gp).getByRole('button', { name: /Non/ }));
    fireEvent.click(within(gp).getByRole('button', { name: /Oui/ }));
    expect(within(gp).getByRole('button', { name: /Oui/ }).getAttribute('aria-pressed')).toBe('true');
    const gpText = gp.firstElementChild?.textContent ?? '';
    expect(gpText).toContain('MSSanté');
    expect(gpText).not.toMatch(/Oui|Non$/);
    fireEvent.click(screen.getByRole('button', { name: /J'accepte$/ }));
    await waitFor(() => expect(send).toHaveBeenCalled());
    const event = send.mock.lastCall![0] as { secondaryUse: boolean; uses: { use: string; granted: boolean }[] };
    expect(event.secondaryUse).toBe(true);
    expect(event.uses).toEqual([
      expect.objectContaining({ use: 'research', granted: true, textVersion: '2026-12-fr.1' }),
      { use: 'gp-report', granted: true, textVersion: '2026-12-fr.1', textSha256: await consentTextSha256(gpText) },
      expect.objectContaining({ use: 'reminders', granted: false }),
    ]);
  });

  it('refusing the teleconsultation grants no secondary use', async () => {
    const { send } = renderStep('consent');
    fireEvent.click(within(screen.getByTestId('consent-use-reminders')).getByRole('button', { name: /Oui/ }));
    fireEvent.click(screen.getByRole('button', { name: /Je refuse/ }));
    await waitFor(() => expect(send).toHaveBeenCalled());
    const event = send.mock.lastCall![0] as { teleconsultation: boolean; uses: { granted: boolean }[] };
    expect(event.teleconsultation).toBe(false);
    expect(event.uses.every((u) => !u.granted)).toBe(true);
  });

  it('consent refused offers back and leave', () => {
    const { send } = renderStep('consent-refused');
    fireEvent.click(screen.getByRole('button', { name: /Retour/ }));
    expect(send).toHaveBeenLastCalledWith({ type: 'BACK' });
    fireEvent.click(screen.getByRole('button', { name: 'Terminer' }));
    expect(send).toHaveBeenLastCalledWith({ type: 'CANCEL' });
  });
});

import { cleanup, fireEvent, screen } from '@testing-library/react';
import i18next from 'i18next';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { AUSCULTATION_SITES } from '../../../common/auscultation/sites';
import { LANGUAGES, type Language } from '../../i18n/i18n';
import { INITIAL_CALL_SNAPSHOT } from '../../streaming/call-snapshot';
import { renderStep } from '../../testing/render-screen';
import { setUpScreenTests } from '../../testing/screen-tests';

setUpScreenTests();

vi.mock('../../streaming/use-call', () => ({
  useCall: () => ({ ...INITIAL_CALL_SNAPSHOT, goAudioOnly: () => {} }),
}));
afterEach(() => vi.useRealTimers());

const placing = (site: (typeof AUSCULTATION_SITES)[number]) => ({
  auscultation: { site, phase: 'placing' as const, listeningSince: null, failure: null },
});

describe('the auscultation guidance at the kiosk', () => {
  it('shows the spot on the body as in a mirror and says where in words', () => {
    renderStep('consultation', placing('mitral'));
    const overlay = screen.getByTestId('auscultation');
    expect(overlay.dataset.phase).toBe('placing');
    expect(screen.getByTestId('auscultation-instruction').textContent).toBe(
      "Sous le sein gauche, un peu vers le côté, là où l'on sent le cœur battre. Posez la partie ronde du stéthoscope directement sur la peau, sous les vêtements.",
    );
    const diagram = screen.getByTestId('auscultation-diagram');
    expect(diagram.dataset.view).toBe('front');
    // Only the requested spot is drawn; the mitral area (the patient's left) is on the screen's
    // left, as the patient's own left is in a mirror.
    const spots = diagram.querySelectorAll('[data-testid^="site-"]');
    expect([...spots].map((s) => s.getAttribute('data-testid'))).toEqual(['site-mitral']);
    const x = Number(spots[0]!.querySelector('circle')!.getAttribute('cx'));
    expect(x).toBeLessThan(100);
    expect(screen.getByTestId('auscultation-opening').textContent).toBe('Le stéthoscope se prépare…');
  });

  it('draws the back for the back sites, and words the sides', () => {
    renderStep('consultation', placing('lung-back-lower-right'));
    const diagram = screen.getByTestId('auscultation-diagram');
    expect(diagram.dataset.view).toBe('back');
    expect(diagram.textContent).toContain('Droite');
    expect(diagram.textContent).toContain('Gauche');
    const x = Number(diagram.querySelector('[data-testid="site-lung-back-lower-right"] circle')!.getAttribute('cx'));
    expect(x).toBeGreaterThan(100);
  });

  it('says the doctor listens and how to breathe, counting the seconds', () => {
    vi.useFakeTimers({ now: new Date('2026-11-22T10:00:10Z') });
    renderStep('consultation', {
      auscultation: {
        site: 'lung-front-upper-left',
        phase: 'listening',
        listeningSince: '2026-11-22T10:00:00Z',
        failure: null,
      },
    });
    expect(screen.getByTestId('auscultation-instruction').textContent).toContain('Le médecin écoute vos poumons');
    expect(screen.getByTestId('auscultation-timer').textContent).toBe('Écoute depuis 10 s');
    expect(screen.getByTestId('auscultation-where').textContent).toContain('Sous la clavicule gauche');
    // The patient cannot leave while the doctor listens.
    expect(screen.queryByRole('button', { name: 'Revenir au médecin' })).toBeNull();
  });

  it('says why the stethoscope failed and lets the patient go back to the doctor', () => {
    const { send } = renderStep('consultation', {
      auscultation: { site: 'aortic', phase: 'failed', listeningSince: null, failure: 'stethoscope-not-found' },
    });
    expect(screen.getByTestId('auscultation-instruction').textContent).toContain("Le stéthoscope n'est pas reconnu");
    fireEvent.click(screen.getByRole('button', { name: 'Revenir au médecin' }));
    expect(send).toHaveBeenLastCalledWith({ type: 'AUSCULTATION_CLOSE' });
  });

  it.each(Object.keys(LANGUAGES) as Language[])('has every site and failure worded in %s', async (language) => {
    await i18next.changeLanguage(language);
    for (const site of AUSCULTATION_SITES) {
      for (const phase of ['placing', 'listening'] as const) {
        renderStep(
          'consultation',
          {
            auscultation: {
              site,
              phase,
              listeningSince: phase === 'listening' ? new Date().toISOString() : null,
              failure: null,
            },
          },
          { language },
        );
        const text = screen.getByTestId('auscultation').textContent ?? '';
        expect(text, `${site} ${phase}`).not.toMatch(/auscultation\./);
        cleanup();
      }
    }
    for (const failure of ['stethoscope-not-found', 'stethoscope-refused', 'send-failed'] as const) {
      renderStep(
        'consultation',
        { auscultation: { site: 'aortic', phase: 'failed', listeningSince: null, failure } },
        { language },
      );
      expect(screen.getByTestId('auscultation').textContent).not.toMatch(/auscultation\./);
      cleanup();
    }
    await i18next.changeLanguage('fr');
  });
});

import { fireEvent, render, screen } from '@testing-library/react';
import { describe, expect, it, vi } from 'vitest';
import { PreferencesProvider } from '../../app/preferences';
import { WelcomeScreen } from './WelcomeScreen';
import { setUpScreenTests } from '../../testing/screen-tests';

setUpScreenTests();

const initial = { language: 'fr', largeText: false, highContrast: false, audioGuidance: false } as const;

describe('WelcomeScreen', () => {
  it('shows French first and starts on touch', () => {
    const onStart = vi.fn();
    render(
      <PreferencesProvider initial={initial}>
        <WelcomeScreen languages={['fr', 'en', 'es', 'ar']} onStart={onStart} />
      </PreferencesProvider>,
    );
    expect(screen.getByRole('heading', { level: 1 }).textContent).toBe('Bonjour');
    fireEvent.click(screen.getByRole('button', { name: 'Commencer' }));
    expect(onStart).toHaveBeenCalledOnce();
  });

  it('says a toggle state in words, not only with colour', () => {
    render(
      <PreferencesProvider initial={initial}>
        <WelcomeScreen languages={['fr']} onStart={() => {}} />
      </PreferencesProvider>,
    );
    const toggle = screen.getByRole('button', { name: /Contraste élevé/ });
    expect(toggle.getAttribute('aria-pressed')).toBe('false');
    expect(toggle.textContent).toContain('désactivé');
    fireEvent.click(toggle);
    expect(toggle.getAttribute('aria-pressed')).toBe('true');
    expect(toggle.textContent).toContain('activé');
  });
});

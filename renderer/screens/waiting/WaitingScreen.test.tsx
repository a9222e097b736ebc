import { fireEvent, screen } from '@testing-library/react';
import i18next from 'i18next';
import { describe, expect, it } from 'vitest';
import type { QueueWait } from '../../../common/routing/queue-wait';
import { LANGUAGES, type Language } from '../../i18n/i18n';
import { renderStep } from '../../testing/render-screen';
import { setUpScreenTests } from '../../testing/screen-tests';
import { spokenWait } from './QueueStatus';

setUpScreenTests();

const queue = (position: number, wait: QueueWait) => ({ position, wait, updatedAt: '2026-11-22T10:00:00Z' });
const GP = { specialty: 'general-practice' as const, text: '' };

describe('WaitingScreen', () => {
  it('shows the position in the queue, the estimate and the doctors on duty, and lets the patient leave', () => {
    const { send } = renderStep('waiting', {
      reason: GP,
      queue: queue(3, { kind: 'estimate', minutes: 14, doctorsOnDuty: 2 }),
    });
    const status = screen.getByTestId('queue');
    expect(status.getAttribute('data-wait')).toBe('estimate');
    expect(status.textContent).toBe(
      'Vous êtes numéro 3 dans la file : Médecin généraliste.' +
        'Attente estimée : environ 14 min.' +
        'Médecins en service pour votre demande : 2.',
    );
    fireEvent.click(screen.getByRole('button', { name: "Quitter la file d'attente" }));
    expect(send).toHaveBeenCalledWith({ type: 'LEAVE_QUEUE' });
  });

  it('with no doctor on duty says so, gives no minutes, and lists what the patient can do', () => {
    renderStep('waiting', { reason: { specialty: 'paediatrics', text: '' }, queue: queue(1, { kind: 'no-doctor' }) });
    const status = screen.getByTestId('queue');
    expect(status.getAttribute('data-wait')).toBe('no-doctor');
    expect(status.textContent).toContain(
      "Aucun médecin n'est en service en ce moment pour votre demande : Pédiatre (enfant).",
    );
    expect(status.textContent).not.toMatch(/\d|minute|min\b/);
    const choices = [...status.querySelectorAll('li')].map((li) => li.textContent);
    expect(choices).toEqual([
      "Attendre ici : cet écran vous le dira dès qu'un médecin prend son service.",
      "Demander de l'aide : bouton « Appeler le pharmacien », en haut de l'écran.",
      "Partir : bouton « Quitter la file d'attente », en bas de l'écran.",
    ]);
    // Every choice named is on the screen: the leave button here, the help button in the top bar (App).
    expect(screen.getByRole('button', { name: "Quitter la file d'attente" })).toBeTruthy();
  });

  it('says a doctor is taking the patient only while one is accepting', () => {
    renderStep('waiting', { reason: GP, queue: queue(1, { kind: 'doctor-coming' }) });
    expect(screen.getByTestId('queue').textContent).toBe("Un médecin va vous prendre. L'appel commence.");
  });

  it('says when no answer came yet instead of inventing one', () => {
    renderStep('waiting');
    expect(screen.getByTestId('queue').textContent).toContain('Nous cherchons');
    expect(screen.getByTestId('queue').getAttribute('data-wait')).toBeNull();
  });

  it.each(Object.keys(LANGUAGES) as Language[])(
    'has the no-doctor message in %s, without a number',
    async (language) => {
      await i18next.changeLanguage(language);
      renderStep('waiting', { reason: GP, queue: queue(1, { kind: 'no-doctor' }) }, { language });
      const text = screen.getByTestId('queue').textContent ?? '';
      expect(text).not.toMatch(/\{\{|waiting\.|\d/);
      expect(screen.getByTestId('queue').querySelectorAll('li')).toHaveLength(3);
      await i18next.changeLanguage('fr');
    },
  );

  it('speaks what the screen says of the wait: the estimate, or that nobody is on duty and the choices', () => {
    const t = i18next.t.bind(i18next);
    expect(spokenWait(t, queue(2, { kind: 'estimate', minutes: 7, doctorsOnDuty: 1 }), 'general-practice')).toBe(
      "Attente estimée : environ 7 min. Vous êtes dans la file d'attente. Restez devant l'écran.",
    );
    const none = spokenWait(t, queue(1, { kind: 'no-doctor' }), 'paediatrics');
    expect(none).toMatch(/^Aucun médecin n'est en service .* Pédiatre \(enfant\)\./);
    expect(none).toContain('Appeler le pharmacien');
    expect(none).not.toMatch(/\d/);
    // Before the platform answered: no promise of a doctor soon.
    expect(spokenWait(t, null, 'paediatrics')).toBe("Vous êtes dans la file d'attente. Restez devant l'écran.");
  });
});

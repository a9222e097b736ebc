import { fireEvent, screen, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { TEST_IDENTITY } from '../../testing/flow-view-fixture';
import { renderStep } from '../../testing/render-screen';
import { composeBirthDate } from './IdentifyManualScreen';
import { setUpScreenTests } from '../../testing/screen-tests';

setUpScreenTests();

/** Presses the keys of the on-screen keyboard (looked up by text inside it: role queries over the whole screen are slow). */
function typeText(text: string) {
  const keyboard = within(screen.getByTestId('keyboard'));
  for (const char of text) fireEvent.click(keyboard.getByText(char === ' ' ? 'Espace' : char, { selector: 'button' }));
}

describe('IdentifyManualScreen', () => {
  it('fills the form with the on-screen keyboard only and submits it', () => {
    const { send } = renderStep('identify-manual');
    typeText('DUPONTEL');
    fireEvent.click(screen.getByLabelText(/Prénom/));
    typeText('CAMILLE');
    fireEvent.click(screen.getByLabelText(/^Jour/));
    typeText('17');
    fireEvent.click(screen.getByLabelText(/^Mois/));
    typeText('5');
    fireEvent.click(screen.getByLabelText(/^Année/));
    typeText('1980');
    fireEvent.click(screen.getByLabelText(/Numéro de sécurité sociale/));
    typeText(TEST_IDENTITY.nir);
    expect(screen.getByLabelText<HTMLInputElement>(/Nom/, { selector: '#manual-lastName' }).readOnly).toBe(true);
    fireEvent.click(screen.getByRole('button', { name: 'Valider' }));
    expect(send).toHaveBeenCalledWith({
      type: 'MANUAL_SUBMIT',
      lastName: 'DUPONTEL',
      firstName: 'CAMILLE',
      birthDate: '1980-05-17',
      nir: TEST_IDENTITY.nir,
    });
  });

  it('shows the machine field errors in words', () => {
    renderStep('identify-manual', {
      identification: { manualErrors: { nir: 'nir-key', lastName: 'required' } },
    });
    expect(screen.getByTestId('error-nir').textContent).toContain('deux derniers chiffres');
    expect(screen.getByTestId('error-lastName').textContent).toContain('obligatoire');
  });

  it('composes the birth date, leaving an empty date empty', () => {
    expect(composeBirthDate('7', '3', '1950')).toBe('1950-03-07');
    expect(composeBirthDate('', '', '')).toBe('');
  });
});

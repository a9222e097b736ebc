import { fireEvent, screen } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { renderStep } from '../../testing/render-screen';
import { setUpScreenTests } from '../../testing/screen-tests';

setUpScreenTests();

describe('CarePathwayScreen', () => {
  it('asks simple yes/no questions and sends the answers', () => {
    const { send } = renderStep('care-pathway');
    const cont = screen.getByRole<HTMLButtonElement>('button', { name: 'Continuer' });
    expect(cont.disabled).toBe(true);
    fireEvent.click(screen.getByTestId('question-has-mt').querySelectorAll('button')[0]!);
    fireEvent.click(screen.getByTestId('question-referred').querySelectorAll('button')[0]!);
    fireEvent.click(screen.getByTestId('question-ald').querySelectorAll('button')[1]!);
    expect(cont.disabled).toBe(false);
    fireEvent.click(cont);
    expect(send).toHaveBeenCalledWith({
      type: 'CARE_PATHWAY_SUBMIT',
      answers: { hasMedecinTraitant: true, referredByMedecinTraitant: true, exception: 'none', aldOrMaternity: false },
    });
  });

  it('offers the exceptions when there is no referral', () => {
    const { send } = renderStep('care-pathway');
    fireEvent.click(screen.getByTestId('question-has-mt').querySelectorAll('button')[1]!);
    fireEvent.click(screen.getByRole('button', { name: /Moins de 16 ans/ }));
    fireEvent.click(screen.getByTestId('question-ald').querySelectorAll('button')[1]!);
    fireEvent.click(screen.getByRole('button', { name: 'Continuer' }));
    expect(send).toHaveBeenCalledWith({
      type: 'CARE_PATHWAY_SUBMIT',
      answers: {
        hasMedecinTraitant: false,
        referredByMedecinTraitant: false,
        exception: 'under-16',
        aldOrMaternity: false,
      },
    });
  });
});

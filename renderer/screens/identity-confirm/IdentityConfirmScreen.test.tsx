import { fireEvent, screen } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { TEST_IDENTITY } from '../../testing/flow-view-fixture';
import { renderStep } from '../../testing/render-screen';
import { setUpScreenTests } from '../../testing/screen-tests';

setUpScreenTests();

describe('IdentityConfirmScreen', () => {
  it('shows the identity and sends the answer', () => {
    const { send } = renderStep('identity-confirm', { identification: { identity: { ...TEST_IDENTITY } } });
    expect(screen.getByText('DUPONTEL')).toBeTruthy();
    expect(screen.getByText('17/05/1980')).toBeTruthy();
    fireEvent.click(screen.getByRole('button', { name: /Oui, c'est moi/ }));
    expect(send).toHaveBeenLastCalledWith({ type: 'CONFIRM_IDENTITY' });
    fireEvent.click(screen.getByRole('button', { name: /Non, ce n'est pas moi/ }));
    expect(send).toHaveBeenLastCalledWith({ type: 'REJECT_IDENTITY' });
    fireEvent.click(screen.getByRole('button', { name: /Retour/ }));
    expect(send).toHaveBeenLastCalledWith({ type: 'BACK' });
  });
});

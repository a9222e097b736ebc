import { fireEvent, screen } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { TEST_IDENTITY } from '../../testing/flow-view-fixture';
import { renderStep } from '../../testing/render-screen';
import { setUpScreenTests } from '../../testing/screen-tests';

setUpScreenTests();

const CHILD = { ...TEST_IDENTITY, firstName: 'LOUISE', birthDate: '2015-03-09', nir: '215037512345725' };

describe('IdentifyChooseScreen', () => {
  it('lists every beneficiary of the card and sends the one touched', () => {
    const { send } = renderStep('identify-choose', {
      identification: { beneficiaries: { beneficiaries: [{ ...TEST_IDENTITY }, CHILD], unreadable: 0 } },
    });
    expect(screen.queryByTestId('unreadable-beneficiaries')).toBeNull();
    fireEvent.click(screen.getByRole('button', { name: /LOUISE DUPONTEL, né\(e\) le 09\/03\/2015/ }));
    expect(send).toHaveBeenLastCalledWith({ type: 'CHOOSE_BENEFICIARY', index: 1 });
    fireEvent.click(screen.getByRole('button', { name: /pas dans la liste/ }));
    expect(send).toHaveBeenLastCalledWith({ type: 'TYPE_DETAILS' });
  });

  it('says plainly that a beneficiary could not be read, and offers the others', () => {
    renderStep('identify-choose', { identification: { beneficiaries: { beneficiaries: [CHILD], unreadable: 1 } } });
    expect(screen.getByTestId('unreadable-beneficiaries').textContent).toContain("n'avons pas pu lire : 1");
    expect(screen.getByRole('button', { name: /LOUISE/ })).toBeTruthy();
  });
});

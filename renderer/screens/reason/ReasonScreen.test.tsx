import { cleanup, fireEvent, screen } from '@testing-library/react';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { initI18n } from '../../i18n/i18n';
import { flowViewFixture } from '../../testing/flow-view-fixture';
import { renderScreen } from '../../testing/render-screen';

beforeAll(async () => {
  await initI18n('fr');
});
afterEach(cleanup);

import { ReasonScreen } from './ReasonScreen';

describe('ReasonScreen', () => {
  it('needs a specialty and sends it with the typed words', () => {
    const { send } = renderScreen(<ReasonScreen />, flowViewFixture('reason'));
    expect(screen.getByRole<HTMLButtonElement>('button', { name: 'Continuer' }).disabled).toBe(true);
    fireEvent.click(screen.getByRole('button', { name: /Dermatologue/ }));
    fireEvent.click(screen.getByRole('button', { name: /Ajouter quelques mots/ }));
    for (const c of 'TOUX') fireEvent.click(screen.getByRole('button', { name: c }));
    fireEvent.click(screen.getByRole('button', { name: 'Continuer' }));
    expect(send).toHaveBeenCalledWith({ type: 'REASON_SUBMIT', specialty: 'dermatology', text: 'TOUX' });
  });
});

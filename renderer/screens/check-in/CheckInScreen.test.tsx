import { fireEvent, screen, waitFor } from '@testing-library/react';
import { describe, expect, it, vi } from 'vitest';
import type { KioskApi } from '../../../common/ipc/contract';
import { renderStep } from '../../testing/render-screen';
import { setUpScreenTests } from '../../testing/screen-tests';

setUpScreenTests();

const HOLDER = {
  lastName: 'TEST',
  firstName: 'PATIENT',
  birthDate: '1969-05-01',
  nir: '269054958815780',
  source: 'card' as const,
};
const CHILD = { ...HOLDER, firstName: 'ENFANT', birthDate: '2012-06-01', nir: '112067512345677' };

function apiRecording() {
  const checkInAppointment = vi.fn().mockResolvedValue({ ok: false, refusal: 'no-booking' });
  return { api: { checkInAppointment } as unknown as KioskApi, checkInAppointment };
}

describe('CheckInScreen (issue 17)', () => {
  it('types a booking code on a keyboard of the code’s characters only, complete before it is sent', async () => {
    const { api, checkInAppointment } = apiRecording();
    renderStep('check-in', {}, { api });
    fireEvent.click(screen.getByTestId('check-in-type-code'));
    // No look-alike characters to mistype: no O, 0, I, 1, S, 5, B, 8.
    for (const absent of ['O', '0', 'I', '1', 'S', '5', 'B', '8'])
      expect(screen.queryByRole('button', { name: absent })).toBeNull();
    for (const c of 'KM4') fireEvent.click(screen.getByRole('button', { name: c }));
    fireEvent.click(screen.getByRole('button', { name: 'Valider le code' }));
    expect(checkInAppointment).not.toHaveBeenCalled();
    expect(screen.getByText('Le code a 6 caractères.')).toBeTruthy();
    for (const c of 'RTX') fireEvent.click(screen.getByRole('button', { name: c }));
    fireEvent.click(screen.getByRole('button', { name: 'Valider le code' }));
    await waitFor(() => expect(checkInAppointment).toHaveBeenCalledWith({ code: 'KM4RTX' }));
    // Refused: the code stays typed, to correct one character.
    expect(screen.getByLabelText<HTMLInputElement>(/Code du rendez-vous/).value).toBe('KM4RTX');
  });

  it('asks the platform about a one-person card at once, and asks who on a two-person card', async () => {
    const one = apiRecording();
    const { unmount } = renderStep('check-in', { identification: { identity: HOLDER, beneficiaries: null } }, one);
    await waitFor(() => expect(one.checkInAppointment).toHaveBeenCalledWith({ card: null }));
    unmount();
    const two = apiRecording();
    renderStep(
      'check-in',
      { identification: { identity: null, beneficiaries: { beneficiaries: [HOLDER, CHILD], unreadable: 0 } } },
      two,
    );
    expect(two.checkInAppointment).not.toHaveBeenCalled();
    fireEvent.click(screen.getByRole('button', { name: /ENFANT TEST/ }));
    await waitFor(() => expect(two.checkInAppointment).toHaveBeenCalledWith({ card: 1 }));
  });
});

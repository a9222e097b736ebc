import { fireEvent, render, screen } from '@testing-library/react';
import { describe, expect, it, vi } from 'vitest';
import type { KioskApi } from '../../common/ipc/contract';
import type { TechnicianSignInRequest, TechnicianSignInResponse } from '../../common/staff/technician';
import { setUpScreenTests } from '../testing/screen-tests';
import { StaffSignIn } from './StaffSignIn';

setUpScreenTests();

/** Types text on the on-screen keyboard (the identifier layout's keys are lower case). */
function typeKeys(text: string) {
  const keyboard = screen.getByTestId('keyboard');
  for (const char of text)
    fireEvent.click([...keyboard.querySelectorAll('button')].find((b) => b.textContent === char)!);
}

function apiAnswering(answers: TechnicianSignInResponse[], seen: TechnicianSignInRequest[]): KioskApi {
  return {
    technicianSignIn: async (request: TechnicianSignInRequest) => {
      seen.push(request);
      return answers.shift()!;
    },
  } as unknown as KioskApi;
}

describe('StaffSignIn for a technician', () => {
  it('sends the identifier and secret typed (the secret shown as dots) and says plainly why it is refused', async () => {
    const seen: TechnicianSignInRequest[] = [];
    const api = apiAnswering(
      [
        { ok: false, error: 'wrong-credentials', retryAfterSeconds: null, attemptsLeft: 4 },
        { ok: false, error: 'locked', retryAfterSeconds: 900, attemptsLeft: null },
        { ok: true, technician: { id: 'tech.dev', name: 'Léa' } },
      ],
      seen,
    );
    let signedIn: string | null = null;
    render(<StaffSignIn api={api} onSignedIn={(role) => (signedIn = role)} />);
    fireEvent.click(screen.getByTestId('staff-role-technician'));
    fireEvent.click(screen.getByLabelText(/Identifiant technicien/));
    typeKeys('tech.dev');
    fireEvent.click(screen.getByLabelText(/Code secret/));
    typeKeys('abc-123');
    expect(screen.getByLabelText<HTMLInputElement>(/Code secret/).value).toBe('•••••••');
    fireEvent.click(screen.getByRole('button', { name: 'Entrer' }));
    expect(await screen.findByText(/Identifiant ou code secret incorrect\. Encore 4 essai/)).toBeTruthy();
    expect(seen[0]).toEqual({ identifier: 'tech.dev', secret: 'abc-123' });
    typeKeys('x');
    fireEvent.click(screen.getByRole('button', { name: 'Entrer' }));
    expect(await screen.findByText(/connexion bloquée\. Réessayez dans 15 minutes/)).toBeTruthy();
    // The secret is cleared after each try.
    expect(seen[1]).toEqual({ identifier: 'tech.dev', secret: 'x' });
    typeKeys('abc');
    fireEvent.click(screen.getByRole('button', { name: 'Entrer' }));
    await vi.waitFor(() => expect(signedIn).toBe('technician'));
  });
});

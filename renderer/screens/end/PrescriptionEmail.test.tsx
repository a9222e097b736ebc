import { fireEvent, screen, waitFor } from '@testing-library/react';
import { describe, expect, it, vi } from 'vitest';
import type { KioskApi } from '../../../common/ipc/contract';
import type { EmailStatus } from '../../../common/printing/print-state';
import { SAMPLE_PRESCRIPTION } from '../../../common/records/testing/samples';
import { renderStep } from '../../testing/render-screen';
import { setUpScreenTests } from '../../testing/screen-tests';

setUpScreenTests();

const RX = { ...SAMPLE_PRESCRIPTION, accessCode: 'AB12-CD34' };

/** The kiosk api for the end screen: no printer, and an e-mail answer the test releases. */
function emailApi() {
  let answer: (status: EmailStatus) => void = () => undefined;
  const emailPrescription = vi.fn(
    () => new Promise<{ status: EmailStatus }>((resolve) => (answer = (status) => resolve({ status }))),
  );
  const api = {
    getPrintState: async () => ({ status: 'unavailable', number: RX.number, problem: null }),
    printPrescription: vi.fn(),
    onPrintChanged: () => () => undefined,
    emailPrescription,
  } as unknown as KioskApi;
  return { api, emailPrescription, answer: (status: EmailStatus) => answer(status) };
}

const type = (text: string) => {
  for (const char of text) fireEvent.click(screen.getByRole('button', { name: char }));
};
const status = () => screen.getByTestId('email').getAttribute('data-email-status');

describe('the document by e-mail on the end screen', () => {
  it('shows the access code, sends the typed address, and says sent only once main reports it', async () => {
    const kiosk = emailApi();
    renderStep('end', { prescription: RX }, { api: kiosk.api });
    expect(screen.getByTestId('access-code').textContent).toContain('AB12-CD34');
    fireEvent.click(screen.getByTestId('email-open'));
    type('a@b.fr');
    fireEvent.click(screen.getByTestId('email-send'));
    expect(kiosk.emailPrescription).toHaveBeenCalledWith({ address: 'a@b.fr' });
    expect(screen.getByTestId('email-result').textContent).toBe('Envoi en cours…');
    kiosk.answer('sent');
    await waitFor(() => expect(status()).toBe('sent'));
    expect(screen.getByTestId('email-result').textContent).toMatch(/Le lien est envoyé/);
  });

  it('a refused address: a plain sentence, and the address can be corrected and sent again', async () => {
    const kiosk = emailApi();
    renderStep('end', { prescription: RX }, { api: kiosk.api });
    fireEvent.click(screen.getByTestId('email-open'));
    type('a@b.fr');
    fireEvent.click(screen.getByTestId('email-send'));
    kiosk.answer('refused');
    await waitFor(() => expect(status()).toBe('refused'));
    expect(screen.getByRole('alert').textContent).toMatch(/n'a pas pu être remis/);
    expect(screen.getByTestId('email-send')).toBeTruthy();
    expect(screen.getByTestId('print-state').textContent).toContain('code QR'); // the document stays available
  });

  it('without an access code (an older prescription) no e-mail is offered', () => {
    renderStep('end', { prescription: SAMPLE_PRESCRIPTION }, { api: emailApi().api });
    expect(screen.queryByTestId('email')).toBeNull();
  });
});

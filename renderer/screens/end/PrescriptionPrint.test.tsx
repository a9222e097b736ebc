import { act, fireEvent, screen, waitFor } from '@testing-library/react';
import { describe, expect, it, vi } from 'vitest';
import type { KioskApi } from '../../../common/ipc/contract';
import type { PrintState } from '../../../common/printing/print-state';
import { SAMPLE_PRESCRIPTION } from '../../../common/records/testing/samples';
import { renderStep } from '../../testing/render-screen';
import { setUpScreenTests } from '../../testing/screen-tests';

setUpScreenTests();

const NUMBER = SAMPLE_PRESCRIPTION.number;
const at = (status: PrintState['status']): PrintState => ({ status, number: NUMBER, problem: null });

/** The kiosk api as far as printing goes: main's state, the print call, and the event to push changes. */
function printingApi(initial: PrintState) {
  let push: (state: PrintState) => void = () => undefined;
  const printPrescription = vi.fn(async () => at('printing'));
  const api = {
    getPrintState: vi.fn(async () => initial),
    printPrescription,
    onPrintChanged: (listener: (state: PrintState) => void) => {
      push = listener;
      return () => undefined;
    },
  } as unknown as KioskApi;
  return { api, printPrescription, push: (state: PrintState) => act(() => push(state)) };
}

const status = () => screen.getByTestId('print-state').getAttribute('data-print-status');

describe('the end screen on the paper prescription', () => {
  it('prints once by itself, says "printing", and "printed" only when main reports the job completed', async () => {
    const kiosk = printingApi(at('idle'));
    renderStep('end', { prescription: SAMPLE_PRESCRIPTION }, { api: kiosk.api });
    await waitFor(() => expect(status()).toBe('printing'));
    expect(kiosk.printPrescription).toHaveBeenCalledTimes(1);
    expect(screen.getByTestId('print-state').textContent).not.toMatch(/imprimée/);
    kiosk.push(at('printed'));
    expect(screen.getByTestId('print-state').textContent).toContain("L'ordonnance est imprimée.");
    expect(screen.queryByTestId('reprint')).toBeNull();
  });

  it('out of paper: go to the counter, and a reprint button that prints again', async () => {
    const kiosk = printingApi(at('idle'));
    renderStep('end', { prescription: SAMPLE_PRESCRIPTION }, { api: kiosk.api });
    await waitFor(() => expect(status()).toBe('printing'));
    kiosk.push(at('no-paper'));
    expect(screen.getByRole('alert').textContent).toMatch(/plus de papier.*comptoir/);
    fireEvent.click(screen.getByTestId('reprint'));
    expect(kiosk.printPrescription).toHaveBeenCalledTimes(2);
    kiosk.push(at('failed'));
    expect(screen.getByRole('alert').textContent).toMatch(/n'a pas pu être imprimée.*comptoir/);
  });

  it('a prescription already printed is not printed again on coming back to the screen', async () => {
    const kiosk = printingApi(at('printed'));
    renderStep('end', { prescription: SAMPLE_PRESCRIPTION }, { api: kiosk.api });
    await waitFor(() => expect(status()).toBe('printed'));
    expect(kiosk.printPrescription).not.toHaveBeenCalled();
  });

  it('no printer in this cabin (or no answer from main): says where to get it, never "printed"', async () => {
    const kiosk = printingApi({ status: 'unavailable', number: NUMBER, problem: null });
    renderStep('end', { prescription: SAMPLE_PRESCRIPTION }, { api: kiosk.api });
    await waitFor(() => expect(kiosk.api.getPrintState).toHaveBeenCalled());
    expect(screen.getByTestId('print-state').textContent).toContain("Cette cabine n'imprime pas l'ordonnance");
    expect(kiosk.printPrescription).not.toHaveBeenCalled();
  });
});

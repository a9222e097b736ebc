import { cleanup, fireEvent, render, screen, within } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { err, ok } from '../common/util/result';
import { DeliveriesPanel } from './DeliveriesPanel';
import type { DeliveriesApi, DeliveryView } from './deliveries-api';

afterEach(cleanup);

const failed: DeliveryView = {
  id: 'd1',
  kind: 'eprescription',
  reference: 'RX-2026-000001-8',
  attempts: 1,
  lastError: 'the e-prescription service refused it (HTTP 503)',
  nextAttemptAtMs: 0,
  deliveredAtMs: null,
};

describe('DeliveriesPanel', () => {
  it('shows a failed e-prescription with its reason and retries it; a refused report says why', async () => {
    const api: DeliveriesApi = {
      list: vi
        .fn()
        .mockResolvedValueOnce(ok([failed]))
        .mockResolvedValue(ok([{ ...failed, lastError: null, attempts: 2, deliveredAtMs: 1 }])),
      retry: vi.fn().mockResolvedValue(ok({ ...failed, deliveredAtMs: 1 })),
      reportToGp: vi
        .fn()
        .mockResolvedValue(err('the patient did not consent to the report being sent to their médecin traitant')),
    };
    render(<DeliveriesPanel api={api} />);
    const row = await screen.findByTestId('delivery-eprescription');
    expect(row.textContent).toContain('HTTP 503');
    fireEvent.click(within(row).getByRole('button', { name: 'Réessayer maintenant' }));
    await vi.waitFor(() => expect(screen.getByTestId('delivery-eprescription').textContent).toContain('envoyé'));
    expect(api.retry).toHaveBeenCalledWith('d1');
    fireEvent.change(screen.getByLabelText('Adresse MSSanté du médecin traitant'), {
      target: { value: 'dr.durand@medecin.mssante.fr' },
    });
    fireEvent.click(screen.getByRole('button', { name: 'Envoyer le compte rendu' }));
    expect((await screen.findByTestId('deliveries-problem')).textContent).toContain('did not consent');
    expect(api.reportToGp).toHaveBeenCalledWith('dr.durand@medecin.mssante.fr');
  });
});

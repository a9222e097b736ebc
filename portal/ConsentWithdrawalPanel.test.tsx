import { cleanup, fireEvent, render, screen, within } from '@testing-library/react';
import { I18nextProvider } from 'react-i18next';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { ConsentWithdrawalPanel } from './ConsentWithdrawalPanel';
import type { ConsentsClient } from './consents-client';
import { portalI18n } from './i18n';

afterEach(cleanup);

describe('ConsentWithdrawalPanel', () => {
  it('shows the uses of the ordonnance and withdraws the one the patient names; a refusal says why', async () => {
    const granted = { use: 'gp-report' as const, granted: true, withdrawnAt: null };
    const client = {
      list: vi
        .fn()
        .mockResolvedValueOnce({ ok: true, value: [granted, { use: 'research', granted: false, withdrawnAt: null }] })
        .mockResolvedValueOnce({ ok: true, value: [{ ...granted, withdrawnAt: '2026-12-06T10:00:00.000Z' }] })
        .mockResolvedValue({ ok: false, reason: 'this ordonnance was issued in another pharmacy' }),
      withdraw: vi.fn().mockResolvedValue({ ok: true, value: {} }),
    } as unknown as ConsentsClient;
    const i18n = await portalI18n(null);
    render(
      <I18nextProvider i18n={i18n}>
        <ConsentWithdrawalPanel client={client} />
      </I18nextProvider>,
    );
    fireEvent.change(screen.getByLabelText('N° de l’ordonnance'), { target: { value: ' RX-2026-000001-8 ' } });
    fireEvent.click(screen.getByRole('button', { name: 'Afficher' }));
    const gp = await screen.findByTestId('consent-gp-report');
    expect(screen.getByTestId('consent-research').textContent).toContain('refusé');
    fireEvent.click(within(gp).getByRole('button', { name: 'Retirer ce consentement' }));
    await vi.waitFor(() => expect(screen.getByTestId('consent-gp-report').textContent).toContain('retiré le'));
    expect(client.withdraw).toHaveBeenCalledWith('RX-2026-000001-8', 'gp-report');
    fireEvent.click(screen.getByRole('button', { name: 'Afficher' }));
    expect((await screen.findByTestId('consents-problem')).textContent).toContain('another pharmacy');
  });
});

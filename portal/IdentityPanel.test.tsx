import { cleanup, fireEvent, render, screen, within } from '@testing-library/react';
import { I18nextProvider } from 'react-i18next';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { StaffIdentityView } from '../common/identity/identity-check';
import { IdentityPanel } from './IdentityPanel';
import { IdentityRequestError, type IdentityClient } from './identity-client';
import { portalI18n } from './i18n';

afterEach(cleanup);

const UNANSWERED: StaffIdentityView = {
  sessionId: 'session-a',
  kioskId: 'cabine-a',
  source: 'card',
  insi: { kind: 'unavailable', at: '2026-12-06T10:00:00.000Z' },
  birthplace: 'Paris 8e Arrondissement — Paris (75)',
  identity: {
    traits: {
      birthName: 'TEST',
      birthGivenNames: 'ENFANT',
      birthDate: '2012-06-01',
      sex: 'M',
      birthplaceCode: '75108',
      usedName: null,
      usedGivenName: null,
    },
    status: 'provisional',
    ins: null,
    oid: null,
    insiAt: null,
    document: null,
  },
};

describe('IdentityPanel', () => {
  it('offers to ask INSi again only where it gave no answer; the new outcome replaces the old, a refusal says why', async () => {
    const found: StaffIdentityView = {
      ...UNANSWERED,
      insi: { kind: 'found', at: '2026-12-06T10:05:00.000Z' },
      identity: { ...UNANSWERED.identity, status: 'recovered', ins: '112067512345677' },
    };
    const client = {
      list: vi.fn().mockResolvedValue([UNANSWERED, { ...UNANSWERED, sessionId: 'session-b', insi: found.insi }]),
      askInsiAgain: vi
        .fn()
        .mockRejectedValueOnce(new IdentityRequestError('refused', 'INSi is not configured on this platform'))
        .mockResolvedValue(found),
    } as unknown as IdentityClient;
    const i18n = await portalI18n(null);
    render(
      <I18nextProvider i18n={i18n}>
        <IdentityPanel client={client} />
      </I18nextProvider>,
    );
    const items = await screen.findAllByTestId('identity-item');
    expect(within(items[1]!).queryByTestId('identity-insi-again')).toBeNull();
    fireEvent.click(within(items[0]!).getByRole('button', { name: "Interroger l'INSi à nouveau" }));
    expect((await screen.findByTestId('identities-error')).textContent).toContain('not configured');
    fireEvent.click(within(items[0]!).getByRole('button', { name: "Interroger l'INSi à nouveau" }));
    await vi.waitFor(() => expect(screen.getAllByTestId('identity-insi')[0]!.getAttribute('data-insi')).toBe('found'));
    expect(client.askInsiAgain).toHaveBeenCalledWith('session-a');
    expect(screen.queryByTestId('identity-insi-again')).toBeNull();
    expect(screen.queryByTestId('identities-error')).toBeNull();
  });

  it('names the birthplace the platform looked up, with its INSEE code; the code alone when it has no name', async () => {
    const client = {
      list: vi.fn().mockResolvedValue([UNANSWERED, { ...UNANSWERED, sessionId: 'session-b', birthplace: null }]),
    } as unknown as IdentityClient;
    render(
      <I18nextProvider i18n={await portalI18n(null)}>
        <IdentityPanel client={client} />
      </I18nextProvider>,
    );
    const [named, coded] = await screen.findAllByTestId('identity-item');
    expect(named!.textContent).toContain('lieu de naissance : Paris 8e Arrondissement — Paris (75) (INSEE 75108)');
    expect(coded!.textContent).toContain('lieu de naissance : 75108 (INSEE 75108)');
  });
});

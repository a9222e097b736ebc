import { cleanup, fireEvent, render, screen } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { IdentityCheckView } from '../common/identity/identity-check';
import { IdentityPanel } from './IdentityPanel';

afterEach(cleanup);

const IDENTITY = {
  lastName: 'TEST',
  firstName: 'ENFANT',
  birthDate: '2012-06-01',
  nir: '112067512345677',
  source: 'card' as const,
};
const noop = () => undefined;

describe('IdentityPanel: the RNIV status beside the name', () => {
  it('an identity nobody checked is provisional, with its NIR, never called an INS', () => {
    render(<IdentityPanel identity={IDENTITY} verified={null} onVerify={noop} />);
    const status = screen.getByTestId('identity-reliability');
    expect(status.dataset.status).toBe('provisional');
    expect(status.textContent).toContain('Identité provisoire');
    expect(screen.getByTestId('identity').textContent).toContain('NIR 112067512345677');
    expect(screen.getByTestId('identity').textContent).not.toContain('OID');
  });

  it('a recovered identity is not shown as qualified; a qualified one shows its INS and OID', () => {
    const ins = { ins: '112067512345677', oid: '1.2.250.1.213.1.4.8' };
    const { rerender } = render(
      <IdentityPanel identity={IDENTITY} verified={null} onVerify={noop} ins={{ status: 'recovered', ...ins }} />,
    );
    expect(screen.getByTestId('identity-reliability').textContent).toContain('Identité récupérée');
    expect(screen.getByTestId('identity').textContent).toContain('NIR 112067512345677');
    rerender(
      <IdentityPanel identity={IDENTITY} verified={null} onVerify={noop} ins={{ status: 'qualified', ...ins }} />,
    );
    expect(screen.getByTestId('identity-reliability').textContent).toContain('Identité qualifiée');
    expect(screen.getByTestId('identity').textContent).toContain('INS 112067512345677 (OID 1.2.250.1.213.1.4.8)');
  });
});

describe('IdentityPanel: identity vigilance during the call', () => {
  const view = (over: Partial<IdentityCheckView['identity']>, insi: IdentityCheckView['insi']): IdentityCheckView => ({
    sessionId: 's',
    kioskId: 'k',
    source: 'card',
    insi,
    identity: {
      ins: null,
      oid: null,
      traits: {
        birthName: 'TEST',
        birthGivenNames: 'ENFANT',
        birthDate: '2012-06-01',
        sex: 'M',
        birthplaceCode: '75123',
        usedName: null,
        usedGivenName: null,
      },
      status: 'provisional',
      insiAt: null,
      document: null,
      ...over,
    },
  });

  it("says INSi's answer plainly, and records the document the doctor checked on camera", () => {
    const checkDocument = vi.fn();
    const vigilance = { view: view({}, { kind: 'several', at: 'x' }), failed: false, checkDocument };
    render(<IdentityPanel identity={IDENTITY} verified={null} onVerify={noop} vigilance={vigilance} />);
    expect(screen.getByTestId('identity-insi').textContent).toBe(
      'INSi : plusieurs identités correspondent ; aucun INS récupéré.',
    );
    fireEvent.click(screen.getByTestId('identity-check-PA'));
    expect(checkDocument).toHaveBeenCalledWith('PA');
  });

  it('shows the document once checked (no more buttons), and a patient without an NIR as such', () => {
    const checked = view(
      { status: 'validated', document: { kind: 'CS', checkedBy: 'pharmacist:p', checkedAt: 'x' } },
      { kind: 'not-found', at: 'x' },
    );
    render(
      <IdentityPanel
        identity={{ ...IDENTITY, nir: null, source: 'manual' }}
        verified={null}
        onVerify={noop}
        vigilance={{ view: checked, failed: false, checkDocument: noop }}
      />,
    );
    expect(screen.getByTestId('identity-document').textContent).toBe('Pièce vérifiée : Titre de séjour');
    expect(screen.queryByTestId('identity-check-CN')).toBeNull();
    expect(screen.getByTestId('identity-reliability').dataset.status).toBe('validated');
    expect(screen.getByTestId('identity').textContent).toContain('sans NIR');
  });
});

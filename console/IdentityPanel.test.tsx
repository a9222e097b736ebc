import { cleanup, render, screen } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
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

import { describe, expect, it } from 'vitest';
import type { IdentityCheckView } from '../../common/identity/identity-check';
import { staffIdentityView } from './staff-identity-view';

const view = (birthplaceCode: string): IdentityCheckView => ({
  sessionId: 's',
  kioskId: 'k',
  source: 'manual',
  insi: null,
  identity: {
    traits: {
      birthName: 'TEST',
      birthGivenNames: 'UN',
      birthDate: '1980-01-01',
      sex: 'F',
      birthplaceCode,
      usedName: null,
      usedGivenName: null,
    },
    status: 'provisional',
    ins: null,
    oid: null,
    insiAt: null,
    document: null,
  },
});

describe('staffIdentityView', () => {
  it('names a commune with its département (homonyms), a country by its name, and keeps the rest as it was', () => {
    expect(staffIdentityView(view('97411')).birthplace).toBe('Saint-Denis — La Réunion (974)');
    expect(staffIdentityView(view('75108')).birthplace).toBe('Paris 8e Arrondissement — Paris (75)');
    expect(staffIdentityView(view('99350')).birthplace).toBe('Maroc');
    expect(staffIdentityView(view('97411')).identity).toEqual(view('97411').identity);
  });

  it('gives null for a code the index does not hold (the screen then shows the code alone)', () => {
    expect(staffIdentityView(view('12345')).birthplace).toBeNull();
  });
});

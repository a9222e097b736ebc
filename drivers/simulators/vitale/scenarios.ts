/**
 * The virtual Carte Vitale's scenarios. Synthetic data only: the NIR below is made up (its key is
 * computed, the person does not exist).
 */
export interface VitaleScenario {
  /** What the scenario shows, for `--help` and the control's state. */
  description: string;
  /** Which ATR the card answers with. `mute` is an ATR vpcd cannot accept (see virtual-vitale.ts). */
  atr: 'vitale-2' | 'vitale-1' | 'mute';
  /** The beneficiaries written in the identity file, one 65 block each, in this order (the holder first). */
  beneficiaries: readonly { nir: string; lastName: string; firstName: string; birthDate: string }[];
  /** True: the card is pulled out on the first READ BINARY of the identity file (once per insertion of the scenario). */
  pullDuringRead: boolean;
}

export const SYNTHETIC_BENEFICIARY = {
  nir: '269054958815780',
  lastName: 'TEST',
  firstName: 'PATIENT',
  birthDate: '19690501',
} as const;

/** A dependant on the holder's card (a child born in Paris); the NIR is made up, its key computed. */
export const SYNTHETIC_CHILD = {
  nir: '112067512345677',
  lastName: 'TEST',
  firstName: 'ENFANT',
  birthDate: '20120601',
} as const;

export const VITALE_SCENARIOS = {
  'valid-card': {
    description: 'Vitale 2 with a valid identity',
    atr: 'vitale-2',
    beneficiaries: [SYNTHETIC_BENEFICIARY],
    pullDuringRead: false,
  },
  'two-beneficiaries': {
    description: 'Vitale 2 carrying the holder and a child',
    atr: 'vitale-2',
    beneficiaries: [SYNTHETIC_BENEFICIARY, SYNTHETIC_CHILD],
    pullDuringRead: false,
  },
  'unreadable-beneficiary': {
    description: 'Vitale 2 whose first beneficiary has a wrong NIR key; the child reads fine',
    atr: 'vitale-2',
    beneficiaries: [{ ...SYNTHETIC_BENEFICIARY, nir: '269054958815781' }, SYNTHETIC_CHILD],
    pullDuringRead: false,
  },
  'vitale-1': {
    description: 'Vitale 1 card (no identity over PC/SC)',
    atr: 'vitale-1',
    beneficiaries: [SYNTHETIC_BENEFICIARY],
    pullDuringRead: false,
  },
  'wrong-nir-key': {
    description: 'Vitale 2 whose NIR key does not match (80 expected, 81 written)',
    atr: 'vitale-2',
    beneficiaries: [{ ...SYNTHETIC_BENEFICIARY, nir: '269054958815781' }],
    pullDuringRead: false,
  },
  'removed-mid-read': {
    description: 'Vitale 2 pulled out while its identity file is read; reinserted, it reads fine',
    atr: 'vitale-2',
    beneficiaries: [SYNTHETIC_BENEFICIARY],
    pullDuringRead: true,
  },
  'mute-card': {
    description: 'a card that gives no usable ATR',
    atr: 'mute',
    beneficiaries: [SYNTHETIC_BENEFICIARY],
    pullDuringRead: false,
  },
} as const satisfies Record<string, VitaleScenario>;

export type VitaleScenarioName = keyof typeof VITALE_SCENARIOS;

export function isVitaleScenario(name: string): name is VitaleScenarioName {
  return Object.hasOwn(VITALE_SCENARIOS, name);
}

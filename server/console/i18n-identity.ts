/**
 * The identity panel's strings (IdentityPanel), with the RNIV status beside the patient's name;
 * merged into the console's table (i18n.ts).
 */
export const IDENTITY_FR = {
  'identity.title': 'Identité',
  'identity.card': 'lue sur la carte Vitale',
  'identity.manual': 'saisie à la main — à vérifier',
  'identity.none': 'Aucune identité transmise',
  'identity.verify': 'Identité vérifiée',
  'identity.mismatch': 'Ne correspond pas',
  'identity.verified': 'Vérifiée',
  'identity.rejected': 'Signalée non conforme',
  'identity.status.provisional': 'Identité provisoire (INS non qualifiée)',
  'identity.status.recovered': 'Identité récupérée (INSi, pièce non contrôlée)',
  'identity.status.validated': 'Identité validée (pièce contrôlée, sans INSi)',
  'identity.status.qualified': 'Identité qualifiée (INSi et pièce d’identité)',
} as const;

export const IDENTITY_EN = {
  'identity.title': 'Identity',
  'identity.card': 'read from the Carte Vitale',
  'identity.manual': 'typed in — check it',
  'identity.none': 'No identity sent',
  'identity.verify': 'Identity verified',
  'identity.mismatch': 'Does not match',
  'identity.verified': 'Verified',
  'identity.rejected': 'Reported as not matching',
  'identity.status.provisional': 'Provisional identity (INS not qualified)',
  'identity.status.recovered': 'Recovered identity (INSi, no document checked)',
  'identity.status.validated': 'Validated identity (document checked, no INSi)',
  'identity.status.qualified': 'Qualified identity (INSi and identity document)',
} as const;

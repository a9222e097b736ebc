import type { PatientIdentity } from '../identity/identity';
import type { IdentityStatus, InsIdentity } from '../identity/ins';
import {
  ADDRESS_INSEE_CODE_URL,
  BIRTH_PLACE_URL,
  FR_IDENTIFIER_TYPE_SYSTEM,
  IDENTITY_RELIABILITY_URL,
  IDENTITY_STATUS_SYSTEM,
  IDENTITY_VALIDATION_MODE_SYSTEM,
  INSEE_COMMUNE_SYSTEM,
  NIR_UNQUALIFIED_SYSTEM,
} from './codes';
import type { Extension, Identifier, Patient } from './r4-types';

const STATUS_CODE: Record<IdentityStatus, { code: string; display: string }> = {
  provisional: { code: 'PROV', display: 'Identité provisoire' },
  recovered: { code: 'RECUP', display: 'Identité récupérée' },
  validated: { code: 'VALI', display: 'Identité validée' },
  qualified: { code: 'QUAL', display: 'Identité qualifiée' },
};
const GENDER = { M: 'male', F: 'female', I: 'other' } as const;

/** FR Core's identity-reliability extension: the RNIV status, and what backs it (INSi date, document). */
export function identityReliability(ins: InsIdentity | null): Extension {
  const status = ins?.status ?? 'provisional';
  const parts: Extension[] = [
    { url: 'identityStatus', valueCoding: { system: IDENTITY_STATUS_SYSTEM, ...STATUS_CODE[status] } },
  ];
  if (ins?.insiAt) parts.push({ url: 'dateCollection', valueDate: ins.insiAt.slice(0, 10) });
  if (ins?.document) {
    parts.push({ url: 'validationDate', valueDate: ins.document.checkedAt.slice(0, 10) });
    parts.push({
      url: 'validationMode',
      valueCoding: { system: IDENTITY_VALIDATION_MODE_SYSTEM, code: ins.document.kind },
    });
  }
  return { url: IDENTITY_RELIABILITY_URL, extension: parts };
}

/**
 * The patient's identifiers. The INS (with its OID and FR Core's INS-NIR type) only for a
 * qualified identity: RNIV lets the INS be used and passed on only then. Otherwise the NIR the card
 * or the patient gave goes out under our own "not qualified" namespace, never as an INS.
 */
function identifiers(identity: PatientIdentity | null, ins: InsIdentity | null): Identifier[] {
  if (ins?.status === 'qualified' && ins.ins && ins.oid)
    return [
      {
        use: 'official',
        type: { coding: [{ system: FR_IDENTIFIER_TYPE_SYSTEM, code: 'INS-NIR', display: 'NIR définitif' }] },
        system: `urn:oid:${ins.oid}`,
        value: ins.ins,
      },
    ];
  const nir = ins?.ins ?? identity?.nir;
  return nir ? [{ type: { text: 'NIR (identité non qualifiée)' }, system: NIR_UNQUALIFIED_SYSTEM, value: nir }] : [];
}

/**
 * The Patient of a consultation: with INS traits when the platform holds them (birth names as the
 * official name, the used names as usual, sex, INSEE birthplace), else the card's or typed identity.
 * Always carries the identity-reliability extension, so a reader never takes it for more than it is.
 */
export function insPatient(
  id: string,
  identity: PatientIdentity | null,
  ins: InsIdentity | null,
  birthDate: (iso: string) => string | undefined,
): Patient {
  const extension: Extension[] = [identityReliability(ins)];
  if (!ins) {
    const date = identity ? birthDate(identity.birthDate) : undefined;
    const ids = identifiers(identity, null);
    return {
      resourceType: 'Patient',
      id,
      extension,
      ...(ids.length > 0 ? { identifier: ids } : {}),
      ...(identity ? { name: [{ family: identity.lastName, given: [identity.firstName] }] } : {}),
      ...(date ? { birthDate: date } : {}),
    };
  }
  const t = ins.traits;
  extension.push({
    url: BIRTH_PLACE_URL,
    valueAddress: {
      extension: [
        { url: ADDRESS_INSEE_CODE_URL, valueCoding: { system: INSEE_COMMUNE_SYSTEM, code: t.birthplaceCode } },
      ],
    },
  });
  const names: Patient['name'] = [{ use: 'official', family: t.birthName, given: t.birthGivenNames.split(/\s+/) }];
  if (t.usedName || t.usedGivenName)
    names.push({
      use: 'usual',
      family: t.usedName ?? t.birthName,
      given: [t.usedGivenName ?? t.birthGivenNames.split(/\s+/)[0]!],
    });
  const date = birthDate(t.birthDate);
  return {
    resourceType: 'Patient',
    id,
    extension,
    ...(ins.ins || identity ? { identifier: identifiers(identity, ins) } : {}),
    name: names,
    gender: GENDER[t.sex],
    ...(date ? { birthDate: date } : {}),
  };
}

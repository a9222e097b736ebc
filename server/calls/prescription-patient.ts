import type { PrescriptionPatient } from '../../common/consultation/prescription';
import type { PatientIdentity } from '../../common/identity/identity';

/**
 * The sex the NIR's first digit tells (1 and 7 male, 2 and 8 female; 3 is a foreign-born temporary
 * number that tells nothing).
 */
export function sexOfNir(nir: string | null): 'F' | 'M' | null {
  const digit = nir?.[0];
  return digit === '1' || digit === '7' ? 'M' : digit === '2' || digit === '8' ? 'F' : null;
}

/**
 * The sex printed on the ordonnance and shown in the doctors' queue: the NIR's, else (a patient
 * without an NIR) the one typed; an indeterminate one is not shown.
 */
export function sexOf(identity: PatientIdentity): 'F' | 'M' | null {
  const typed = identity.traits?.sex === 'I' ? null : (identity.traits?.sex ?? null);
  return sexOfNir(identity.nir) ?? typed;
}

/**
 * The patient as the ordonnance names them, from the identity the doctor checked in the call. No
 * weight: the kiosk has no scale yet (the field waits for one).
 */
export function prescriptionPatient(identity: PatientIdentity): PrescriptionPatient {
  const sex = sexOf(identity);
  return { lastName: identity.lastName, firstNames: identity.firstName, sex, birthDate: identity.birthDate };
}

/** Age in whole years on `on` (YYYY-MM-DD or ISO); null for a lunar date (day or month 00). */
export function ageOn(birthDate: string, on: string): number | null {
  const [y, m, d] = birthDate.split('-').map(Number) as [number, number, number];
  if (m === 0 || d === 0) return null;
  const date = new Date(on);
  const [ty, tm, td] = [date.getUTCFullYear(), date.getUTCMonth() + 1, date.getUTCDate()];
  return ty - y - (tm < m || (tm === m && td < d) ? 1 : 0);
}

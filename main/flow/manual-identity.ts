import type { z } from 'zod';
import type { ManualFieldError as ManualFieldErrorSchema } from '../../common/flow/flow-view';
import type { PatientIdentity } from '../../common/identity/identity';
import { birthplaceByCode } from '../../common/identity/birthplaces';
import { validateNir } from '../../common/identity/nir';

type ManualFieldError = z.infer<typeof ManualFieldErrorSchema>;
export type ManualField = 'lastName' | 'firstName' | 'birthDate' | 'nir' | 'sex' | 'birthplace' | 'usedName';
export type ManualErrors = Partial<Record<ManualField, ManualFieldError>>;

export interface ManualForm {
  lastName: string;
  firstName: string;
  birthDate: string;
  nir: string;
  /** The path without an NIR: sex, INSEE birthplace code (from the list), used name (optional). */
  withoutNir?: { sex: 'M' | 'F' | 'I' | ''; birthplaceCode: string; usedName: string } | undefined;
}

/** Accepts YYYY-MM-DD or DD/MM/YYYY (the on-screen keyboard's order); returns YYYY-MM-DD or null. */
export function normaliseBirthDate(value: string): string | null {
  const text = value.trim();
  const iso = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text);
  const fr = /^(\d{2})\/(\d{2})\/(\d{4})$/.exec(text);
  const [y, m, d] = iso ? [iso[1], iso[2], iso[3]] : fr ? [fr[3], fr[2], fr[1]] : [];
  if (y === undefined || m === undefined || d === undefined) return null;
  const date = new Date(Date.UTC(Number(y), Number(m) - 1, Number(d)));
  if (date.getUTCFullYear() !== Number(y) || date.getUTCMonth() !== Number(m) - 1 || date.getUTCDate() !== Number(d))
    return null;
  return `${y}-${m}-${d}`;
}

function nameError(value: string): ManualFieldError | null {
  const text = value.trim();
  if (text.length === 0) return 'required';
  return text.length > 80 ? 'too-long' : null;
}

/**
 * Checks the typed identity: required names, a real past date, the NIR's format and key, and that
 * the NIR's birth year and month (characters 2–5) agree with the typed date ('nir-mismatch';
 * NIR months 20+ mean "unknown" and are not compared). `today` is YYYY-MM-DD from the clock.
 */
export function validateManualIdentity(
  form: ManualForm,
  today: string,
): { identity: PatientIdentity } | { errors: ManualErrors } {
  const errors: ManualErrors = {};
  const lastError = nameError(form.lastName);
  const firstError = nameError(form.firstName);
  if (lastError) errors.lastName = lastError;
  if (firstError) errors.firstName = firstError;
  const birthDate = form.birthDate.trim() === '' ? null : normaliseBirthDate(form.birthDate);
  if (form.birthDate.trim() === '') errors.birthDate = 'required';
  else if (birthDate === null) errors.birthDate = 'invalid-date';
  else if (birthDate > today) errors.birthDate = 'future-date';
  if (form.withoutNir) return withoutNir(form, form.withoutNir, { errors, birthDate });
  const nir = form.nir.replace(/\s+/g, '').toUpperCase();
  if (nir === '') errors.nir = 'required';
  else {
    const check = validateNir(nir);
    if (!check.valid) errors.nir = check.reason === 'key' ? 'nir-key' : 'nir-format';
    else if (birthDate !== null && !errors.birthDate) {
      const month = Number(nir.slice(3, 5));
      const yearAgrees = nir.slice(1, 3) === birthDate.slice(2, 4);
      const monthAgrees = month > 12 || nir.slice(3, 5) === birthDate.slice(5, 7);
      if (!yearAgrees || !monthAgrees) errors.nir = 'nir-mismatch';
    }
  }
  if (Object.keys(errors).length > 0 || birthDate === null) return { errors };
  return {
    identity: {
      lastName: form.lastName.trim().toUpperCase(),
      firstName: form.firstName.trim(),
      birthDate,
      nir,
      source: 'manual',
    },
  };
}

/**
 * The identity of a patient without an NIR: the INS reference traits as typed (birth name, first
 * names, date, sex, INSEE birthplace code from the kiosk's list) and the used name. It goes to the
 * platform as such: provisional until INSi and a checked document say more.
 */
function withoutNir(
  form: ManualForm,
  extra: NonNullable<ManualForm['withoutNir']>,
  checked: { errors: ManualErrors; birthDate: string | null },
): { identity: PatientIdentity } | { errors: ManualErrors } {
  const { errors, birthDate } = checked;
  if (extra.sex === '') errors.sex = 'required';
  if (!birthplaceByCode(extra.birthplaceCode)) errors.birthplace = 'required';
  const usedName = extra.usedName.trim();
  if (usedName.length > 80) errors.usedName = 'too-long';
  if (Object.keys(errors).length > 0 || birthDate === null || extra.sex === '') return { errors };
  const lastName = form.lastName.trim().toUpperCase();
  const firstName = form.firstName.trim();
  return {
    identity: {
      lastName,
      firstName,
      birthDate,
      nir: null,
      source: 'manual',
      traits: {
        birthName: lastName,
        birthGivenNames: firstName.toUpperCase(),
        birthDate,
        sex: extra.sex,
        birthplaceCode: extra.birthplaceCode,
        usedName: usedName === '' || usedName.toUpperCase() === lastName ? null : usedName.toUpperCase(),
        usedGivenName: null,
      },
    },
  };
}

/** Optional contact for the prescription: a plausible e-mail and a French or international phone. */
export function contactValid(contact: { email: string | null; phone: string | null }): boolean {
  const email = contact.email?.trim() ?? '';
  const phone = contact.phone?.replace(/[\s.-]/g, '') ?? '';
  if (email !== '' && !/^[^\s@]+@[^\s@]+\.[^\s@]{2,}$/.test(email)) return false;
  if (phone !== '' && !/^(0[1-9]\d{8}|\+\d{8,15})$/.test(phone)) return false;
  return true;
}

import { z } from 'zod';
import { normaliseNir, validateNir } from './nir';

/**
 * The INS (identité nationale de santé) as the national identity-vigilance rules (RNIV) define it:
 * the INS number (the NIR, or a NIA for a person awaiting registration) with its OID, the five
 * reference traits, and the identity's status. Health data: never logged.
 */

/** OID of an NIR-based INS (ANS; FR Core's identifier slice "INS-NIR"). */
export const INS_NIR_OID = '1.2.250.1.213.1.4.8';

/** The five reference traits (traits stricts), plus the used names the patient goes by. */
export const InsTraits = z.object({
  /** Nom de naissance, upper case, as the civil register writes it. */
  birthName: z.string().trim().min(1).max(100),
  /** Prénom(s) de naissance, in order, separated by spaces. */
  birthGivenNames: z.string().trim().min(1).max(100),
  /** YYYY-MM-DD; a lunar date (month or day 00) stays as the register holds it. */
  birthDate: z.string().regex(/^\d{4}-\d{2}-\d{2}$/),
  /** M, F, or I (indeterminate) as INSi returns it. */
  sex: z.enum(['M', 'F', 'I']),
  /** INSEE code of the birthplace: a commune (5 characters, 2A/2B for Corsica) or 99xxx for a country. */
  birthplaceCode: z.string().regex(/^(\d{2}|2A|2B)\d{3}$/),
  /** Nom utilisé, when it differs from the birth name. */
  usedName: z.string().trim().min(1).max(100).nullable(),
  /** Prénom utilisé, when it differs from the first birth given name. */
  usedGivenName: z.string().trim().min(1).max(100).nullable(),
});
export type InsTraits = z.infer<typeof InsTraits>;

/**
 * RNIV's four statuses (EXI SI 07), from two independent facts: the traits came from INSi (or
 * not), and a high-trust identity document was checked (or not).
 */
export const IdentityStatus = z.enum(['provisional', 'recovered', 'validated', 'qualified']);
export type IdentityStatus = z.infer<typeof IdentityStatus>;

/**
 * The documents RNIV accepts to check an identity (FR Core's mode-validation codes): CN national
 * identity card, PA passport, CS residence permit, eCN electronic identity card.
 */
export const IdentityDocument = z.enum(['CN', 'PA', 'CS', 'eCN']);
export type IdentityDocument = z.infer<typeof IdentityDocument>;

/** The status for what is known: INSi answered with these traits, and a document was checked. */
export function identityStatus(facts: { insiRecovered: boolean; documentChecked: boolean }): IdentityStatus {
  if (facts.insiRecovered) return facts.documentChecked ? 'qualified' : 'recovered';
  return facts.documentChecked ? 'validated' : 'provisional';
}

/** Why an INS number is refused (short stable strings for messages). */
export type InsNumberProblem = 'length' | 'format' | 'key';

/** Checks an INS number (NIR-based): 15 characters and the key of the first 13. */
export function checkInsNumber(value: string): { ok: true; ins: string } | { ok: false; problem: InsNumberProblem } {
  const ins = normaliseNir(value);
  const check = validateNir(ins);
  if (check.valid) return { ok: true, ins };
  if (check.reason === 'length') return { ok: false, problem: 'length' };
  return { ok: false, problem: check.reason === 'key' ? 'key' : 'format' };
}

/** Which traits an INS number contradicts (its sex digit, birth year and month, birthplace). */
export type TraitConflict = 'sex' | 'birth-year' | 'birth-month' | 'birthplace';

/**
 * The traits the INS number itself encodes, compared with `traits`: sex (1 male, 2 female),
 * year and month of birth (a month of 20 and over means unknown in the register) and the INSEE
 * birthplace code (department + commune, or 99 + country). An INS whose digits contradict the
 * traits is someone else's: it is refused, and the identity stays provisional.
 */
export function traitConflicts(ins: string, traits: InsTraits): TraitConflict[] {
  const conflicts: TraitConflict[] = [];
  const sexDigit = ins[0];
  if ((sexDigit === '1' && traits.sex === 'F') || (sexDigit === '2' && traits.sex === 'M')) conflicts.push('sex');
  if (ins.slice(1, 3) !== traits.birthDate.slice(2, 4)) conflicts.push('birth-year');
  const month = Number(ins.slice(3, 5));
  if (month >= 1 && month <= 12 && ins.slice(3, 5) !== traits.birthDate.slice(5, 7)) conflicts.push('birth-month');
  if (ins.slice(5, 10) !== traits.birthplaceCode) conflicts.push('birthplace');
  return conflicts;
}

/** The INS identity the platform stores for a consultation (records migration 0015). */
export const InsIdentity = z.object({
  /** The INS number (15 characters, key checked); null until INSi gave one. */
  ins: z
    .string()
    .regex(/^[12378]\d{4}(\d{2}|2A|2B)\d{8}$/)
    .nullable(),
  /** The OID of the INS number's kind; null with `ins`. */
  oid: z.literal(INS_NIR_OID).nullable(),
  traits: InsTraits,
  status: IdentityStatus,
  /** When INSi answered with these traits (ISO 8601); null if it never did. */
  insiAt: z.string().nullable(),
  /** The document checked, by whom (a staff account id) and when; null until one was. */
  document: z.object({ kind: IdentityDocument, checkedBy: z.string().min(1), checkedAt: z.string() }).nullable(),
});
export type InsIdentity = z.infer<typeof InsIdentity>;

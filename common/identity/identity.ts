import { z } from 'zod';
import { InsTraits } from './ins';

/**
 * A patient's identity as the kiosk holds it for one session: read from the Carte Vitale or typed
 * on the on-screen keyboard. Health data: it never goes to a log, and it is wiped with the session.
 */
export const PatientIdentity = z.object({
  /** Nom de naissance (or usage name when the card gives only that), as printed, upper case. */
  lastName: z.string().min(1).max(80),
  /** Prénom. */
  firstName: z.string().min(1).max(80),
  /** Date of birth, YYYY-MM-DD. Lunar dates from the card (day or month 00) are kept as read. */
  birthDate: z.string().regex(/^\d{4}-\d{2}-\d{2}$/),
  /**
   * NIR: 13 characters (Corsica: 2A/2B in the department) followed by the 2-digit key. Null for a
   * patient who has none (a foreign patient, no card): the typed traits below then say who it is.
   */
  nir: z
    .string()
    .regex(/^[12378]\d{2}(0[1-9]|1[0-2]|[2-9]\d)(\d{2}|2A|2B)\d{6}\d{2}$/)
    .nullable(),
  /**
   * The INS reference traits as the patient typed them (the path without an NIR): birth name,
   * birth first names, sex, INSEE code of the birthplace, used names. Absent for a card's identity,
   * whose NIR gives sex and birthplace. Provisional until the platform checks them (INSi, a document).
   */
  traits: InsTraits.optional(),
  /** Where the identity came from; a typed identity is checked by the doctor against the face. */
  source: z.enum(['card', 'manual']),
});
export type PatientIdentity = z.infer<typeof PatientIdentity>;

/**
 * Everyone a Carte Vitale carries (the holder and their dependants): the readable identities in
 * card order, and how many beneficiary blocks could not be read (the patient is told plainly).
 */
export const CardBeneficiaries = z.object({
  beneficiaries: z.array(PatientIdentity).max(16),
  unreadable: z.number().int().min(0),
});
export type CardBeneficiaries = z.infer<typeof CardBeneficiaries>;

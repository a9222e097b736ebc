import { z } from 'zod';
import type { PatientIdentity } from './identity';
import { IdentityDocument, InsIdentity, type InsTraits } from './ins';

/**
 * What the platform did with a session's identity (issue 21): the INSi search it ran when the
 * identity arrived, and the identity document a pharmacist or a doctor checked. Shared by the
 * platform's routes, the doctor console and the pharmacist's portal.
 */

/**
 * The last INSi search's outcome, as the pharmacist and the doctor are told it: found (the INS is
 * recovered), not found, several found, refused (an answer that fails a check), or the teleservice
 * did not answer. `pending` while the search runs.
 */
export const InsiOutcome = z.object({
  kind: z.enum(['pending', 'found', 'not-found', 'several', 'ins-key', 'ins-format', 'traits-conflict', 'unavailable']),
  at: z.string(),
});
export type InsiOutcome = z.infer<typeof InsiOutcome>;

/** A session's identity as the staff see it: INS traits and status, INSi's outcome, where it came from. */
export const IdentityCheckView = z.object({
  sessionId: z.string(),
  kioskId: z.string(),
  source: z.enum(['card', 'manual']),
  identity: InsIdentity,
  insi: InsiOutcome.nullable(),
});
export type IdentityCheckView = z.infer<typeof IdentityCheckView>;

/**
 * The view the staff's screens are sent: with the birthplace's name (commune and département, or
 * country) looked up by the platform, which holds the COG index the portal does not ship; null when
 * the code is not in it (the code is then shown).
 */
export const StaffIdentityView = IdentityCheckView.extend({ birthplace: z.string().nullable() });
export type StaffIdentityView = z.infer<typeof StaffIdentityView>;

/**
 * The body of a document check: only the kind of document. Strict: a body carrying anything else (a
 * document number, an image) is refused, so nothing of the kind can be stored by mistake.
 */
export const DocumentCheckBody = z.strictObject({ kind: IdentityDocument });
export type DocumentCheckBody = z.infer<typeof DocumentCheckBody>;

/** The identity routes (server/identity/identity-routes.ts registers the same paths with `:id`). */
export const IDENTITY_API = {
  /** GET: the pharmacy's identities of today (pharmacist). */
  pharmacyList: '/api/pharmacy/identities',
  /** POST DocumentCheckBody (pharmacist of the kiosk's pharmacy). */
  pharmacyDocument: (sessionId: string) => `/api/pharmacy/identities/${encodeURIComponent(sessionId)}/document`,
  /** POST {}: INSi asked again for an identity whose search got no answer (pharmacist of the kiosk's pharmacy). */
  pharmacyInsi: (sessionId: string) => `/api/pharmacy/identities/${encodeURIComponent(sessionId)}/insi`,
  /** GET: a consultation's identity (doctor who takes part). */
  consultation: (consultationId: string) => `/api/identity/consultations/${encodeURIComponent(consultationId)}`,
  /** POST DocumentCheckBody (doctor who takes part). */
  consultationDocument: (consultationId: string) =>
    `/api/identity/consultations/${encodeURIComponent(consultationId)}/document`,
} as const;

const NIR_SEX: Record<string, 'M' | 'F'> = { '1': 'M', '2': 'F', '7': 'M', '8': 'F' };

/**
 * The reference traits of an identity the kiosk sent. A typed identity without an NIR carries its
 * traits as the patient gave them; a card's (or a typed one with an NIR) takes sex and birthplace
 * from the NIR, whose digits encode them (sex digit; department and commune, or 99 and the country).
 * Null when the NIR does not give them (a number awaiting registration, sex digit 3).
 */
export function traitsOfKioskIdentity(identity: PatientIdentity): InsTraits | null {
  if (identity.traits) return identity.traits;
  const nir = identity.nir;
  if (!nir) return null;
  const sex = NIR_SEX[nir[0] ?? ''];
  if (!sex) return null;
  return {
    birthName: identity.lastName.toUpperCase(),
    birthGivenNames: identity.firstName.toUpperCase(),
    birthDate: identity.birthDate,
    sex,
    birthplaceCode: nir.slice(5, 10),
    usedName: null,
    usedGivenName: null,
  };
}

/** Upper case without accents: how INSi compares names (and how the card prints them). */
function plain(name: string): string {
  return name
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .toUpperCase()
    .replace(/[^A-Z]+/g, ' ')
    .trim();
}

/**
 * Traits INSi returned that contradict what the card or the patient gave: another birth date, sex
 * or birth name means INSi found someone else, whose INS must not be taken.
 */
export function givenTraitsConflict(given: InsTraits, insi: InsTraits): boolean {
  return (
    given.birthDate !== insi.birthDate || given.sex !== insi.sex || plain(given.birthName) !== plain(insi.birthName)
  );
}

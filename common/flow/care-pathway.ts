import { z } from 'zod';

/** Specialties a patient can ask for at the kiosk. */
export const Specialty = z.enum([
  'general-practice',
  'paediatrics',
  'gynaecology',
  'ophthalmology',
  'psychiatry',
  'stomatology',
  'dermatology',
]);
export type Specialty = z.infer<typeof Specialty>;

/** Specialties open to direct access (accès direct): no referral from the médecin traitant needed. */
export const DIRECT_ACCESS_SPECIALTIES: ReadonlySet<Specialty> = new Set([
  'gynaecology',
  'ophthalmology',
  'psychiatry',
  'stomatology',
  'paediatrics',
]);

/** The patient's answers to the parcours de soins questions (PRODUCT.md, patient step 4). */
export const CarePathwayAnswers = z.object({
  hasMedecinTraitant: z.boolean(),
  referredByMedecinTraitant: z.boolean(),
  /** Exceptions that keep the care pathway respected without a referral. */
  exception: z.enum(['none', 'under-16', 'emergency', 'no-medecin-traitant', 'medecin-traitant-unavailable']),
  /** Affection de longue durée or maternity: 100 % coverage. */
  aldOrMaternity: z.boolean(),
});
export type CarePathwayAnswers = z.infer<typeof CarePathwayAnswers>;

/** What the patient is told before the call; informative, never blocking. */
export const ReimbursementInfo = z.object({
  pathwayRespected: z.boolean(),
  /** Assurance Maladie share of the fee, in % (70 general case, 100 ALD/maternity, 30 out of pathway). */
  ratePercent: z.number().int().min(0).max(100),
  /** Participation forfaitaire left to the patient, in euros (2 € in the general case). */
  participationForfaitaireEuros: z.number().min(0),
});
export type ReimbursementInfo = z.infer<typeof ReimbursementInfo>;

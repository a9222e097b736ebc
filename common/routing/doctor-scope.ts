import { z } from 'zod';
import { Specialty } from '../flow/care-pathway';
import { Territory } from './territory';

/**
 * Which patients of the live queue a doctor may take: those asking for one of their specialties
 * from a pharmacy in one of their territories. Set by the administrator with the account
 * (`server/admin.ts add-doctor --specialties … --territories …`).
 */
export const DoctorScope = z.object({
  specialties: z.array(Specialty).min(1).max(Specialty.options.length),
  territories: z.array(Territory).min(1).max(120),
});
export type DoctorScope = z.infer<typeof DoctorScope>;

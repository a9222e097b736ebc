import { z } from 'zod';

/**
 * A territory of the live queue: a French département code, as the INSEE writes it. Metropolitan
 * 01–95 (Corsica is 2A and 2B, never 20) and the overseas 971–976. A pharmacy has one (its kiosk
 * config's `site.territory`); a doctor serves one or more (their account). Routing needs no finer
 * grain today: a doctor near enough for a follow-up visit serves the whole département.
 */
export const Territory = z
  .string()
  .regex(
    /^(0[1-9]|1\d|[3-8]\d|9[0-5]|2[1-9]|2A|2B|97[1-6])$/,
    'a département code: 01–95 (2A or 2B for Corsica, not 20) or 971–976',
  );
export type Territory = z.infer<typeof Territory>;

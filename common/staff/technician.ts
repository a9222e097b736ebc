import { z } from 'zod';

/**
 * The field technician's personal account (issue 19): an identifier and a secret, issued on the
 * platform (`admin add-technician`), handed to kiosks as scrypt hashes over their authenticated
 * channel and cached there for offline sign-in. Distinct from the pharmacist's PIN.
 */

/** Lower-case letters, digits, dots and dashes, 3 to 40 (e.g. "tech.martin"). */
export const TechnicianId = z
  .string()
  .trim()
  .toLowerCase()
  .regex(/^[a-z0-9][a-z0-9.-]{2,39}$/, 'a technician identifier: 3 to 40 lower-case letters, digits, dots, dashes');

/** A secret is at least 10 characters (it is typed on the touchscreen's keyboard). */
export const TECHNICIAN_SECRET_MIN = 10;
/** What the kiosk's on-screen keyboard types in its identifier layout: no capitals, no spaces. */
export const TECHNICIAN_SECRET_CHARACTERS = /^[a-z0-9.@_-]+$/;

/** Wrong secrets in a row (per identifier) before the lockout. */
export const TECHNICIAN_MAX_FAILURES = 5;
/** How long the lockout lasts (ms); kept in the kiosk's store, so a restart does not lift it. */
export const TECHNICIAN_LOCKOUT_MS = 15 * 60_000;

/** One account as the platform hands it to a kiosk: never the secret, only its scrypt hash. */
export const TechnicianAccountWire = z
  .object({
    id: TechnicianId,
    name: z.string().min(1).max(120),
    /** `scrypt$N$r$p$salt$hash` (base64). */
    secretHash: z.string().regex(/^scrypt\$\d+\$\d+\$\d+\$[A-Za-z0-9+/=]+\$[A-Za-z0-9+/=]+$/),
  })
  .strict();
export type TechnicianAccountWire = z.infer<typeof TechnicianAccountWire>;

/** GET TECHNICIAN_ACCOUNTS_PATH (kiosk credential): every active account (a revoked one is absent). */
export const TechnicianAccountList = z.object({ technicians: z.array(TechnicianAccountWire).max(10_000) });
export type TechnicianAccountList = z.infer<typeof TechnicianAccountList>;

export const TechnicianSignInRequest = z
  .object({ identifier: z.string().min(1).max(64), secret: z.string().min(1).max(128) })
  .strict();
export type TechnicianSignInRequest = z.infer<typeof TechnicianSignInRequest>;

export const TechnicianSignInResponse = z.discriminatedUnion('ok', [
  z.object({ ok: z.literal(true), technician: z.object({ id: z.string(), name: z.string() }) }),
  z.object({
    ok: z.literal(false),
    /**
     * wrong-credentials: unknown identifier or wrong secret (the same answer for both);
     * locked: too many wrong secrets for this identifier, wait `retryAfterSeconds`;
     * no-accounts: this kiosk has never received any technician account from the platform.
     */
    error: z.enum(['wrong-credentials', 'locked', 'no-accounts']),
    retryAfterSeconds: z.number().int().min(0).nullable(),
    /** Wrong secrets left before the lockout (null when locked or without accounts). */
    attemptsLeft: z.number().int().min(0).nullable(),
  }),
]);
export type TechnicianSignInResponse = z.infer<typeof TechnicianSignInResponse>;

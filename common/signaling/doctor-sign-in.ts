import { z } from 'zod';

/** How doctors sign in on this platform (`GET PLATFORM_API.doctorSignInMethods`). */
export const SignInMethods = z.object({
  /** E-mail and password: development only (`--dev`). */
  password: z.boolean(),
  /** Pro Santé Connect (OpenID Connect, CPS card or e-CPS): the production sign-in. */
  proSanteConnect: z.boolean(),
});
export type SignInMethods = z.infer<typeof SignInMethods>;

/**
 * Why a Pro Santé Connect sign-in ended without a session. The platform sends the browser back to
 * the console with `?psc=<code>` (or `?psc=signed-in`); the console says what it means.
 */
export const PSC_REFUSALS = [
  /** No sign-in under way in this browser, it expired, or the answer's `state` is not its own. */
  'state-mismatch',
  /** Pro Santé Connect answered with an error (the doctor cancelled, the code was refused). */
  'provider-refused',
  /** The identity token failed a check: signature, issuer, audience, nonce, expiry, level. */
  'invalid-token',
  /** Pro Santé Connect gave no RPPS number for this practitioner. */
  'no-rpps',
  /** No doctor account of this platform has that RPPS number. */
  'unknown-rpps',
  /** Pro Santé Connect could not be reached (or answered nothing usable). */
  'provider-unreachable',
] as const;
export type PscRefusal = (typeof PSC_REFUSALS)[number];

/** The console's query parameter after a Pro Santé Connect sign-in, and its value on success. */
export const PSC_RETURN_PARAM = 'psc';
export const PSC_SIGNED_IN = 'signed-in';

export function isPscRefusal(value: string | null): value is PscRefusal {
  return (PSC_REFUSALS as readonly string[]).includes(value ?? '');
}

/** The refusal of a password sign-in on a production platform (HTTP 403 and the signalling `sign-in`). */
export const PASSWORD_SIGN_IN_OFF = 'password sign-in is for development only: sign in with Pro Santé Connect';

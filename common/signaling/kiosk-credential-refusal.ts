/**
 * Why the platform refuses a kiosk's credential: the `error` of its 401 answer on every
 * kiosk-authenticated route, and what the kiosk's log says about it (the operator acts on it).
 */
export const KIOSK_CREDENTIAL_REFUSALS = {
  'credential-invalid': 'credential invalid: it was not issued by this platform; ask the operator for a new one',
  'credential-expired': 'credential expired: ask the operator for a new one',
  'credential-revoked': 'credential revoked: ask the operator for a new one',
} as const;

export type KioskCredentialRefusal = keyof typeof KIOSK_CREDENTIAL_REFUSALS;

/** The refusal named by an error code of a platform answer, or null for any other code. */
export function kioskCredentialRefusal(code: unknown): KioskCredentialRefusal | null {
  return typeof code === 'string' && Object.hasOwn(KIOSK_CREDENTIAL_REFUSALS, code)
    ? (code as KioskCredentialRefusal)
    : null;
}

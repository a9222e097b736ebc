import { z } from 'zod';

/**
 * Why a card could not give an identity. Each code has a patient-facing message in the renderer's
 * translations (`card.error.<code>`) and a way forward (retry or type the details).
 */
export const CardErrorCode = z.enum([
  /** No PC/SC reader, or pcscd is not running. */
  'no-reader',
  /** A Vitale 1 card (no readable identity over PC/SC): type the details. */
  'vitale-1',
  /** Not a Carte Vitale (bank card, CPS, unknown ATR): type the details. */
  'unknown-card',
  /** The card was removed before the read finished: reinsert it. */
  'removed-during-read',
  /** The card does not answer (reset failed, no ATR, timeouts). */
  'mute-card',
  /** The VITALE application or its files could not be read (status word refused). */
  'data-not-accessible',
  /** The data read does not form a valid identity (e.g. a NIR whose key is wrong). */
  'invalid-data',
]);
export type CardErrorCode = z.infer<typeof CardErrorCode>;

/** The card reader as the identification screen sees it. Carries no identity: that goes to the flow. */
export const CardState = z.object({
  readerId: z.string(),
  state: z.enum(['no-reader', 'empty', 'reading', 'read', 'error']),
  error: CardErrorCode.nullable(),
});
export type CardState = z.infer<typeof CardState>;

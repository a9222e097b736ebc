import { z } from 'zod';

/**
 * Consent per use: the teleconsultation itself, and each secondary use of the data on its own (the
 * patient may accept one and refuse another). Each answer is tied to exactly the text shown: its
 * version, its language and the SHA-256 of its characters, so what the patient agreed to can be
 * proved later even after the text changed.
 */
export const ConsentUse = z.enum(['teleconsultation', 'research', 'quality-improvement', 'gp-report', 'reminders']);
export type ConsentUse = z.infer<typeof ConsentUse>;

/**
 * The secondary uses the kiosk asks about, each with its own text, version and yes/no (never
 * bundled with the teleconsultation): research on anonymised data, the report sent to the
 * médecin traitant over MSSanté, reminders (follow-up and appointments). "quality-improvement"
 * stays readable in old records but is no longer asked.
 */
export const SecondaryUse = z.enum(['research', 'gp-report', 'reminders']);
export type SecondaryUse = z.infer<typeof SecondaryUse>;
export const SECONDARY_USES = SecondaryUse.options;

/** The patient's answer for one secondary use, tied to exactly that use's text as shown. */
export const SecondaryUseAnswer = z.object({
  use: SecondaryUse,
  granted: z.boolean(),
  /** That text's version in the language shown (each language's text is versioned on its own). */
  textVersion: z.string().min(1).max(40),
  textSha256: z.string().regex(/^[0-9a-f]{64}$/),
});
export type SecondaryUseAnswer = z.infer<typeof SecondaryUseAnswer>;

export const ConsentLanguage = z.enum(['fr', 'en', 'es', 'ar']);

export const ConsentRecord = z.object({
  use: ConsentUse,
  granted: z.boolean(),
  /** Version of the text for this use, e.g. "2026-12". */
  textVersion: z.string().min(1).max(40),
  language: ConsentLanguage,
  /** SHA-256 (hex) of exactly the text shown, as UTF-8. */
  textSha256: z.string().regex(/^[0-9a-f]{64}$/),
  givenAt: z.iso.datetime({ offset: true }),
  /** When the patient withdrew it later (a granted consent only); null while it stands. */
  withdrawnAt: z.iso.datetime({ offset: true }).nullable(),
});
export type ConsentRecord = z.infer<typeof ConsentRecord>;

/** A withdrawal applies to a consent that was granted and still stands; anything else is refused. */
export function withdraw(
  record: ConsentRecord,
  at: string,
): { ok: true; record: ConsentRecord } | { ok: false; reason: 'not-granted' | 'already-withdrawn' } {
  if (!record.granted) return { ok: false, reason: 'not-granted' };
  if (record.withdrawnAt !== null) return { ok: false, reason: 'already-withdrawn' };
  return { ok: true, record: { ...record, withdrawnAt: at } };
}

/**
 * The kiosk's answer (common/records/wire.ts) as per-use records for the export: the
 * teleconsultation, then each secondary use with its own text's version and hash (`uses`); an
 * older kiosk's answer has one research toggle under the teleconsultation text. An answer without the
 * language and hash of its text gives nothing: a consent not tied to the text shown is not exported
 * as if it were.
 */
export function consentsFromKioskAnswer(answer: {
  textVersion: string;
  teleconsultation: boolean;
  secondaryUse: boolean;
  at: string;
  language?: ConsentRecord['language'];
  textSha256?: string;
  uses?: SecondaryUseAnswer[];
}): ConsentRecord[] {
  const { language, textSha256 } = answer;
  if (!language || !textSha256) return [];
  const base = { textVersion: answer.textVersion, language, textSha256, givenAt: answer.at, withdrawnAt: null };
  const teleconsultation: ConsentRecord = { ...base, use: 'teleconsultation', granted: answer.teleconsultation };
  // Refusing the teleconsultation ends the session before the secondary questions mean anything.
  if (!answer.teleconsultation) return [teleconsultation];
  if (answer.uses)
    return [
      teleconsultation,
      ...answer.uses.map((u) => ({
        ...base,
        use: u.use,
        granted: u.granted,
        textVersion: u.textVersion,
        textSha256: u.textSha256,
      })),
    ];
  return [teleconsultation, { ...base, use: 'research', granted: answer.secondaryUse }];
}

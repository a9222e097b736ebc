import { z } from 'zod';

/** The note's sections, in the order a consultation report reads. */
export const NOTE_SECTIONS = ['reason', 'history', 'examination', 'conclusion'] as const;
export type NoteSection = (typeof NOTE_SECTIONS)[number];

/** One section's text: the console's box allows 5,000 characters. */
const SectionText = z.string().max(5000);

/**
 * The doctor's consultation note, by section (reason, history, examination, conclusion): what the
 * console saves as the doctor types, ends the call with, and the report keeps. Health data: never
 * logged (the signalling server logs a frame's type, never its body).
 */
export const ConsultationNote = z.object({
  reason: SectionText,
  history: SectionText,
  examination: SectionText,
  conclusion: SectionText,
});
export type ConsultationNote = z.infer<typeof ConsultationNote>;

export const emptyNote = (): ConsultationNote => ({ reason: '', history: '', examination: '', conclusion: '' });

export const isEmptyNote = (note: ConsultationNote): boolean => NOTE_SECTIONS.every((s) => note[s].trim() === '');

/**
 * The sections' French titles, for what leaves the platform in French whatever the doctor's screen
 * language (the letter to the médecin traitant, the FHIR export), as the prescription does.
 */
export const NOTE_TITLES_FR: Record<NoteSection, string> = {
  reason: 'Motif',
  history: 'Antécédents',
  examination: 'Examen',
  conclusion: 'Conclusion',
};

/**
 * The headings the consoles before the typed note wrote into a report's `notes` text
 * ("[Motif]\n…\n\n[Examen]\n…"): only to read those reports back.
 */
const LEGACY_HEADINGS: Record<string, NoteSection> = Object.fromEntries(
  NOTE_SECTIONS.map((s) => [`[${NOTE_TITLES_FR[s]}]`, s]),
);

/**
 * A report's note as stored before the typed note: the headed text split back into its sections,
 * or, for a free text written before the sections, null (the report keeps that text as it was).
 */
export function legacyNoteSections(notes: string): ConsultationNote | null {
  const lines = notes.split('\n');
  if (!((lines[0] ?? '') in LEGACY_HEADINGS)) return null;
  const parts: Record<NoteSection, string[]> = { reason: [], history: [], examination: [], conclusion: [] };
  let current: NoteSection = 'reason';
  for (const line of lines) {
    const section = LEGACY_HEADINGS[line];
    if (section) current = section;
    else parts[current].push(line);
  }
  const note = emptyNote();
  for (const s of NOTE_SECTIONS) note[s] = parts[s].join('\n').trim();
  return note;
}

/**
 * Reads a stored report either way: a report written before the typed note has `notes` text, which
 * becomes `note` (its sections when headed) and, when it was free text, `legacyNotes` as written.
 * Read rather than migrated, so every path that reads a report (the records database, an earlier
 * platform's reports file imported by `admin encrypt-records`) gets the same answer.
 */
export function upgradeStoredReport(value: unknown): unknown {
  if (typeof value !== 'object' || value === null || 'note' in value) return value;
  const { notes, ...rest } = value as { notes?: unknown };
  if (typeof notes !== 'string') return value;
  const sections = legacyNoteSections(notes);
  if (sections) return { ...rest, note: sections };
  return { ...rest, note: emptyNote(), ...(notes.trim() !== '' ? { legacyNotes: notes } : {}) };
}

import { consoleResources } from './i18n';

/** The note's sections, in the order a consultation report reads. */
export const NOTE_SECTIONS = ['reason', 'history', 'examination', 'conclusion'] as const;
export type NoteSection = (typeof NOTE_SECTIONS)[number];
export type StructuredNote = Record<NoteSection, string>;

export const emptyNote = (): StructuredNote => ({ reason: '', history: '', examination: '', conclusion: '' });

/**
 * The record's headings: French whatever the doctor's screen language, like the prescription, so
 * every reader of the report (and parseNote) finds the same words.
 */
const HEADINGS: Record<NoteSection, string> = {
  reason: consoleResources.fr.translation['note.reason'],
  history: consoleResources.fr.translation['note.history'],
  examination: consoleResources.fr.translation['note.examination'],
  conclusion: consoleResources.fr.translation['note.conclusion'],
};

/**
 * The note as the report's `notes` text: "[Motif]" then its text, for each section written. Plain
 * text on purpose: the platform, the records and older consoles keep reading one string.
 */
export function composeNote(note: StructuredNote): string {
  return NOTE_SECTIONS.filter((s) => note[s].trim() !== '')
    .map((s) => `[${HEADINGS[s]}]\n${note[s].trim()}`)
    .join('\n\n');
}

/** The sections of a report's notes, or null for free text (reports written before the sections). */
export function parseNote(notes: string): StructuredNote | null {
  const byHeading = new Map(NOTE_SECTIONS.map((s) => [`[${HEADINGS[s]}]`, s]));
  const lines = notes.split('\n');
  if (!byHeading.has(lines[0] ?? '')) return null;
  const note = emptyNote();
  let current: NoteSection = 'reason';
  const parts: Record<NoteSection, string[]> = { reason: [], history: [], examination: [], conclusion: [] };
  for (const line of lines) {
    const section = byHeading.get(line);
    if (section) current = section;
    else parts[current].push(line);
  }
  for (const s of NOTE_SECTIONS) note[s] = parts[s].join('\n').trim();
  return note;
}

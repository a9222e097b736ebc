import { NOTE_SECTIONS, NOTE_TITLES_FR, type NoteSection } from '../signaling/messages/consultation-note';
import type { ConsultationReport } from '../signaling/messages/consultation';
import { LOINC, RPPS_SYSTEM } from './codes';
import type { Composition, CompositionSection, Reference } from './r4-types';
import { stableUuid } from './stable-uuid';

/** LOINC document and section codes of the consultation note (the C-CDA / FR Core usage). */
const CONSULT_NOTE = { code: '11488-4', display: 'Consult note' };
const SECTION_CODES: Record<NoteSection, { code: string; display: string }> = {
  reason: { code: '29299-5', display: 'Reason for visit Narrative' },
  history: { code: '11348-0', display: 'History of Past illness Narrative' },
  examination: { code: '29545-1', display: 'Physical findings Narrative' },
  conclusion: { code: '51848-0', display: 'Evaluation note' },
};

const escapeXml = (text: string) =>
  text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

/** A section's text as the XHTML narrative R4 requires: one paragraph, the doctor's line breaks kept. */
const narrative = (text: string) => ({
  status: 'generated' as const,
  div: `<div xmlns="http://www.w3.org/1999/xhtml"><p>${escapeXml(text.trim()).split('\n').join('<br/>')}</p></div>`,
});

/**
 * The doctor's note as a FHIR R4 Composition (a consult note), one section per written part (reason,
 * history, examination, conclusion) under its French title; a report from before the sections gives
 * one "Notes" section (no code: it may hold any part) with its free text. None when the doctor wrote nothing.
 */
export function noteComposition(report: ConsultationReport, subject: Reference | undefined): Composition[] {
  const section: CompositionSection[] = NOTE_SECTIONS.filter((s) => report.note[s].trim() !== '').map((s) => ({
    title: NOTE_TITLES_FR[s],
    code: { coding: [{ system: LOINC, ...SECTION_CODES[s] }] },
    text: narrative(report.note[s]),
  }));
  if (report.legacyNotes?.trim()) section.push({ title: 'Notes', text: narrative(report.legacyNotes) });
  if (section.length === 0) return [];
  return [
    {
      resourceType: 'Composition',
      id: stableUuid(`composition:${report.consultationId}`),
      status: 'final',
      type: { coding: [{ system: LOINC, ...CONSULT_NOTE }], text: 'Compte rendu de téléconsultation' },
      ...(subject ? { subject } : {}),
      date: report.endedAt,
      author: [{ identifier: { system: RPPS_SYSTEM, value: `8${report.doctor.rpps}` }, display: report.doctor.name }],
      title: 'Compte rendu de téléconsultation',
      section,
    },
  ];
}

import { useId, type RefObject } from 'react';
import type { Measurement } from '../common/devices/measurement';
import { formatTime } from './format';
import { useLang, useT } from './i18n';
import { describeMeasurement } from './ReportView';
import { NOTE_SECTIONS, type ConsultationNote } from '../common/signaling/messages';

export interface NoteEditorProps {
  note: ConsultationNote;
  onChange(note: ConsultationNote): void;
  /** The consultation's readings of record, each insertable into the examination by a click. */
  measurements: readonly Measurement[];
  /** The first section, focused by the notes shortcut. */
  focusRef?: RefObject<HTMLTextAreaElement | null>;
}

/** The consultation note in four sections (reason, history, examination, conclusion). */
export function NoteEditor({ note, onChange, measurements, focusRef }: NoteEditorProps) {
  const t = useT();
  const lang = useLang();
  const id = useId();
  const insert = (m: Measurement) => {
    const line = `${formatTime(m.takenAt)} — ${describeMeasurement(m, t, lang)}`;
    const examination = note.examination.trim() === '' ? line : `${note.examination.trimEnd()}\n${line}`;
    onChange({ ...note, examination });
  };
  return (
    <fieldset className="note" data-testid="note">
      <legend>{t('note.legend')}</legend>
      {NOTE_SECTIONS.map((section, i) => (
        <div key={section} className="note-section">
          <label htmlFor={`${id}-${section}`}>{t(`note.${section}`)}</label>
          <textarea
            id={`${id}-${section}`}
            data-testid={`note-${section}`}
            ref={i === 0 ? focusRef : undefined}
            rows={section === 'examination' ? 4 : 2}
            maxLength={5000}
            value={note[section]}
            onChange={(e) => onChange({ ...note, [section]: e.target.value })}
          />
          {section === 'examination' && measurements.length > 0 && (
            <span className="note-insert" role="group" aria-label={t('note.insert')}>
              {measurements.map((m) => (
                <button key={m.id} type="button" data-testid={`note-insert-${m.kind}`} onClick={() => insert(m)}>
                  + {describeMeasurement(m, t, lang)}
                </button>
              ))}
            </span>
          )}
        </div>
      ))}
    </fieldset>
  );
}

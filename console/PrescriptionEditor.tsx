import type { PrescriptionLine } from '../common/consultation/prescription';
import type { PrescriptionDraft } from '../common/signaling/messages';
import { useT } from './i18n';

export const emptyLine = (): PrescriptionLine => ({ item: '', dosage: '', duration: '', notes: '' });

/** The draft to send with end-call: lines without an item are dropped; none left → no prescription. */
export function toDraft(lines: readonly PrescriptionLine[]): PrescriptionDraft | null {
  const kept = lines
    .map((l) => ({ item: l.item.trim(), dosage: l.dosage.trim(), duration: l.duration.trim(), notes: l.notes.trim() }))
    .filter((l) => l.item.length > 0);
  return kept.length > 0 ? { lines: kept.slice(0, 30) } : null;
}

export interface PrescriptionEditorProps {
  lines: PrescriptionLine[];
  onChange(lines: PrescriptionLine[]): void;
  disabled?: boolean;
}

const FIELDS = ['item', 'dosage', 'duration', 'notes'] as const;
const LIMITS: Record<(typeof FIELDS)[number], number> = { item: 200, dosage: 300, duration: 100, notes: 500 };

/** Structured ordonnance lines (item, dosage, duration, notes); controlled by the consultation view. */
export function PrescriptionEditor({ lines, onChange, disabled = false }: PrescriptionEditorProps) {
  const t = useT();
  const set = (index: number, field: (typeof FIELDS)[number], value: string) =>
    onChange(lines.map((l, i) => (i === index ? { ...l, [field]: value } : l)));
  return (
    <section className="rx" aria-label={t('rx.title')} data-testid="rx-editor">
      <h3>{t('rx.title')}</h3>
      {lines.map((line, index) => (
        <fieldset key={index} className="rx-line" data-testid="rx-line">
          {FIELDS.map((field) => (
            <label key={field}>
              {t(`rx.${field}`)}
              <input
                data-testid={`rx-${field}-${index}`}
                value={line[field]}
                maxLength={LIMITS[field]}
                disabled={disabled}
                onChange={(e) => set(index, field, e.target.value)}
              />
            </label>
          ))}
          <button
            type="button"
            data-testid={`rx-remove-${index}`}
            disabled={disabled}
            onClick={() => onChange(lines.filter((_, i) => i !== index))}
          >
            {t('rx.remove')}
          </button>
        </fieldset>
      ))}
      <button
        type="button"
        data-testid="rx-add"
        disabled={disabled || lines.length >= 30}
        onClick={() => onChange([...lines, emptyLine()])}
      >
        {t('rx.add')}
      </button>
    </section>
  );
}

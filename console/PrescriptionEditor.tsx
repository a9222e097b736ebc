import { issuedLine, type PrescriptionLine } from '../common/consultation/prescription';
import type { PrescriptionDraft } from '../common/signaling/messages';
import { useT, type MessageKey } from './i18n';

export const emptyLine = (): PrescriptionLine => ({
  item: '',
  form: '',
  dosage: '',
  duration: '',
  quantity: '',
  nonSubstitutable: false,
  notes: '',
});

/**
 * The draft to send with end-call (and to preview before): lines without an item are dropped, the
 * rest as they will be issued (issuedLine); none left → no prescription.
 */
export function toDraft(lines: readonly PrescriptionLine[]): PrescriptionDraft | null {
  const kept = lines.map(issuedLine).filter((l) => l.item.length > 0);
  return kept.length > 0 ? { lines: kept.slice(0, 30) } : null;
}

export interface PrescriptionEditorProps {
  lines: PrescriptionLine[];
  onChange(lines: PrescriptionLine[]): void;
  disabled?: boolean;
}

/** The text fields of a line in the order a French ordonnance reads them; the limits are the schema's. */
const FIELDS = ['item', 'form', 'dosage', 'duration', 'quantity', 'notes'] as const;
type Field = (typeof FIELDS)[number];
const LIMITS: Record<Field, number> = { item: 200, form: 100, dosage: 300, duration: 100, quantity: 100, notes: 500 };

/**
 * Structured ordonnance lines: drug or act, form, dosage, duration, quantity, notes, and the
 * "non substituable" flag; controlled by the consultation view. The form offers the usual ones
 * (the catalogue's list) and takes any other.
 */
export function PrescriptionEditor({ lines, onChange, disabled = false }: PrescriptionEditorProps) {
  const t = useT();
  const set = (index: number, change: Partial<PrescriptionLine>) =>
    onChange(lines.map((l, i) => (i === index ? { ...l, ...change } : l)));
  return (
    <section className="rx" aria-labelledby="rx-title" data-testid="rx-editor">
      <h3 id="rx-title">{t('rx.title')}</h3>
      <FormChoices />
      {lines.map((line, index) => (
        <fieldset key={index} className="rx-line" data-testid="rx-line">
          <legend>{t('rx.line', { n: index + 1 })}</legend>
          {FIELDS.map((field) => (
            <label key={field} className={`rx-${field}`}>
              {t(`rx.${field}` as MessageKey)}
              <input
                data-testid={`rx-${field}-${index}`}
                value={line[field] ?? ''}
                maxLength={LIMITS[field]}
                disabled={disabled}
                list={field === 'form' ? 'rx-forms' : undefined}
                onChange={(e) => set(index, { [field]: e.target.value })}
              />
            </label>
          ))}
          <label className="rx-ns">
            <input
              type="checkbox"
              data-testid={`rx-ns-${index}`}
              checked={line.nonSubstitutable === true}
              disabled={disabled}
              onChange={(e) => set(index, { nonSubstitutable: e.target.checked })}
            />
            {t('rx.nonSubstitutable')}
          </label>
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

/** The usual pharmaceutical forms offered while typing (as the French ordonnance prints them). */
function FormChoices() {
  const t = useT();
  return (
    <datalist id="rx-forms">
      {t('rx.forms')
        .split('|')
        .map((form) => (
          <option key={form} value={form} />
        ))}
    </datalist>
  );
}

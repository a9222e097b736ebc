import { useTranslation } from 'react-i18next';

export interface KeyboardFieldProps {
  id: string;
  label: string;
  value: string;
  /** This field receives the on-screen keyboard's keys. */
  active: boolean;
  onSelect: () => void;
  /** Translated error message, shown as text with an icon (not colour alone). */
  error?: string | null;
  hint?: string;
}

/**
 * A field filled by the on-screen keyboard. The input is read-only (no OS keyboard); touching it
 * makes it the keyboard's target.
 */
export function KeyboardField({ id, label, value, active, onSelect, error, hint }: KeyboardFieldProps) {
  const { t } = useTranslation();
  const describedBy = [hint && `${id}-hint`, error && `${id}-error`].filter(Boolean).join(' ') || undefined;
  return (
    <div className={['field', active && 'active', error && 'invalid'].filter(Boolean).join(' ')}>
      <label htmlFor={id}>
        {label}
        {active && <span className="field-active"> ({t('keyboard.typingHere')})</span>}
      </label>
      <input
        id={id}
        readOnly
        inputMode="none"
        value={value}
        aria-invalid={error ? true : undefined}
        aria-describedby={describedBy}
        onFocus={onSelect}
        onClick={onSelect}
        autoComplete="off"
      />
      {hint && (
        <p id={`${id}-hint`} className="hint">
          {hint}
        </p>
      )}
      {error && (
        <p id={`${id}-error`} className="error" role="alert">
          <span aria-hidden="true">⚠ </span>
          {error}
        </p>
      )}
    </div>
  );
}

import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useFlow } from '../../app/flow-context';
import { KeyboardField } from '../../components/KeyboardField';
import { OnScreenKeyboard } from '../../components/OnScreenKeyboard';
import { ScreenFrame } from '../../components/ScreenFrame';

type Field = 'lastName' | 'firstName' | 'day' | 'month' | 'year' | 'nir';
const MAX: Record<Field, number> = { lastName: 80, firstName: 80, day: 2, month: 2, year: 4, nir: 15 };
const DIGITS_ONLY: ReadonlySet<Field> = new Set(['day', 'month', 'year']);

/** Builds YYYY-MM-DD from the three date boxes; an incomplete date is sent as typed for the machine to refuse. */
export function composeBirthDate(day: string, month: string, year: string): string {
  if (!day && !month && !year) return '';
  return `${year}-${month.padStart(2, '0')}-${day.padStart(2, '0')}`;
}

const EMPTY: Record<Field, string> = { lastName: '', firstName: '', day: '', month: '', year: '', nir: '' };

/** The form's values and the field the keyboard types into; each field takes only what it can hold. */
function useManualForm() {
  const [values, setValues] = useState<Record<Field, string>>(EMPTY);
  const [active, setActive] = useState<Field>('lastName');
  const type = (char: string) =>
    setValues((v) => {
      if (DIGITS_ONLY.has(active) && !/\d/.test(char)) return v;
      if (active === 'nir' && !/[0-9AB]/.test(char)) return v;
      if (v[active].length >= MAX[active]) return v;
      return { ...v, [active]: v[active] + char };
    });
  const erase = () => setValues((v) => ({ ...v, [active]: v[active].slice(0, -1) }));
  return { values, active, setActive, type, erase };
}

/**
 * Typing one's details with the on-screen keyboard. The form state stays here until "continue";
 * the flow machine checks it (NIR key included) and sends back field errors.
 */
export function IdentifyManualScreen() {
  const { t } = useTranslation();
  const { view, send } = useFlow();
  const { values, active, setActive, type, erase } = useManualForm();
  const errors = view.identification.manualErrors;
  const error = (field: keyof typeof errors) => (errors[field] ? t(`identify.error.${errors[field]}`) : null);

  const field = (name: Field, label: string, hint?: string) => (
    <KeyboardField
      id={`manual-${name}`}
      label={label}
      value={values[name]}
      active={active === name}
      onSelect={() => setActive(name)}
      hint={hint}
    />
  );

  return (
    <ScreenFrame name="identify-manual" text="manual" back className="with-keyboard">
      <form
        className="manual-form"
        onSubmit={(event) => {
          event.preventDefault();
          send({
            type: 'MANUAL_SUBMIT',
            lastName: values.lastName.trim(),
            firstName: values.firstName.trim(),
            birthDate: composeBirthDate(values.day, values.month, values.year),
            nir: values.nir,
          });
        }}
      >
        {field('lastName', t('manual.lastName'))}
        {error('lastName') && <FieldError id="lastName" text={error('lastName')!} />}
        {field('firstName', t('manual.firstName'))}
        {error('firstName') && <FieldError id="firstName" text={error('firstName')!} />}
        <fieldset className="date-fields">
          <legend>{t('manual.birthDate')}</legend>
          {field('day', t('manual.day'))}
          {field('month', t('manual.month'))}
          {field('year', t('manual.year'))}
        </fieldset>
        {error('birthDate') && <FieldError id="birthDate" text={error('birthDate')!} />}
        {field('nir', t('manual.nir'), t('manual.nirHint'))}
        {error('nir') && <FieldError id="nir" text={error('nir')!} />}
        <OnScreenKeyboard
          layout={DIGITS_ONLY.has(active) ? 'digits' : 'letters'}
          withDigits={active === 'nir'}
          onKey={type}
          onBackspace={erase}
        />
        <button type="submit" className="primary">
          {t('manual.submit')}
        </button>
      </form>
    </ScreenFrame>
  );
}

function FieldError({ id, text }: { id: string; text: string }) {
  return (
    <p className="error" role="alert" data-testid={`error-${id}`}>
      <span aria-hidden="true">⚠ </span>
      {text}
    </p>
  );
}

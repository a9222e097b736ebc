import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useFlow } from '../../app/flow-context';
import { KeyboardField } from '../../components/KeyboardField';
import { OnScreenKeyboard } from '../../components/OnScreenKeyboard';
import { ScreenFrame } from '../../components/ScreenFrame';
import { FieldError, WithoutNirFields, type WithoutNirValues } from './WithoutNirFields';

type Field = 'lastName' | 'firstName' | 'day' | 'month' | 'year' | 'nir' | 'birthplace' | 'usedName';
const MAX: Record<Field, number> = {
  lastName: 80,
  firstName: 80,
  day: 2,
  month: 2,
  year: 4,
  nir: 15,
  birthplace: 40,
  usedName: 80,
};
const DIGITS_ONLY: ReadonlySet<Field> = new Set(['day', 'month', 'year']);

/** Builds YYYY-MM-DD from the three date boxes; an incomplete date is sent as typed for the machine to refuse. */
export function composeBirthDate(day: string, month: string, year: string): string {
  if (!day && !month && !year) return '';
  return `${year}-${month.padStart(2, '0')}-${day.padStart(2, '0')}`;
}

const EMPTY: Record<Field, string> = {
  lastName: '',
  firstName: '',
  day: '',
  month: '',
  year: '',
  nir: '',
  birthplace: '',
  usedName: '',
};
const NO_TRAITS: WithoutNirValues = { sex: '', abroad: false, birthplaceCode: '' };

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

/** The form as the flow machine checks it: with the NIR, or with the traits the NIR would have given. */
function manualSubmit(values: Record<Field, string>, noNir: WithoutNirValues | null) {
  return {
    type: 'MANUAL_SUBMIT' as const,
    lastName: values.lastName.trim(),
    firstName: values.firstName.trim(),
    birthDate: composeBirthDate(values.day, values.month, values.year),
    nir: noNir ? '' : values.nir,
    ...(noNir && {
      withoutNir: { sex: noNir.sex, birthplaceCode: noNir.birthplaceCode, usedName: values.usedName },
    }),
  };
}

/**
 * Typing one's details with the on-screen keyboard. The form state stays here until "continue";
 * the flow machine checks it (NIR key included) and sends back field errors.
 */
export function IdentifyManualScreen() {
  const { t } = useTranslation();
  const { view, send } = useFlow();
  const { values, active, setActive, type, erase } = useManualForm();
  // No NIR (a foreign patient, no card): the traits the NIR would have given are asked instead.
  const [noNir, setNoNir] = useState<WithoutNirValues | null>(null);
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
          send(manualSubmit(values, noNir));
        }}
      >
        {field('lastName', t(noNir ? 'manual.birthName' : 'manual.lastName'))}
        {error('lastName') && <FieldError id="lastName" text={error('lastName')!} />}
        {field('firstName', t(noNir ? 'manual.birthFirstNames' : 'manual.firstName'))}
        {error('firstName') && <FieldError id="firstName" text={error('firstName')!} />}
        <fieldset className="date-fields">
          <legend>{t('manual.birthDate')}</legend>
          {field('day', t('manual.day'))}
          {field('month', t('manual.month'))}
          {field('year', t('manual.year'))}
        </fieldset>
        {error('birthDate') && <FieldError id="birthDate" text={error('birthDate')!} />}
        <NirOrTraits noNir={noNir} onNoNir={setNoNir} search={values.birthplace} field={field} error={error} />
        <button
          type="button"
          data-testid="manual-no-nir"
          onClick={() => (setNoNir(noNir ? null : NO_TRAITS), setActive('lastName'))}
        >
          {t(noNir ? 'manual.haveNir' : 'manual.noNir')}
        </button>
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

/** The NIR field, or for a patient without one the traits it would have given. */
function NirOrTraits({
  noNir,
  onNoNir,
  search,
  field,
  error,
}: {
  noNir: WithoutNirValues | null;
  onNoNir(values: WithoutNirValues): void;
  search: string;
  field(name: Field, label: string, hint?: string): React.ReactNode;
  error(name: 'nir' | 'sex' | 'birthplace' | 'usedName'): string | null;
}) {
  const { t } = useTranslation();
  return noNir ? (
    // Without an NIR: sex, birthplace, used name.
    <>
      <WithoutNirFields
        values={noNir}
        search={search}
        onChange={onNoNir}
        birthplaceField={field('birthplace', t(noNir.abroad ? 'manual.country' : 'manual.commune'))}
        errors={{ sex: error('sex'), birthplace: error('birthplace') }}
      />
      {field('usedName', t('manual.usedName'), t('manual.usedNameHint'))}
      {error('usedName') && <FieldError id="usedName" text={error('usedName')!} />}
    </>
  ) : (
    <>
      {field('nir', t('manual.nir'), t('manual.nirHint'))}
      {error('nir') && <FieldError id="nir" text={error('nir')!} />}
    </>
  );
}

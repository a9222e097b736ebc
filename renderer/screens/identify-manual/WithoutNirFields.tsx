import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { prepareCommuneIndex } from '../../../common/identity/commune-index';
import {
  birthplaceByCode,
  birthplaceLabel,
  findBirthplaces,
  type Birthplace,
} from '../../../common/identity/birthplaces';

export type Sex = 'M' | 'F' | 'I' | '';

export interface WithoutNirValues {
  sex: Sex;
  /** Born abroad: the birthplace is a country (INSEE 99xxx), else a commune. */
  abroad: boolean;
  /** The INSEE code of the place chosen in the list; '' until one is. */
  birthplaceCode: string;
  /**
   * The place as chosen in the list: a delegated commune shares its code with its current commune,
   * and the patient who chose "Arbignieu" reads Arbignieu, not "Arboys en Bugey".
   */
  birthplaceShown?: string | undefined;
}

/**
 * The traits the NIR would have given, for a patient without one: sex (three large buttons), and
 * the birthplace found from the commune's or the country's name typed on the keyboard (the
 * `birthplace` field of the form), chosen in the list of matches, never typed as a code.
 */
export function WithoutNirFields(p: {
  values: WithoutNirValues;
  search: string;
  onChange(values: WithoutNirValues): void;
  birthplaceField: React.ReactNode;
  errors: { sex: string | null; birthplace: string | null };
}) {
  const { t } = useTranslation();
  const { values } = p;
  // The communes' index (about 0.1 s of parsing) is ready before the birthplace's first key.
  useEffect(() => {
    const timer = setTimeout(prepareCommuneIndex, 0);
    return () => clearTimeout(timer);
  }, []);
  return (
    <>
      <fieldset className="choice-row" data-testid="manual-sex">
        <legend>{t('manual.sex')}</legend>
        {(['F', 'M', 'I'] as const).map((sex) => (
          <button
            type="button"
            key={sex}
            aria-pressed={values.sex === sex}
            data-testid={`manual-sex-${sex}`}
            onClick={() => p.onChange({ ...values, sex })}
          >
            {values.sex === sex && <span aria-hidden="true">✓ </span>}
            {t(`manual.sexes.${sex}`)}
          </button>
        ))}
      </fieldset>
      {p.errors.sex && <FieldError id="sex" text={p.errors.sex} />}
      <fieldset className="choice-row" data-testid="manual-born">
        <legend>{t('manual.bornWhere')}</legend>
        {[false, true].map((abroad) => (
          <button
            type="button"
            key={String(abroad)}
            aria-pressed={values.abroad === abroad}
            data-testid={abroad ? 'manual-born-abroad' : 'manual-born-france'}
            onClick={() => p.onChange({ ...values, abroad, birthplaceCode: '', birthplaceShown: undefined })}
          >
            {values.abroad === abroad && <span aria-hidden="true">✓ </span>}
            {t(abroad ? 'manual.bornAbroad' : 'manual.bornFrance')}
          </button>
        ))}
      </fieldset>
      <BirthplacePicker values={values} search={p.search} onChange={p.onChange} birthplaceField={p.birthplaceField} />
      {p.errors.birthplace && <FieldError id="birthplace" text={p.errors.birthplace} />}
    </>
  );
}

/** The place chosen (with a way to change it), or the search field and its matches. */
function BirthplacePicker(p: {
  values: WithoutNirValues;
  search: string;
  onChange(values: WithoutNirValues): void;
  birthplaceField: React.ReactNode;
}) {
  const { t } = useTranslation();
  const { values } = p;
  const chosen = values.birthplaceCode ? birthplaceByCode(values.birthplaceCode) : null;
  const shown = values.birthplaceShown ?? (chosen ? birthplaceLabel(chosen) : '');
  const matches = chosen ? [] : findBirthplaces(p.search, values.abroad ? 'country' : 'commune');
  const choose = (place: Birthplace | null) =>
    p.onChange({
      ...values,
      birthplaceCode: place?.code ?? '',
      birthplaceShown: place ? birthplaceLabel(place) : undefined,
    });
  return chosen ? (
    <p className="birthplace-chosen" data-testid="manual-birthplace-chosen" data-code={chosen.code}>
      {t('manual.birthplaceChosen', { place: shown })}{' '}
      <button type="button" onClick={() => choose(null)}>
        {t('manual.birthplaceChange')}
      </button>
    </p>
  ) : (
    <>
      {p.birthplaceField}
      <div className="birthplace-matches" data-testid="manual-birthplace-matches">
        {matches.map((place) => (
          // A delegated commune may share its code with the current commune: the name keys it too.
          <button type="button" key={`${place.code} ${place.name}`} onClick={() => choose(place)}>
            {birthplaceLabel(place)}
          </button>
        ))}
        {p.search.trim().length >= 2 && matches.length === 0 && <p>{t('manual.birthplaceNotFound')}</p>}
      </div>
    </>
  );
}

export function FieldError({ id, text }: { id: string; text: string }) {
  return (
    <p className="error" role="alert" data-testid={`error-${id}`}>
      <span aria-hidden="true">⚠ </span>
      {text}
    </p>
  );
}

import { useTranslation } from 'react-i18next';

/** A yes/no question as two big buttons; the chosen one is marked with a tick and aria-pressed. */
export function YesNo({
  id,
  question,
  value,
  onChange,
}: {
  id: string;
  question: string;
  value: boolean | null;
  onChange: (v: boolean) => void;
}) {
  const { t } = useTranslation();
  return (
    <fieldset className="yes-no" data-testid={`question-${id}`}>
      <legend>{question}</legend>
      <div className="button-row">
        {[true, false].map((answer) => (
          <button key={String(answer)} type="button" aria-pressed={value === answer} onClick={() => onChange(answer)}>
            <span aria-hidden="true">{value === answer ? '✔ ' : ''}</span>
            {answer ? t('frame.yes') : t('frame.no')}
          </button>
        ))}
      </div>
    </fieldset>
  );
}

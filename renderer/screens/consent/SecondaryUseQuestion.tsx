import { forwardRef } from 'react';
import { useTranslation } from 'react-i18next';
import type { SecondaryUse } from '../../../common/consent/consent-record';

/**
 * One optional use of the patient's data: its own text and version (in the language shown) and its
 * own yes/no, two large buttons. The text part is what gets hashed for this use (`ref`), the buttons
 * are not part of it.
 */
export const SecondaryUseQuestion = forwardRef<
  HTMLDivElement,
  { use: SecondaryUse; value: boolean | null; onChange: (granted: boolean) => void }
>(function SecondaryUseQuestion({ use, value, onChange }, ref) {
  const { t } = useTranslation();
  const heading = `consent-use-${use}`;
  return (
    <section className="consent-use" aria-labelledby={heading} data-testid={`consent-use-${use}`}>
      <div ref={ref}>
        <h3 id={heading}>{t(`consent.uses.${use}.title`)}</h3>
        <p>{t(`consent.uses.${use}.text`)}</p>
        <p className="muted">{t('consent.version', { version: t(`consent.uses.${use}.version`) })}</p>
      </div>
      <div className="consent-use-answer" role="group" aria-labelledby={heading}>
        {[true, false].map((answer) => (
          <button key={String(answer)} type="button" aria-pressed={value === answer} onClick={() => onChange(answer)}>
            <span aria-hidden="true">{value === answer ? '✔ ' : ''}</span>
            {answer ? t('frame.yes') : t('frame.no')}
          </button>
        ))}
      </div>
    </section>
  );
});

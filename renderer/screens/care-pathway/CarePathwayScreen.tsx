import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { CarePathwayAnswers } from '../../../common/flow/care-pathway';
import { useFlow } from '../../app/flow-context';
import { ScreenFrame } from '../../components/ScreenFrame';
import { YesNo } from '../../components/YesNo';

const EXCEPTIONS = ['none', 'under-16', 'emergency', 'no-medecin-traitant', 'medecin-traitant-unavailable'] as const;

/** The parcours de soins questions, one simple yes/no at a time; informative, never blocking. */
export function CarePathwayScreen() {
  const { t } = useTranslation();
  const { view, send } = useFlow();
  const previous = view.carePathway.answers;
  const [hasMT, setHasMT] = useState<boolean | null>(previous?.hasMedecinTraitant ?? null);
  const [referred, setReferred] = useState<boolean | null>(previous?.referredByMedecinTraitant ?? null);
  const [exception, setException] = useState<CarePathwayAnswers['exception']>(previous?.exception ?? 'none');
  const [ald, setAld] = useState<boolean | null>(previous?.aldOrMaternity ?? null);

  const needsReferral = hasMT === true;
  const complete = hasMT !== null && (!needsReferral || referred !== null) && ald !== null;

  return (
    <ScreenFrame name="care-pathway" text="pathway">
      <YesNo id="has-mt" question={t('pathway.hasMT')} value={hasMT} onChange={setHasMT} />
      {needsReferral && (
        <YesNo id="referred" question={t('pathway.referred')} value={referred} onChange={setReferred} />
      )}
      {(hasMT === false || referred === false) && (
        <fieldset className="choices" data-testid="question-exception">
          <legend>{t('pathway.exception')}</legend>
          <div className="button-row">
            {EXCEPTIONS.map((code) => (
              <button key={code} type="button" aria-pressed={exception === code} onClick={() => setException(code)}>
                <span aria-hidden="true">{exception === code ? '✔ ' : ''}</span>
                {t(`pathway.exceptions.${code}`)}
              </button>
            ))}
          </div>
        </fieldset>
      )}
      <YesNo id="ald" question={t('pathway.ald')} value={ald} onChange={setAld} />
      <button
        type="button"
        className="primary"
        disabled={!complete}
        onClick={() =>
          send({
            type: 'CARE_PATHWAY_SUBMIT',
            answers: {
              hasMedecinTraitant: hasMT === true,
              referredByMedecinTraitant: needsReferral && referred === true,
              exception: hasMT === false && exception === 'none' ? 'no-medecin-traitant' : exception,
              aldOrMaternity: ald === true,
            },
          })
        }
      >
        {t('frame.continue')}
      </button>
    </ScreenFrame>
  );
}

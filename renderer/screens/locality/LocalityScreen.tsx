import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useFlow } from '../../app/flow-context';
import { KeyboardField } from '../../components/KeyboardField';
import { OnScreenKeyboard } from '../../components/OnScreenKeyboard';
import { Reimbursement } from '../../components/Reimbursement';
import { ScreenFrame } from '../../components/ScreenFrame';

/** Where the patient lives (commune or postcode); refusing is allowed after a warning. */
export function LocalityScreen() {
  const { t } = useTranslation();
  const { view, send } = useFlow();
  const [value, setValue] = useState(view.locality.value ?? '');
  return (
    <ScreenFrame name="locality" text="locality" back className="with-keyboard">
      {view.carePathway.reimbursement && <Reimbursement info={view.carePathway.reimbursement} />}
      <KeyboardField id="locality-value" label={t('locality.label')} value={value} active onSelect={() => {}} />
      <OnScreenKeyboard
        layout="letters"
        withDigits
        onKey={(c) => setValue((v) => (v.length < 100 ? v + c : v))}
        onBackspace={() => setValue((v) => v.slice(0, -1))}
      />
      {view.locality.refused && (
        <p className="message warning" role="alert" data-testid="locality-warning">
          <span aria-hidden="true">⚠ </span>
          {t('locality.warning')}
        </p>
      )}
      <div className="button-row">
        <button type="button" onClick={() => send({ type: 'LOCALITY_REFUSE' })}>
          {view.locality.refused ? t('locality.continueWithout') : t('locality.refuse')}
        </button>
        <button
          type="button"
          className="primary"
          disabled={value.trim() === ''}
          onClick={() => send({ type: 'LOCALITY_SUBMIT', value: value.trim() })}
        >
          {t('frame.continue')}
        </button>
      </div>
    </ScreenFrame>
  );
}

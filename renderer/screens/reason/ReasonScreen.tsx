import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Specialty } from '../../../common/flow/care-pathway';
import { useFlow } from '../../app/flow-context';
import { KeyboardField } from '../../components/KeyboardField';
import { OnScreenKeyboard } from '../../components/OnScreenKeyboard';
import { ScreenFrame } from '../../components/ScreenFrame';

/** The specialty (big buttons) and, if the patient wants, a few words typed on the keyboard. */
export function ReasonScreen() {
  const { t } = useTranslation();
  const { view, send } = useFlow();
  const [specialty, setSpecialty] = useState<Specialty | null>(view.reason.specialty);
  const [text, setText] = useState(view.reason.text);
  const [typing, setTyping] = useState(false);
  return (
    <ScreenFrame name="reason" text="reason" back className={typing ? 'with-keyboard' : undefined}>
      <div className="button-grid" role="group" aria-label={t('reason.specialty')}>
        {Specialty.options.map((code) => (
          <button key={code} type="button" aria-pressed={specialty === code} onClick={() => setSpecialty(code)}>
            <span aria-hidden="true">{specialty === code ? '✔ ' : ''}</span>
            {t(`reason.specialties.${code}`)}
          </button>
        ))}
      </div>
      <KeyboardField
        id="reason-text"
        label={t('reason.textLabel')}
        value={text}
        active={typing}
        onSelect={() => setTyping(true)}
      />
      {!typing && (
        <button type="button" onClick={() => setTyping(true)}>
          <span aria-hidden="true">⌨ </span>
          {t('reason.addText')}
        </button>
      )}
      {typing && (
        <OnScreenKeyboard
          layout="letters"
          withDigits
          onKey={(c) => setText((v) => (v.length < 1000 ? v + c : v))}
          onBackspace={() => setText((v) => v.slice(0, -1))}
        />
      )}
      <button
        type="button"
        className="primary"
        disabled={!specialty}
        onClick={() => specialty && send({ type: 'REASON_SUBMIT', specialty, text: text.trim() })}
      >
        {t('frame.continue')}
      </button>
    </ScreenFrame>
  );
}

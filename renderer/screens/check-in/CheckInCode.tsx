import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { BOOKING_CODE_LENGTH } from '../../../common/routing/appointments';
import { useFlow } from '../../app/flow-context';
import { KeyboardField } from '../../components/KeyboardField';
import { OnScreenKeyboard } from '../../components/OnScreenKeyboard';

type Sending = 'idle' | 'checking' | 'unreachable';

/**
 * The booking's short code typed at check-in (issue 17: a booking made by phone carries no
 * identity, and the patient may have no ticket): the keyboard has only the code's characters, so
 * nothing mistakable can be typed. The platform limits wrong codes; its answer is the flow's.
 */
export function CheckInCode({ onClose }: { onClose(): void }) {
  const { t } = useTranslation();
  const { api } = useFlow();
  const [code, setCode] = useState('');
  const [tried, setTried] = useState(false);
  const [sending, setSending] = useState<Sending>('idle');
  const complete = code.length === BOOKING_CODE_LENGTH;

  const submit = () => {
    setTried(true);
    if (!complete || !api) return;
    setSending('checking');
    api.checkInAppointment({ code }).then(
      // A refused code stays typed: the patient corrects one character rather than typing it all again.
      () => setSending('idle'),
      () => setSending('unreachable'),
    );
  };

  return (
    <section className="check-in-code" data-testid="check-in-code">
      <KeyboardField
        id="check-in-code"
        label={t('checkIn.code.label')}
        hint={t('checkIn.code.hint')}
        value={code}
        active
        onSelect={() => {}}
        error={tried && !complete ? t('checkIn.code.incomplete', { count: BOOKING_CODE_LENGTH }) : null}
      />
      {/* The code is Latin capitals and digits: its keys read left to right in Arabic too, as on the ticket. */}
      <div dir="ltr" className="check-in-code-keys">
        <OnScreenKeyboard
          layout="code"
          onKey={(c) => setCode((v) => (v + c).slice(0, BOOKING_CODE_LENGTH))}
          onBackspace={() => setCode((v) => v.slice(0, -1))}
        />
      </div>
      {sending !== 'idle' && <p role="status">{t(`checkIn.code.${sending}`)}</p>}
      <div className="button-row">
        <button type="button" onClick={onClose}>
          {t('checkIn.code.close')}
        </button>
        <button type="button" className="primary" disabled={sending === 'checking'} onClick={submit}>
          {t('checkIn.code.submit')}
        </button>
      </div>
    </section>
  );
}

import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { KioskApi } from '../../../common/ipc/contract';
import type { EmailStatus } from '../../../common/printing/print-state';
import { KeyboardField } from '../../components/KeyboardField';
import { OnScreenKeyboard } from '../../components/OnScreenKeyboard';

type Phase = 'closed' | 'typing' | 'sending' | EmailStatus;

/** Results where the patient may correct the address and send again. */
const RETRY: ReadonlySet<Phase> = new Set(['invalid-address', 'refused', 'failed']);

/**
 * The document by e-mail, if the patient wants it: the access code to open it (also printed), the
 * address typed on the on-screen keyboard, and "sent" only once main reports the platform's SMTP
 * server accepted it. The address is not kept after the screen.
 */
export function PrescriptionEmail({ api, accessCode }: { api: KioskApi | null; accessCode: string | undefined }) {
  const { t } = useTranslation();
  const [phase, setPhase] = useState<Phase>('closed');
  const [address, setAddress] = useState('');
  if (!api || !accessCode) return null;
  const send = () => {
    setPhase('sending');
    api.emailPrescription({ address }).then(
      (answer) => setPhase(answer.status),
      () => setPhase('failed'),
    );
  };
  const editing = phase === 'typing' || RETRY.has(phase);
  return (
    <section className="prescription-email" data-testid="email" data-email-status={phase} aria-labelledby="end-email">
      <h3 id="end-email">{t('email.title')}</h3>
      <p data-testid="access-code">
        {t('email.code')} <strong>{accessCode}</strong>
      </p>
      {phase === 'closed' && (
        <button type="button" className="huge-ish" data-testid="email-open" onClick={() => setPhase('typing')}>
          {t('email.open')}
        </button>
      )}
      {phase !== 'closed' && phase !== 'typing' && (
        <p role={phase === 'sent' || phase === 'sending' ? 'status' : 'alert'} data-testid="email-result">
          {t(`email.${phase}`)}
        </p>
      )}
      {editing && (
        <>
          <KeyboardField
            id="email-address"
            label={t('email.address')}
            value={address}
            active
            onSelect={() => undefined}
          />
          <p className="hint">{t('email.consent')}</p>
          <OnScreenKeyboard
            layout="email"
            onKey={(c) => setAddress((v) => (v.length < 254 ? v + c : v))}
            onBackspace={() => setAddress((v) => v.slice(0, -1))}
          />
          <button type="button" className="primary" data-testid="email-send" disabled={!address.trim()} onClick={send}>
            {t('email.send')}
          </button>
        </>
      )}
    </section>
  );
}

import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { frenchPhone } from '../../../common/pharmacy/phone';
import { KeyboardField } from '../../components/KeyboardField';
import { OnScreenKeyboard } from '../../components/OnScreenKeyboard';

/**
 * "Leave and keep my place": the patient may type a phone number (optional, French format, on the
 * on-screen keys) and leave. The ticket screen comes only once the platform kept the place
 * (`stepAway` resolved: the flow moves on); if it did not, this says so and the patient is still
 * in the queue here.
 */
export function StepAwayPanel({
  prefill,
  stepAway,
}: {
  /** The phone given on the contact step, offered again when it is a French number. */
  prefill: string | null;
  stepAway(phone: string | null): Promise<void>;
}) {
  const { t } = useTranslation();
  const [open, setOpen] = useState(false);
  const [phone, setPhone] = useState(prefill ? (frenchPhone(prefill) ?? '') : '');
  const [tried, setTried] = useState(false);
  const [state, setState] = useState<'idle' | 'sending' | 'failed'>('idle');
  if (!open)
    return (
      <button type="button" className="step-away-open" data-testid="step-away-open" onClick={() => setOpen(true)}>
        {t('waiting.stepAway.open')}
      </button>
    );
  const normalised = phone.trim() === '' ? null : frenchPhone(phone);
  const invalid = phone.trim() !== '' && normalised === null;
  const confirm = () => {
    setTried(true);
    if (invalid) return;
    setState('sending');
    stepAway(normalised).catch(() => setState('failed'));
  };
  return (
    <section className="step-away with-keyboard" aria-labelledby="step-away-heading" data-testid="step-away">
      <h2 id="step-away-heading">{t('waiting.stepAway.title')}</h2>
      <p>{t('waiting.stepAway.body')}</p>
      <KeyboardField
        id="step-away-phone"
        label={t('waiting.stepAway.phone')}
        hint={t('waiting.stepAway.phoneHint')}
        value={phone}
        active
        onSelect={() => {}}
        error={tried && invalid ? t('waiting.stepAway.invalidPhone') : null}
      />
      <OnScreenKeyboard
        layout="digits"
        onKey={(key) => setPhone((p) => (p.replace(/\D/g, '').length < 10 ? p + key : p))}
        onBackspace={() => setPhone((p) => p.slice(0, -1))}
      />
      <StepAwayActions
        state={state}
        withPhone={normalised !== null}
        onStay={() => setOpen(false)}
        onConfirm={confirm}
      />
    </section>
  );
}

/** The failure, if the platform did not keep the place, and the two choices. */
function StepAwayActions({
  state,
  withPhone,
  onStay,
  onConfirm,
}: {
  state: 'idle' | 'sending' | 'failed';
  withPhone: boolean;
  onStay(): void;
  onConfirm(): void;
}) {
  const { t } = useTranslation();
  return (
    <>
      {state === 'failed' && (
        <p className="error" role="alert" data-testid="step-away-failed">
          <span aria-hidden="true">⚠ </span>
          {t('waiting.stepAway.failed')}
        </p>
      )}
      <div className="actions">
        <button type="button" onClick={onStay} disabled={state === 'sending'}>
          {t('waiting.stepAway.stay')}
        </button>
        <button
          type="button"
          className="primary"
          data-testid="step-away-confirm"
          onClick={onConfirm}
          disabled={state === 'sending'}
        >
          {t(withPhone ? 'waiting.stepAway.confirmPhone' : 'waiting.stepAway.confirm')}
        </button>
      </div>
    </>
  );
}

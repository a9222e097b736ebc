import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useFlow } from '../../app/flow-context';
import { KeyboardField } from '../../components/KeyboardField';
import { OnScreenKeyboard } from '../../components/OnScreenKeyboard';
import { ScreenFrame } from '../../components/ScreenFrame';

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
const PHONE = /^(\+33|0)[1-9]\d{8}$/;

/** Screen-side checks mirror the machine's so the patient sees the error before sending. */
export function validateContact(email: string, phone: string): { email: boolean; phone: boolean } {
  return { email: email === '' || EMAIL.test(email), phone: phone === '' || PHONE.test(phone) };
}

/** Where to send the prescription (optional: paper is always printed). */
export function ContactScreen() {
  const { t } = useTranslation();
  const { view, send } = useFlow();
  const [values, setValues] = useState({ email: view.contact.email ?? '', phone: view.contact.phone ?? '' });
  const [active, setActive] = useState<'email' | 'phone'>('email');
  const [tried, setTried] = useState(false);
  const valid = validateContact(values.email, values.phone);
  const type = (c: string) =>
    setValues((v) => ({ ...v, [active]: (v[active] + c).slice(0, active === 'email' ? 200 : 15) }));
  return (
    <ScreenFrame name="contact" text="contact" back className="with-keyboard">
      <p className="lead">{t('contact.body')}</p>
      {(['email', 'phone'] as const).map((name) => (
        <KeyboardField
          key={name}
          id={`contact-${name}`}
          label={t(`contact.${name}`)}
          value={values[name]}
          active={active === name}
          onSelect={() => setActive(name)}
          error={tried && !valid[name] ? t(name === 'email' ? 'contact.invalidEmail' : 'contact.invalidPhone') : null}
        />
      ))}
      <OnScreenKeyboard
        layout={active === 'phone' ? 'digits' : 'email'}
        onKey={type}
        onBackspace={() => setValues((v) => ({ ...v, [active]: v[active].slice(0, -1) }))}
      />
      <div className="button-row">
        <button type="button" onClick={() => send({ type: 'CONTACT_SUBMIT', email: null, phone: null })}>
          {t('contact.skip')}
        </button>
        <button
          type="button"
          className="primary"
          onClick={() => {
            setTried(true);
            if (valid.email && valid.phone)
              send({ type: 'CONTACT_SUBMIT', email: values.email || null, phone: values.phone || null });
          }}
        >
          {t('frame.continue')}
        </button>
      </div>
    </ScreenFrame>
  );
}

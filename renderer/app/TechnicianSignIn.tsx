import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { KioskApi } from '../../common/ipc/contract';
import { KeyboardField } from '../components/KeyboardField';
import { OnScreenKeyboard } from '../components/OnScreenKeyboard';

type Field = 'identifier' | 'secret';
const MAX: Record<Field, number> = { identifier: 40, secret: 64 };

/**
 * The technician's own sign-in: identifier and secret typed on the kiosk's keyboard (the secret
 * shown as dots), checked by main against the accounts the platform issued (technicianSignIn).
 * A refusal says why in plain words: wrong identifier or secret with the tries left, locked for
 * some minutes, or no account received yet.
 */
export function TechnicianSignIn({ api, onSignedIn }: { api: KioskApi; onSignedIn: () => void }) {
  const { t } = useTranslation();
  const [values, setValues] = useState<Record<Field, string>>({ identifier: '', secret: '' });
  const [active, setActive] = useState<Field>('identifier');
  const [message, setMessage] = useState<string | null>(null);
  const type = (char: string) =>
    setValues((v) => (v[active].length >= MAX[active] ? v : { ...v, [active]: v[active] + char }));
  const erase = () => setValues((v) => ({ ...v, [active]: v[active].slice(0, -1) }));

  const submit = async () => {
    try {
      const answer = await api.technicianSignIn(values);
      setValues((v) => ({ ...v, secret: '' }));
      if (answer.ok) return onSignedIn();
      setActive('secret');
      if (answer.error === 'locked')
        setMessage(t('staff.technician.locked', { count: Math.ceil((answer.retryAfterSeconds ?? 900) / 60) }));
      else if (answer.error === 'no-accounts') setMessage(t('staff.technician.noAccounts'));
      else setMessage(t('staff.technician.wrong', { count: answer.attemptsLeft ?? 0 }));
    } catch {
      setMessage(t('staff.unavailable'));
    }
  };

  return (
    <div data-testid="technician-sign-in">
      <KeyboardField
        id="technician-identifier"
        label={t('staff.technician.identifier')}
        value={values.identifier}
        active={active === 'identifier'}
        onSelect={() => setActive('identifier')}
      />
      <KeyboardField
        id="technician-secret"
        label={t('staff.technician.secret')}
        value={'•'.repeat(values.secret.length)}
        active={active === 'secret'}
        onSelect={() => setActive('secret')}
      />
      {message && (
        <p className="error" role="alert" data-testid="technician-sign-in-error">
          <span aria-hidden="true">⚠ </span>
          {message}
        </p>
      )}
      <OnScreenKeyboard layout="email" onKey={type} onBackspace={erase} />
      <button
        type="button"
        className="primary"
        disabled={values.identifier.trim() === '' || values.secret === ''}
        onClick={() => void submit()}
      >
        {t('staff.signIn')}
      </button>
    </div>
  );
}

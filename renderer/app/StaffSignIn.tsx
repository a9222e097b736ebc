import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { KioskApi } from '../../common/ipc/contract';
import { PinPad } from './PinPad';

type StaffRole = 'pharmacist' | 'technician';

/**
 * Choosing a role and typing the PIN. The PIN is checked by main (staffSignIn); nothing here knows
 * a PIN. A refusal says why: a wrong PIN, or locked for a while after too many.
 */
export function StaffSignIn({ api, onSignedIn }: { api: KioskApi; onSignedIn: (role: StaffRole) => void }) {
  const { t } = useTranslation();
  const [pin, setPin] = useState('');
  const [role, setRole] = useState<StaffRole>('pharmacist');
  const [message, setMessage] = useState<string | null>(null);

  const submit = async () => {
    try {
      const answer = await api.staffSignIn({ role, pin });
      setPin('');
      if (answer.ok) onSignedIn(answer.role);
      else
        setMessage(
          answer.error === 'locked'
            ? t('staff.locked', { count: answer.retryAfterSeconds ?? 60 })
            : t('staff.wrongPin'),
        );
    } catch {
      setMessage(t('staff.unavailable'));
    }
  };

  return (
    <>
      <div className="button-row" role="group" aria-label={t('staff.role')}>
        {(['pharmacist', 'technician'] as const).map((r) => (
          <button key={r} type="button" aria-pressed={role === r} onClick={() => setRole(r)}>
            {t(`staff.roles.${r}`)}
          </button>
        ))}
      </div>
      <PinPad pin={pin} onChange={setPin} onSubmit={() => void submit()} />
      {message && (
        <p className="error" role="alert">
          <span aria-hidden="true">⚠ </span>
          {message}
        </p>
      )}
    </>
  );
}

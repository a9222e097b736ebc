import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { KioskApi } from '../../common/ipc/contract';
import type { StaffRole } from '../../common/staff/staff';
import { PinPad } from './PinPad';
import { TechnicianSignIn } from './TechnicianSignIn';

/**
 * The pharmacist types the PIN; a technician switches to their own account's sign-in (the PIN
 * opens none of their screens). Both are checked by main; nothing here knows a PIN or a secret.
 * A refusal says why: a wrong PIN, or locked for a while after too many.
 */
export function StaffSignIn({
  api,
  onSignedIn,
  onRoleChosen = () => {},
}: {
  api: KioskApi;
  onSignedIn: (role: StaffRole) => void;
  /** Told which sign-in is shown, so the dialog's title names the space being entered. */
  onRoleChosen?: (role: StaffRole) => void;
}) {
  const { t } = useTranslation();
  const [pin, setPin] = useState('');
  const [technician, setTechnician] = useState(false);
  const [message, setMessage] = useState<string | null>(null);

  const submit = async () => {
    try {
      const answer = await api.staffSignIn({ role: 'pharmacist', pin });
      setPin('');
      if (answer.ok) onSignedIn(answer.role);
      else if (answer.error === 'locked') setMessage(t('staff.locked', { count: answer.retryAfterSeconds ?? 60 }));
      else setMessage(t(answer.error === 'wrong-pin' ? 'staff.wrongPin' : 'staff.technician.useAccount'));
    } catch {
      setMessage(t('staff.unavailable'));
    }
  };

  return (
    <>
      <div className="button-row" role="group" aria-label={t('staff.role')}>
        {(['pharmacist', 'technician'] as const).map((r) => (
          <button
            key={r}
            type="button"
            aria-pressed={technician === (r === 'technician')}
            data-testid={`staff-role-${r}`}
            onClick={() => {
              setTechnician(r === 'technician');
              onRoleChosen(r);
            }}
          >
            {t(`staff.roles.${r}`)}
          </button>
        ))}
      </div>
      {technician ? (
        <TechnicianSignIn api={api} onSignedIn={() => onSignedIn('technician')} />
      ) : (
        <>
          <PinPad pin={pin} onChange={setPin} onSubmit={() => void submit()} />
          {message && (
            <p className="error" role="alert">
              <span aria-hidden="true">⚠ </span>
              {message}
            </p>
          )}
        </>
      )}
    </>
  );
}

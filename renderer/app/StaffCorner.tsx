import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { KioskApi } from '../../common/ipc/contract';
import { StaffPanel } from './StaffPanel';

/**
 * The discreet staff entry: a small corner button opening a PIN pad. The PIN is checked by main
 * (staffSignIn); nothing here knows a PIN.
 */
export function StaffCorner({ api }: { api: KioskApi }) {
  const { t } = useTranslation();
  const [open, setOpen] = useState(false);
  const [pin, setPin] = useState('');
  const [role, setRole] = useState<'pharmacist' | 'technician'>('pharmacist');
  const [message, setMessage] = useState<string | null>(null);
  const [signedIn, setSignedIn] = useState(false);

  const close = () => {
    setOpen(false);
    setPin('');
    setMessage(null);
    if (signedIn) api.staffSignOut({}).catch(() => {});
    setSignedIn(false);
  };

  const submit = async () => {
    try {
      const answer = await api.staffSignIn({ role, pin });
      setPin('');
      if (answer.ok) setSignedIn(true);
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

  if (!open)
    return (
      <button
        type="button"
        className="staff-corner"
        aria-label={t('staff.open')}
        data-testid="staff-corner"
        onClick={() => setOpen(true)}
      >
        <span aria-hidden="true">⚙</span>
      </button>
    );

  return (
    <div className="overlay" role="dialog" aria-modal="true" aria-labelledby="staff-heading" data-testid="staff-dialog">
      <div className="overlay-box">
        <h2 id="staff-heading">{t('staff.title')}</h2>
        {signedIn ? (
          <StaffPanel api={api} />
        ) : (
          <>
            <div className="button-row" role="group" aria-label={t('staff.role')}>
              {(['pharmacist', 'technician'] as const).map((r) => (
                <button key={r} type="button" aria-pressed={role === r} onClick={() => setRole(r)}>
                  {t(`staff.roles.${r}`)}
                </button>
              ))}
            </div>
            <p className="pin-display" aria-label={t('staff.pin')} data-testid="pin-display">
              {'●'.repeat(pin.length) || '—'}
            </p>
            <div className="keyboard keyboard-digits" role="group" aria-label={t('staff.pin')}>
              {['123', '456', '789'].map((row) => (
                <div className="key-row" key={row}>
                  {[...row].map((d) => (
                    <button
                      key={d}
                      type="button"
                      className="key"
                      onClick={() => setPin((p) => (p.length < 12 ? p + d : p))}
                    >
                      {d}
                    </button>
                  ))}
                </div>
              ))}
              <div className="key-row">
                <button
                  type="button"
                  className="key"
                  onClick={() => setPin((p) => p.slice(0, -1))}
                  aria-label={t('keyboard.backspace')}
                >
                  ⌫
                </button>
                <button type="button" className="key" onClick={() => setPin((p) => (p.length < 12 ? p + '0' : p))}>
                  0
                </button>
                <button type="button" className="key primary" disabled={pin.length === 0} onClick={() => void submit()}>
                  {t('staff.signIn')}
                </button>
              </div>
            </div>
            {message && (
              <p className="error" role="alert">
                <span aria-hidden="true">⚠ </span>
                {message}
              </p>
            )}
          </>
        )}
        <button type="button" onClick={close}>
          {t('staff.close')}
        </button>
      </div>
    </div>
  );
}

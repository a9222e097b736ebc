import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { KioskApi } from '../../common/ipc/contract';
import { StaffPanel } from './StaffPanel';
import { StaffSignIn } from './StaffSignIn';

/**
 * The discreet staff entry: a small corner button opening the staff sign-in, then the staff panel.
 * Closing it signs the staff member out.
 */
export function StaffCorner({ api }: { api: KioskApi }) {
  const { t } = useTranslation();
  const [open, setOpen] = useState(false);
  const [signedIn, setSignedIn] = useState(false);

  const close = () => {
    setOpen(false);
    if (signedIn) api.staffSignOut({}).catch(() => {});
    setSignedIn(false);
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
        {signedIn ? <StaffPanel api={api} /> : <StaffSignIn api={api} onSignedIn={() => setSignedIn(true)} />}
        <button type="button" onClick={close}>
          {t('staff.close')}
        </button>
      </div>
    </div>
  );
}

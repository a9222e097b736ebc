import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { KioskApi } from '../../common/ipc/contract';
import type { StaffRole } from '../../common/staff/staff';
import { CalibrationWizard } from './calibration/CalibrationWizard';
import { StaffPanel } from './StaffPanel';
import { StaffSignIn } from './StaffSignIn';
import { TechnicianDiagnostics } from './TechnicianDiagnostics';

/**
 * The discreet staff entry: a small corner button opening the staff sign-in, then the staff panel.
 * Closing it signs the staff member out.
 */
export function StaffCorner({ api }: { api: KioskApi }) {
  const { t } = useTranslation();
  const [open, setOpen] = useState(false);
  const [signedIn, setSignedIn] = useState<StaffRole | null>(null);
  // The device whose calibration wizard is open (a technician's), in place of the panel.
  const [calibrating, setCalibrating] = useState<string | null>(null);
  // The technician's diagnostics (devices and live frames), in place of the panel.
  const [diagnostics, setDiagnostics] = useState(false);
  // The sign-in shown before anyone is signed in (the title names the space being entered).
  const [chosen, setChosen] = useState<StaffRole>('pharmacist');

  const close = () => {
    setOpen(false);
    // Signing out also drops a calibration under way (main abandons it).
    if (signedIn) api.staffSignOut({}).catch(() => {});
    setSignedIn(null);
    setCalibrating(null);
    setDiagnostics(false);
    setChosen('pharmacist');
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
        <h2 id="staff-heading">{t((signedIn ?? chosen) === 'technician' ? 'staff.technicianTitle' : 'staff.title')}</h2>
        {!signedIn ? (
          <StaffSignIn api={api} onSignedIn={setSignedIn} onRoleChosen={setChosen} />
        ) : calibrating ? (
          <CalibrationWizard api={api} deviceId={calibrating} onClose={() => setCalibrating(null)} />
        ) : diagnostics ? (
          <TechnicianDiagnostics api={api} onClose={() => setDiagnostics(false)} />
        ) : (
          <>
            {signedIn === 'technician' && (
              <button type="button" data-testid="open-diagnostics" onClick={() => setDiagnostics(true)}>
                {t('staff.diagnostics.open')}
              </button>
            )}
            <StaffPanel api={api} onCalibrate={setCalibrating} />
          </>
        )}
        <button type="button" onClick={close}>
          {t('staff.close')}
        </button>
      </div>
    </div>
  );
}

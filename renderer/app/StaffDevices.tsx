import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { DeviceStatus } from '../../common/devices/device-status';
import type { KioskApi } from '../../common/ipc/contract';
import type { DeviceMaintenance, StaffOverview } from '../../common/staff/staff';
import { errorKey } from './calibration/calibration-errors';
import { downloadCertificate, downloadRegister } from './calibration/download-certificate';

/**
 * The devices as staff see them: state, and calibration in words (out of service, and why). A
 * technician also gets each device's wizard and its last certificate.
 */
export function StaffDevices({
  api,
  overview,
  onCalibrate,
}: {
  api: KioskApi;
  overview: StaffOverview;
  onCalibrate: (deviceId: string) => void;
}) {
  const { t } = useTranslation();
  const [error, setError] = useState<string | null>(null);
  const technician = overview.signedIn === 'technician';
  return (
    <>
      <h3>{t('staff.devices')}</h3>
      {error && (
        <p className="error" role="alert">
          <span aria-hidden="true">⚠ </span>
          {error}
        </p>
      )}
      <ul className="staff-devices">
        {overview.devices.map((d) => {
          const maintenance = overview.maintenance.find((m) => m.deviceId === d.deviceId);
          return (
            <li key={d.deviceId} data-testid={`staff-device-${d.deviceId}`}>
              <span aria-hidden="true">{d.state === 'connected' ? '✔ ' : '⚠ '}</span>
              {t(`waiting.kind.${d.kind}`)} ({d.deviceId}) — {t(`waiting.state.${d.state}`)}
              {d.reason && d.reason.code !== 'calibration-expired' ? ` — ${d.reason.code}` : ''}
              <CalibrationLine device={d} maintenance={maintenance} />
              {technician && maintenance?.calibratable && (
                <TechnicianActions api={api} maintenance={maintenance} onCalibrate={onCalibrate} onError={setError} />
              )}
            </li>
          );
        })}
      </ul>
    </>
  );
}

/** "Out of service: last check failed (date)", "expired since", "valid until", or "not recorded". */
function CalibrationLine({
  device,
  maintenance,
}: {
  device: DeviceStatus;
  maintenance: DeviceMaintenance | undefined;
}) {
  const { t, i18n } = useTranslation();
  if (device.kind === 'card-reader') return null;
  const check = maintenance?.lastCheck ?? null;
  const date = (iso: string | null | undefined) =>
    iso ? new Date(iso).toLocaleDateString(i18n.language, { dateStyle: 'long' }) : '—';
  const outOfService = device.calibration === 'failed' || device.calibration === 'expired';
  return (
    <p className={outOfService ? 'error' : 'hint'} data-testid={`calibration-state-${device.deviceId}`}>
      {outOfService && <span aria-hidden="true">⚠ </span>}
      {t(`staff.calibration.${device.calibration}`, {
        performed: date(check?.performedAt),
        due: date(check?.validUntil),
      })}
    </p>
  );
}

/** A technician's actions on a calibratable device: its wizard, its last certificate, its register as CSV. */
function TechnicianActions({
  api,
  maintenance,
  onCalibrate,
  onError,
}: {
  api: KioskApi;
  maintenance: DeviceMaintenance;
  onCalibrate: (deviceId: string) => void;
  onError: (message: string | null) => void;
}) {
  const { t } = useTranslation();
  const certificate = maintenance.lastCheck?.certificateNumber ? maintenance.lastCheck : null;
  return (
    <div className="button-row">
      <button
        type="button"
        data-testid={`calibrate-${maintenance.deviceId}`}
        onClick={() => onCalibrate(maintenance.deviceId)}
      >
        {t('staff.calibrate')}
      </button>
      {certificate && (
        <button
          type="button"
          onClick={() =>
            void downloadCertificate(api, certificate.calibrationId).then(
              () => onError(null),
              (e: unknown) => onError(t(errorKey(e))),
            )
          }
        >
          {t('staff.certificate', { number: certificate.certificateNumber })}
        </button>
      )}
      {maintenance.lastCheck && (
        <button
          type="button"
          data-testid={`register-${maintenance.deviceId}`}
          onClick={() =>
            void downloadRegister(api, maintenance.deviceId).then(
              () => onError(null),
              (e: unknown) => onError(t(errorKey(e))),
            )
          }
        >
          {t('staff.registerCsv')}
        </button>
      )}
    </div>
  );
}

import { useCallback, useEffect, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { DeviceDiagnostics, DeviceFrame } from '../../common/devices/diagnostics';
import type { KioskApi } from '../../common/ipc/contract';
import { DeviceChange } from './DeviceChange';

/** How many frames the monitor keeps on screen (the newest first). */
const FRAMES_SHOWN = 12;

/**
 * The technician's diagnostics while the kiosk runs: every device with its model, serial,
 * firmware, port, state and calibration dates; a device's live frames (raw hex beside the
 * decoding) streamed from the running device manager while its monitor is open.
 */
export function TechnicianDiagnostics({ api, onClose }: { api: KioskApi; onClose: () => void }) {
  const { t } = useTranslation();
  const [devices, setDevices] = useState<DeviceDiagnostics[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [monitored, setMonitored] = useState<string | null>(null);
  const [frames, setFrames] = useState<DeviceFrame[]>([]);
  const [changing, setChanging] = useState<string | null>(null);
  const refresh = useCallback(() => {
    api.getDiagnostics({}).then(setDevices, () => setError(t('staff.unavailable')));
  }, [api, t]);
  useEffect(refresh, [refresh]);
  useEffect(() => api.onDeviceFrame((frame) => setFrames((list) => [frame, ...list].slice(0, FRAMES_SHOWN))), [api]);
  // Leaving the screen stops the stream.
  useEffect(() => () => void api.monitorDevice({ deviceId: null }).catch(() => {}), [api]);

  const monitor = (deviceId: string | null) => {
    setFrames([]);
    api.monitorDevice({ deviceId }).then(
      () => setMonitored(deviceId),
      () => setError(t('staff.unavailable')),
    );
  };

  return (
    <div className="technician-diagnostics" data-testid="diagnostics">
      <h3>{t('staff.diagnostics.title')}</h3>
      {error && (
        <p className="error" role="alert">
          <span aria-hidden="true">⚠ </span>
          {error}
        </p>
      )}
      <ul className="diagnostics-list">
        {devices?.map((d) => (
          <DiagnosticsRow
            key={d.deviceId}
            device={d}
            monitored={monitored === d.deviceId}
            onMonitor={() => monitor(monitored === d.deviceId ? null : d.deviceId)}
            changing={changing === d.deviceId}
            onChange={() => setChanging(changing === d.deviceId ? null : d.deviceId)}
          >
            {changing === d.deviceId && (
              <DeviceChange api={api} device={d} onChanged={refresh} onClose={() => setChanging(null)} />
            )}
          </DiagnosticsRow>
        ))}
      </ul>
      {monitored && <FrameList deviceId={monitored} frames={frames} />}
      <button type="button" onClick={onClose}>
        {t('staff.diagnostics.back')}
      </button>
    </div>
  );
}

/** One device: identity, live state, calibration dates, and its monitor's switch. */
function DiagnosticsRow({
  device: d,
  monitored,
  onMonitor,
  changing,
  onChange,
  children,
}: {
  device: DeviceDiagnostics;
  monitored: boolean;
  onMonitor: () => void;
  changing: boolean;
  onChange: () => void;
  children: ReactNode;
}) {
  const { t, i18n } = useTranslation();
  const date = (iso: string | null) =>
    iso ? new Date(iso).toLocaleDateString(i18n.language, { dateStyle: 'medium' }) : '—';
  const last = d.lastCalibration;
  const fields: [string, string][] = [
    ['serial', d.serialNumber ?? '—'],
    ['firmware', d.firmware ?? t('staff.diagnostics.firmwareNotReported')],
    ['port', d.port ?? '—'],
    ['state', `${t(`waiting.state.${d.state}`)}${d.reason ? ` — ${d.reason.code}` : ''}`],
    ['last', last ? `${date(last.performedAt)} (${t(`staff.diagnostics.result.${last.result}`)})` : '—'],
    ['next', date(d.nextCalibration)],
  ];
  return (
    <li data-testid={`diagnostics-${d.deviceId}`}>
      <h4>
        {d.modelName} <small>({d.deviceId})</small>
      </h4>
      <dl>
        {fields.map(([key, value]) => (
          <div key={key}>
            <dt>{t(`staff.diagnostics.${key}`)}</dt>
            <dd>{value}</dd>
          </div>
        ))}
      </dl>
      {/* Frames come from the serial and HID drivers; audio and video go to the doctor as streams. */}
      {(d.transport === 'serial' || d.transport === 'hid') && (
        <button type="button" aria-pressed={monitored} data-testid={`monitor-${d.deviceId}`} onClick={onMonitor}>
          {t(monitored ? 'staff.diagnostics.stop' : 'staff.diagnostics.monitor')}
        </button>
      )}
      {/* Only a serial device's port and model are the kiosk's to change; USB ids are the device's own. */}
      {d.transport === 'serial' && (
        <button type="button" aria-expanded={changing} data-testid={`change-${d.deviceId}`} onClick={onChange}>
          {t('staff.change.open')}
        </button>
      )}
      {children}
    </li>
  );
}

/** The monitored device's newest frames: time, raw bytes in hex, decoding. */
function FrameList({ deviceId, frames }: { deviceId: string; frames: DeviceFrame[] }) {
  const { t } = useTranslation();
  return (
    <section aria-live="off" data-testid="frame-monitor">
      <h4>{t('staff.diagnostics.frames', { device: deviceId })}</h4>
      {frames.length === 0 && <p className="hint">{t('staff.diagnostics.waiting')}</p>}
      <ol className="frame-list" tabIndex={0} aria-label={t('staff.diagnostics.frames', { device: deviceId })}>
        {frames.map((f, i) => (
          <li key={`${f.at}-${i}`} className={f.error ? 'error' : undefined} data-testid="frame">
            <time>{f.at.slice(11, 23)}</time> <code data-testid="frame-hex">{f.hex}</code>
            <br />
            <span data-testid="frame-decoded">{f.decoded}</span>
          </li>
        ))}
      </ol>
    </section>
  );
}

import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { DeviceChangeResult, DeviceChoices } from '../../common/devices/device-change';
import type { DeviceDiagnostics } from '../../common/devices/diagnostics';
import type { KioskApi } from '../../common/ipc/contract';

/**
 * A serial device's port or model change on the technician's diagnostics screen: the ports present
 * on the kiosk and the models of the device's kind as touch choices; the kiosk keeps the change
 * only after a test reading on the new settings within the stated time, else says why and keeps
 * the old settings (main/diagnostics/device-change.ts).
 */
export function DeviceChange({
  api,
  device,
  onChanged,
  onClose,
}: {
  api: KioskApi;
  device: DeviceDiagnostics;
  onChanged: () => void;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const c = useDeviceChange(api, device, onChanged);
  const seconds = c.choices?.trialSeconds ?? 0;
  return (
    <section className="device-change" data-testid={`device-change-${device.deviceId}`} aria-busy={c.trying}>
      <h4>{t('staff.change.title', { device: device.deviceId })}</h4>
      <p className="hint">{t('staff.change.rule', { count: seconds })}</p>
      {c.choices && <DeviceChoiceSets choices={c.choices} device={device} form={c} />}
      {c.trying && (
        <p className="hint" role="status" data-testid="device-change-trying">
          {t('staff.change.trying', { port: c.port, count: seconds })}
        </p>
      )}
      {c.result && <ChangeOutcome result={c.result} port={c.port} model={c.modelName(c.model)} old={device} />}
      {c.failed && (
        <p className="error" role="alert">
          <span aria-hidden="true">⚠ </span>
          {t('staff.unavailable')}
        </p>
      )}
      <div className="actions">
        <button
          type="button"
          className="primary"
          data-testid="device-change-try"
          disabled={c.trying || c.choices === null || (c.port === device.port && c.model === device.model)}
          onClick={() => void c.tryIt()}
        >
          {t('staff.change.try')}
        </button>
        <button type="button" disabled={c.trying} onClick={onClose}>
          {t('staff.change.close')}
        </button>
      </div>
    </section>
  );
}

/** The form's state: the choices fetched once, the port and model chosen, the trial and its answer. */
function useDeviceChange(api: KioskApi, device: DeviceDiagnostics, onChanged: () => void) {
  const [choices, setChoices] = useState<DeviceChoices | null>(null);
  const [port, setPort] = useState(device.port ?? '');
  const [model, setModel] = useState(device.model);
  const [trying, setTrying] = useState(false);
  const [result, setResult] = useState<DeviceChangeResult | null>(null);
  const [failed, setFailed] = useState(false);
  useEffect(() => {
    api.getDeviceChoices({ deviceId: device.deviceId }).then(setChoices, () => setFailed(true));
  }, [api, device.deviceId]);
  const tryIt = async () => {
    setTrying(true);
    setResult(null);
    setFailed(false);
    try {
      const answer = await api.changeDevice({ deviceId: device.deviceId, port, model });
      setResult(answer);
      if (answer.ok) onChanged();
    } catch {
      setFailed(true);
    } finally {
      setTrying(false);
    }
  };
  const modelName = (id: string) => choices?.models.find((m) => m.model === id)?.modelName ?? id;
  return { choices, port, setPort, model, setModel, trying, result, failed, tryIt, modelName };
}

/** The ports and the models to choose from, the device's current ones marked. */
function DeviceChoiceSets({
  choices,
  device,
  form,
}: {
  choices: DeviceChoices;
  device: DeviceDiagnostics;
  form: Pick<ReturnType<typeof useDeviceChange>, 'port' | 'setPort' | 'model' | 'setModel'>;
}) {
  const { t } = useTranslation();
  return (
    <>
      <Choices
        legend={t('staff.change.port')}
        options={choices.ports.map((p) => ({ value: p, label: p, current: p === device.port }))}
        chosen={form.port}
        onChoose={form.setPort}
        empty={t('staff.change.noPorts')}
        testId="port-choice"
      />
      <Choices
        legend={t('staff.change.model')}
        options={choices.models.map((m) => ({ value: m.model, label: m.modelName, current: m.model === device.model }))}
        chosen={form.model}
        onChoose={form.setModel}
        testId="model-choice"
      />
    </>
  );
}

/** One set of touch choices (ports or models), the current setting marked. */
function Choices({
  legend,
  options,
  chosen,
  onChoose,
  empty,
  testId,
}: {
  legend: string;
  options: { value: string; label: string; current: boolean }[];
  chosen: string;
  onChoose: (value: string) => void;
  empty?: string;
  testId: string;
}) {
  const { t } = useTranslation();
  return (
    <fieldset className="choices">
      <legend>{legend}</legend>
      {options.length === 0 && empty && <p className="hint">{empty}</p>}
      {options.map((o) => (
        <button
          type="button"
          key={o.value}
          aria-pressed={o.value === chosen}
          data-testid={testId}
          onClick={() => onChoose(o.value)}
        >
          {o.label}
          {o.current && ` (${t('staff.change.current')})`}
        </button>
      ))}
    </fieldset>
  );
}

/** What came of the trial: the new settings and their test frame, or why not and what stays. */
function ChangeOutcome({
  result,
  port,
  model,
  old,
}: {
  result: DeviceChangeResult;
  port: string;
  model: string;
  old: DeviceDiagnostics;
}) {
  const { t } = useTranslation();
  if (result.ok)
    return (
      <div role="status" className="ok" data-testid="device-change-kept">
        <p>
          <span aria-hidden="true">✓ </span>
          {t('staff.change.kept', { model: result.device.modelName, port: result.device.port })}
        </p>
        <p>
          {t('staff.change.testFrame')} <code>{result.frame.hex}</code> — {result.frame.decoded}
        </p>
      </div>
    );
  return (
    <div className="error" role="alert" data-testid="device-change-refused">
      <p>
        <span aria-hidden="true">⚠ </span>
        {t(`staff.change.refused.${result.code}`, { port, model, count: result.trialSeconds })}
      </p>
      <p>{t('staff.change.old', { model: old.modelName, port: old.port })}</p>
      <p className="hint">
        {t('staff.change.detail')} {result.detail}
      </p>
    </div>
  );
}

import { useTranslation } from 'react-i18next';
import type { CalibrationQuantity } from '../../../common/calibration/calibration-record';
import type {
  CalibrationIntention,
  CalibrationWizardView,
  QuantityRuleView,
} from '../../../common/calibration/calibration-wizard';
import { formatNumber } from '../../components/format';
import { PointsTable } from './CalibrationOutcome';
import { typedDecimal, useTypedFields } from './use-typed-fields';

type Send = (intention: CalibrationIntention) => void;

/** "SpO2 90 % · Pouls 120 bpm": a setting of the reference as the technician sets it. */
export function useSettingLabel() {
  const { t, i18n } = useTranslation();
  return (view: CalibrationWizardView, setting: number) =>
    (view.procedure.settings[setting] ?? [])
      .map(({ quantity, nominal }) => {
        const rule = view.procedure.quantities.find((q) => q.quantity === quantity)!;
        const value = `${formatNumber(nominal, i18n.language, 0)} ${rule.unit}`;
        return view.procedure.settings[setting]!.length > 1
          ? `${t(`calibration.quantity.${quantity}`)} ${value}`
          : value;
      })
      .join(' · ');
}

/** The fields of the current setting: the reference's value of each quantity, and the device's when typed. */
function usePointForm(view: CalibrationWizardView) {
  const { t } = useTranslation();
  const setting = view.currentSetting ?? 0;
  const rules = (view.procedure.settings[setting] ?? []).map(({ quantity }) =>
    view.procedure.quantities.find((q) => q.quantity === quantity)!,
  );
  const typedDevice = view.procedure.deviceReading === 'check-mode-display';
  const names = rules.flatMap((r) => [`ref-${r.quantity}`, ...(typedDevice ? [`dev-${r.quantity}`] : [])]);
  const form = useTypedFields(
    Object.fromEntries(names.map((n) => [n, { max: 4, digits: true }])) as Record<
      string,
      { max: number; digits: true }
    >,
    names[0] ?? '',
  );
  const value = (prefix: 'ref' | 'dev', r: QuantityRuleView) =>
    typedDecimal(form.values[`${prefix}-${r.quantity}`] ?? '', r.decimals);
  const collect = (prefix: 'ref' | 'dev') =>
    Object.fromEntries(rules.map((r) => [r.quantity, value(prefix, r)])) as Partial<
      Record<CalibrationQuantity, number>
    >;
  const label = (key: 'reference' | 'device', r: QuantityRuleView) =>
    t(`calibration.point.${key}`, { quantity: t(`calibration.quantity.${r.quantity}`), unit: r.unit });
  // Tenths typed as digits show with their comma as they come: "371" reads "37,1".
  const shown = (r: QuantityRuleView) => (digits: string) =>
    r.decimals > 0 && digits.length > r.decimals
      ? `${digits.slice(0, -r.decimals)},${digits.slice(-r.decimals)}`
      : digits;
  const hint = (r: QuantityRuleView) => (r.decimals > 0 ? t('calibration.point.decimalHint') : undefined);
  const fields = rules.map((r) => (
    <div key={r.quantity}>
      {form.field(`ref-${r.quantity}`, label('reference', r), hint(r), shown(r))}
      {typedDevice && form.field(`dev-${r.quantity}`, label('device', r), t('calibration.point.deviceHint'), shown(r))}
    </div>
  ));
  return {
    setting,
    typedDevice,
    fields,
    keyboard: form.keyboard,
    complete: rules.every((r) => value('ref', r) !== null && (!typedDevice || value('dev', r) !== null)),
    intention: (): CalibrationIntention => ({
      type: 'POINT',
      reference: collect('ref'),
      ...(typedDevice && { device: collect('dev') }),
    }),
  };
}

/**
 * One setting of the reference (a static pressure, a bath, a patient simulator's setting): the
 * technician sets it and types what the reference reads. A cuff's own value is typed off its
 * display too (its USB link does not give it); a thermometer's and an oximeter's are read by the
 * kiosk through their protocol once the technician confirms.
 */
export function PointStep({ view, send }: { view: CalibrationWizardView; send: Send }) {
  const { t } = useTranslation();
  const { setting, typedDevice, fields, keyboard, complete, intention } = usePointForm(view);
  const settingLabel = useSettingLabel();
  return (
    <>
      <h3 data-testid="calibration-point">
        {t('calibration.point.title', {
          index: setting + 1,
          count: view.procedure.settings.length,
          value: settingLabel(view, setting),
        })}
      </h3>
      <p>{t(`calibration.method.${view.procedure.method}.howto`, { value: settingLabel(view, setting) })}</p>
      {fields}
      {!typedDevice && <p>{t('calibration.point.readHint')}</p>}
      {view.reading ? (
        <p className="lead" role="status" data-testid="calibration-reading">
          {t('calibration.point.reading')}
        </p>
      ) : (
        <>
          {keyboard}
          <button type="button" className="primary" disabled={!complete} onClick={() => send(intention())}>
            {t(typedDevice ? 'calibration.point.submit' : 'calibration.point.measure')}
          </button>
        </>
      )}
      {view.points.length > 0 && <PointsTable view={view} />}
    </>
  );
}

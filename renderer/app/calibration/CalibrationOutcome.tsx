import { useState, type ReactNode } from 'react';
import type { MeasuredPoint } from '../../../common/calibration/calibration-record';
import { useTranslation } from 'react-i18next';
import type { CalibrationWizardView } from '../../../common/calibration/calibration-wizard';
import type { KioskApi } from '../../../common/ipc/contract';
import { formatNumber } from '../../components/format';
import { errorKey } from './calibration-errors';
import { downloadCertificate } from './download-certificate';
import { useSettingLabel } from './PointStep';

const signed = (n: string, value: number) => (value > 0 ? `+${n}` : n);

/**
 * Every point (and a cuff's leak test) with the device's error and the tolerance, and the verdict
 * in words and signs, never colour alone.
 */
export function PointsTable({ view }: { view: CalibrationWizardView }) {
  const { t, i18n } = useTranslation();
  const leak = view.leak.result;
  // The allowed drop is pro rata of the hold: 0,6 mmHg over a short one.
  const number = (value: number, digits = Number.isInteger(value) ? 0 : 1) =>
    formatNumber(value, i18n.language, digits);
  const verdict = (passed: boolean) => (
    <td data-passed={passed}>
      <span aria-hidden="true">{passed ? '✔ ' : '✘ '}</span>
      {t(passed ? 'calibration.pass' : 'calibration.fail')}
    </td>
  );
  return (
    <table className="calibration-points" data-testid="calibration-points">
      <thead>
        <tr>
          <th>{t('calibration.table.point')}</th>
          <th>{t('calibration.table.reference')}</th>
          <th>{t(`calibration.method.${view.procedure.method}.device`)}</th>
          <th>{t('calibration.table.error')}</th>
          <th>{t('calibration.table.verdict')}</th>
        </tr>
      </thead>
      <tbody>
        {view.points.map((p) => (
          <PointRow key={`${p.setting}-${p.quantity}`} view={view} point={p} verdict={verdict} />
        ))}
        {leak && (
          <tr>
            <td>{t('calibration.table.leak')}</td>
            <td>
              {leak.startMmHg} → {leak.endMmHg}
            </td>
            <td>{t('calibration.table.held', { count: leak.heldSeconds })}</td>
            <td>
              {signed(number(-leak.dropMmHg || 0), -leak.dropMmHg)} (max {number(leak.maxDropMmHg)})
            </td>
            {verdict(leak.passed)}
          </tr>
        )}
      </tbody>
    </table>
  );
}

/** One quantity at one setting: what was aimed at, the reference, the device, its error and the verdict. */
function PointRow({
  view,
  point: p,
  verdict,
}: {
  view: CalibrationWizardView;
  point: MeasuredPoint;
  verdict: (passed: boolean) => ReactNode;
}) {
  const { t, i18n } = useTranslation();
  const settingLabel = useSettingLabel();
  const rule = view.procedure.quantities.find((q) => q.quantity === p.quantity);
  const number = (value: number, digits = rule?.decimals ?? 0) => formatNumber(value, i18n.language, digits);
  return (
    <tr>
      <td>
        {view.procedure.settings[p.setting]!.length > 1
          ? `${t(`calibration.quantity.${p.quantity}`)} ${number(p.nominal, 0)} ${rule?.unit ?? ''}`
          : settingLabel(view, p.setting)}
      </td>
      <td>{number(p.reference)}</td>
      <td>{number(p.device)}</td>
      <td>
        {signed(number(p.error), p.error)} (±{number(p.tolerance)})
      </td>
      {verdict(p.passed)}
    </tr>
  );
}

/** The review before recording, and what was recorded: the verdict, the due date, the certificate. */
export function CalibrationOutcome({
  view,
  api,
  onRecord,
}: {
  view: CalibrationWizardView;
  api: KioskApi;
  onRecord: () => void;
}) {
  const { t, i18n } = useTranslation();
  const [downloadError, setDownloadError] = useState<string | null>(null);
  const passed = view.result === 'passed';
  const date = (iso: string) => new Date(iso).toLocaleDateString(i18n.language, { dateStyle: 'long' });
  return (
    <>
      <PointsTable view={view} />
      <p className="lead calibration-verdict" data-testid="calibration-result" data-result={view.result}>
        <span aria-hidden="true">{passed ? '✔ ' : '✘ '}</span>
        {t(passed ? 'calibration.review.passed' : 'calibration.review.failed')}
      </p>
      <p>
        {view.validUntil
          ? t('calibration.review.due', { date: date(view.validUntil) })
          : t('calibration.review.outOfService')}
      </p>
      {view.step === 'review' ? (
        <button type="button" className="primary" onClick={onRecord} data-testid="calibration-record">
          {t('calibration.review.record')}
        </button>
      ) : (
        view.recorded && (
          <>
            <p role="status" data-testid="calibration-recorded">
              {t('calibration.recorded', { number: view.recorded.certificateNumber })}
            </p>
            <button
              type="button"
              className="primary"
              data-testid="calibration-certificate"
              onClick={() =>
                void downloadCertificate(api, view.recorded!.calibrationId).then(
                  () => setDownloadError(null),
                  (e: unknown) => setDownloadError(t(errorKey(e))),
                )
              }
            >
              {t('calibration.certificate')}
            </button>
            {downloadError && (
              <p className="error" role="alert">
                <span aria-hidden="true">⚠ </span>
                {downloadError}
              </p>
            )}
          </>
        )
      )}
    </>
  );
}

import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { LeakTestResult, PressurePointResult } from '../../../common/calibration/calibration-record';
import type { CalibrationWizardView } from '../../../common/calibration/calibration-wizard';
import type { KioskApi } from '../../../common/ipc/contract';
import { formatNumber } from '../../components/format';
import { errorKey } from './calibration-errors';
import { downloadCertificate } from './download-certificate';

const signed = (n: number) => (n > 0 ? `+${n}` : String(n));

/** Every point (and the leak test) with its error and verdict, in words and signs, never colour alone. */
export function PointsTable({ points, leak }: { points: PressurePointResult[]; leak: LeakTestResult | null }) {
  const { t, i18n } = useTranslation();
  // The allowed drop is pro rata of the hold: 0,6 mmHg over a short one.
  const number = (value: number) => formatNumber(value, i18n.language, Number.isInteger(value) ? 0 : 1);
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
          <th>{t('calibration.table.device')}</th>
          <th>{t('calibration.table.error')}</th>
          <th>{t('calibration.table.verdict')}</th>
        </tr>
      </thead>
      <tbody>
        {points.map((p) => (
          <tr key={p.nominalMmHg}>
            <td>{p.nominalMmHg}</td>
            <td>{p.referenceMmHg}</td>
            <td>{p.deviceMmHg}</td>
            <td>
              {signed(p.errorMmHg)} (±{p.toleranceMmHg})
            </td>
            {verdict(p.passed)}
          </tr>
        ))}
        {leak && (
          <tr>
            <td>{t('calibration.table.leak')}</td>
            <td>
              {leak.startMmHg} → {leak.endMmHg}
            </td>
            <td>{t('calibration.table.held', { count: leak.heldSeconds })}</td>
            <td>
              {signed(-leak.dropMmHg)} (max {number(leak.maxDropMmHg)})
            </td>
            {verdict(leak.passed)}
          </tr>
        )}
      </tbody>
    </table>
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
      <PointsTable points={view.points} leak={view.leak.result} />
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

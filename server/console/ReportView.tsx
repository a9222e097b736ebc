import type { ConsultationReport } from '../../common/signaling/messages';
import type { Measurement } from '../../common/devices/measurement';
import { formatTime } from './format';
import { useT } from './i18n';
import { ReportExamination } from './ReportExamination';
import { ShareForm, type ShareFormProps } from './ShareForm';

export interface ReportViewProps {
  report: ConsultationReport;
  /** Opens the prescription PDF (fetched with the session token). */
  onOpenPdf(number: string): void;
  /** Shares this consultation with a colleague (by e-mail). */
  onShare: ShareFormProps['onShare'];
  onBack(): void;
}

function describe(m: Measurement): string {
  if (!m.valid) return `${m.kind} : non valide (${m.flags.join(', ')})`;
  if (m.kind === 'oximetry') return `SpO2 ${m.spo2 ?? '--'} % · pouls ${m.pulseRate ?? '--'} bpm`;
  if (m.kind === 'temperature') return `Température ${m.celsius?.toFixed(1) ?? '--'} °C`;
  return `Tension ${m.systolic ?? '--'}/${m.diastolic ?? '--'} mmHg`;
}

/** The consultation report after the call: vitals, examination, notes, prescription; printable. */
export function ReportView({ report, onOpenPdf, onShare, onBack }: ReportViewProps) {
  const t = useT();
  const rx = report.prescription;
  return (
    <article className="report" data-testid="report">
      <h2>{t('report.title')}</h2>
      <p>
        {report.doctor.name} (RPPS {report.doctor.rpps}) · {formatTime(report.acceptedAt)}–{formatTime(report.endedAt)}{' '}
        · {t('report.duration')} {Math.round(report.durationSeconds / 60)} min
      </p>
      <p>{report.reason}</p>
      <p>
        {t('report.identityVerified')} : {report.identityVerified ? t('report.yes') : t('report.no')}
      </p>
      <h3>{t('report.measurements')}</h3>
      <ul data-testid="report-measurements">
        {report.measurements.map((m) => (
          <li key={m.id}>
            {formatTime(m.takenAt)} — {describe(m)} — {m.modelName}, {t('vitals.calibration')}{' '}
            {t(`calibration.${m.calibration}`)}
          </li>
        ))}
      </ul>
      <ReportExamination consultationId={report.consultationId} />
      <h3>{t('call.notes')}</h3>
      <p className="notes" data-testid="report-notes">
        {report.notes || '—'}
      </p>
      <h3>{t('rx.title')}</h3>
      {rx ? (
        <>
          <p data-testid="report-rx-number">
            {t('report.number')} {rx.number}
          </p>
          <ol>
            {rx.lines.map((l, i) => (
              <li key={i}>
                <strong>{l.item}</strong> — {[l.dosage, l.duration, l.notes].filter(Boolean).join(' — ')}
              </li>
            ))}
          </ol>
          <button type="button" data-testid="report-pdf" onClick={() => onOpenPdf(rx.number)}>
            {t('report.pdf')}
          </button>{' '}
        </>
      ) : (
        <p>{t('rx.none')}</p>
      )}
      <ShareForm onShare={onShare} />
      <p className="no-print">
        <button type="button" data-testid="report-print" onClick={() => window.print()}>
          {t('report.print')}
        </button>{' '}
        <button type="button" data-testid="report-back" onClick={onBack}>
          {t('report.back')}
        </button>
      </p>
    </article>
  );
}

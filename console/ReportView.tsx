import type { ConsultationReport } from '../common/signaling/messages';
import type { Measurement } from '../common/devices/measurement';
import { formatTime, formatValue } from './format';
import { useLang, useT, type Lang, type Translate } from './i18n';
import { ReportExamination } from './ReportExamination';
import { ShareForm, type ShareFormProps } from './ShareForm';
import { DeliveriesPanel } from './DeliveriesPanel';
import type { DeliveriesApi } from './deliveries-api';
import { NOTE_SECTIONS, isEmptyNote } from '../common/signaling/messages';

export interface ReportViewProps {
  report: ConsultationReport;
  /** Opens the prescription PDF (fetched with the session token). */
  onOpenPdf(number: string): void;
  /** Shares this consultation with a colleague (by e-mail). */
  onShare: ShareFormProps['onShare'];
  /** The consultation's deliveries (e-prescription, report to the médecin traitant); absent: not shown. */
  deliveries?: DeliveriesApi;
  onBack(): void;
}

/** One measurement in words, in the console's language ("SpO2 98 % · pouls 72 bpm"). */
export function describeMeasurement(m: Measurement, t: Translate, lang: Lang): string {
  if (!m.valid) return t('report.invalid', { kind: t(`kind.${m.kind}`), flags: m.flags.join(', ') });
  if (m.kind === 'oximetry') return t('report.oximetry', { spo2: m.spo2 ?? '--', pulse: m.pulseRate ?? '--' });
  if (m.kind === 'temperature') return t('report.temperature', { celsius: formatValue(m.celsius, 1, lang) });
  return t('report.blood-pressure', { systolic: m.systolic ?? '--', diastolic: m.diastolic ?? '--' });
}

/** The consultation report after the call: vitals, examination, notes, prescription; printable. */
export function ReportView({ report, onOpenPdf, onShare, deliveries, onBack }: ReportViewProps) {
  const t = useT();
  const lang = useLang();
  return (
    <article className="report" data-testid="report">
      <h2>{t('report.title')}</h2>
      <dl className="facts">
        <dt>{t('report.doctorLabel')}</dt>
        <dd>
          {t('report.doctor', { name: report.doctor.name, rpps: report.doctor.rpps })} · {formatTime(report.acceptedAt)}
          –{formatTime(report.endedAt)}
        </dd>
        <dt>{t('report.duration')}</dt>
        <dd>{t('report.minutes', { count: Math.round(report.durationSeconds / 60) })}</dd>
        <dt>{t('report.reason')}</dt>
        <dd>{report.reason}</dd>
        <dt>{t('report.identityVerified')}</dt>
        <dd data-testid="report-identity-verified">{report.identityVerified ? t('report.yes') : t('report.no')}</dd>
      </dl>
      <h3>{t('report.measurements')}</h3>
      <ul data-testid="report-measurements">
        {report.measurements.map((m) => (
          <li key={m.id}>
            {formatTime(m.takenAt)} — {describeMeasurement(m, t, lang)} —{' '}
            {t('report.device', { model: m.modelName, calibration: t(`calibration.${m.calibration}`) })}
          </li>
        ))}
      </ul>
      <ReportExamination consultationId={report.consultationId} />
      <h3>{t('call.notes')}</h3>
      <ReportNotes report={report} />
      <h3>{t('rx.title')}</h3>
      <ReportPrescription prescription={report.prescription} onOpenPdf={onOpenPdf} />
      <ShareForm onShare={onShare} />
      {deliveries && <DeliveriesPanel api={deliveries} />}
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

/** The prescription's number and lines, and its PDF; or that there is none. */
function ReportPrescription({
  prescription: rx,
  onOpenPdf,
}: {
  prescription: ConsultationReport['prescription'];
  onOpenPdf(number: string): void;
}) {
  const t = useT();
  if (!rx) return <p>{t('rx.none')}</p>;
  return (
    <>
      <p data-testid="report-rx-number">
        {t('report.number')} {rx.number}
      </p>
      <ol>
        {rx.lines.map((l, i) => (
          <li key={i}>
            <strong>{[l.item, l.form].filter(Boolean).join(', ')}</strong> —{' '}
            {[l.dosage, l.duration, l.quantity, l.nonSubstitutable && t('rx.nsShort'), l.notes]
              .filter(Boolean)
              .join(' — ')}
          </li>
        ))}
      </ol>
      <button type="button" data-testid="report-pdf" onClick={() => onOpenPdf(rx.number)}>
        {t('report.pdf')}
      </button>
    </>
  );
}

/** The note by section, under the screen's language's headings; an older free-text note as it was. */
function ReportNotes({ report: { note, legacyNotes } }: { report: ConsultationReport }) {
  const t = useT();
  if (isEmptyNote(note))
    return (
      <p className="notes" data-testid="report-notes">
        {legacyNotes || '—'}
      </p>
    );
  return (
    <dl className="notes" data-testid="report-notes">
      {NOTE_SECTIONS.filter((s) => note[s] !== '').map((s) => (
        <div key={s} data-testid={`report-note-${s}`}>
          <dt>{t(`note.${s}`)}</dt>
          <dd>{note[s]}</dd>
        </div>
      ))}
    </dl>
  );
}

import { useTranslation } from 'react-i18next';
import { useFlow } from '../../app/flow-context';
import { MeasurementValues } from '../../components/MeasurementValues';
import { QrCode } from '../../components/QrCode';
import { IntentButton } from '../../components/IntentButton';
import { ScreenFrame } from '../../components/ScreenFrame';
import { PaymentSummary } from './PaymentSummary';
import { PrescriptionEmail } from './PrescriptionEmail';
import { PrescriptionPrint, printSentenceKey } from './PrescriptionPrint';
import { usePrintState } from './use-print-state';

/** After the call: measurements recorded, the prescription (number + QR, printed, e-mailed), what to pay. */
export function EndScreen() {
  const { t } = useTranslation();
  const { view, api } = useFlow();
  const rx = view.prescription;
  const print = usePrintState(api, rx?.number ?? null);
  // The spoken summary says of the paper only what the printer reported (use-print-state.ts).
  const spoken = rx ? `${t('end.spoken')} ${t(printSentenceKey(print.state))}` : t('end.spoken');
  return (
    <ScreenFrame name="end" text="end" cancel={false} spoken={spoken}>
      {view.recorded.length > 0 && (
        <section aria-labelledby="end-measures">
          <h2 id="end-measures">{t('end.measurements')}</h2>
          <ul data-testid="end-measurements">
            {view.recorded.map((m) => (
              <li key={m.id}>
                {t(`measure.kind.${m.kind}`)} : <MeasurementValues measurement={m} />
              </li>
            ))}
          </ul>
        </section>
      )}
      <section aria-labelledby="end-rx" data-testid="prescription">
        <h2 id="end-rx">{t('end.prescription')}</h2>
        {rx ? (
          <>
            <p>
              {t('end.rxNumber')} <strong data-testid="prescription-number">{rx.number}</strong>
            </p>
            <p>{t('end.doctor', { name: rx.doctor.name })}</p>
            <ul>
              {rx.lines.map((line, i) => (
                <li key={i}>
                  <strong>{line.item}</strong> — {line.dosage} {line.duration && `(${line.duration})`}
                </li>
              ))}
            </ul>
            <QrCode payload={rx.qrPayload} label={t('end.qr', { number: rx.number })} />
            <PrescriptionPrint state={print.state} onReprint={print.reprint} />
            <PrescriptionEmail api={api} accessCode={rx.accessCode} />
          </>
        ) : (
          <p>{t('end.noPrescription')}</p>
        )}
      </section>
      {/* One amount and why; the reimbursement rate shown before the call is folded into it. */}
      {view.payment && <PaymentSummary payment={view.payment} />}
      <IntentButton label={t('frame.continue')} className="primary" intention={{ type: 'FINISH' }} />
    </ScreenFrame>
  );
}

import { useTranslation } from 'react-i18next';
import type { PrintState, PrintStatus } from '../../../common/printing/print-state';

/** States where the patient must act: go to the counter (and may try again). */
const ACT: ReadonlySet<PrintStatus> = new Set(['no-paper', 'failed']);

/** The sentence for a print state; no state known yet is said as no printer (nothing promised). */
export function printSentenceKey(state: PrintState | null): string {
  const status = state?.status ?? 'unavailable';
  return `print.${status === 'idle' ? 'printing' : status}`;
}

/**
 * What the end screen says about the paper prescription: "printed" only once main saw the printer
 * complete the job; out of paper or a failure send the patient to the counter, with a reprint.
 */
export function PrescriptionPrint({ state, onReprint }: { state: PrintState | null; onReprint: (() => void) | null }) {
  const { t } = useTranslation();
  const status = state?.status ?? 'unavailable';
  const act = ACT.has(status);
  return (
    <div className="prescription-print" data-testid="print-state" data-print-status={status}>
      <p className={act ? 'act' : undefined} role={act ? 'alert' : 'status'}>
        {act && <span aria-hidden="true">⚠ </span>}
        {t(printSentenceKey(state))}
      </p>
      {act && onReprint && (
        <button type="button" className="huge-ish" data-testid="reprint" onClick={onReprint}>
          {t('print.reprint')}
        </button>
      )}
    </div>
  );
}

import { useTranslation } from 'react-i18next';
import type { AlertKind, KioskAlertState, KioskAlertView } from '../../common/pharmacy/alerts';

/** States where nobody is known to be coming: the patient must act (go to the counter, call 15/112). */
const ACT_YOURSELF: ReadonlySet<KioskAlertState> = new Set(['undelivered', 'unreachable', 'unanswered']);

/**
 * What the screen says about the call to the pharmacist: only what the platform confirmed
 * (common/pharmacy/alerts.ts). Without a confirmed state it says nobody could be told, so the
 * patient is never left waiting for someone who does not know. A state that asks the patient to act
 * is an alert (read at once), marked by its sign as well as its colour.
 */
export function PharmacistAlertNotice({
  kind,
  alert,
  className,
  testId,
}: {
  kind: AlertKind;
  alert: KioskAlertView | null;
  className: string;
  testId: string;
}) {
  const { t } = useTranslation();
  const state = alert?.state ?? 'undelivered';
  const act = ACT_YOURSELF.has(state);
  return (
    <p
      className={`${className}${act ? ' act' : ''}`}
      role={act ? 'alert' : 'status'}
      data-testid={testId}
      data-alert-state={state}
    >
      <span aria-hidden="true">{act ? '⚠ ' : '☎ '}</span>
      {t(`alert.${alert?.kind ?? kind}.${state}`)}
    </p>
  );
}

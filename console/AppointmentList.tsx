import { useEffect, useRef, useState } from 'react';
import type { AppointmentListItem, CancelReason } from '../common/routing/appointments';
import { cancelAppointment, cancelRestOfDay } from './appointments-api';
import { useT } from './i18n';

const REASONS: readonly CancelReason[] = ['unavailable', 'emergency'];
type Notice = 'appt.cancelledTold' | 'appt.cancelFailed' | 'appt.dayCancelled';
export const APPOINTMENT_TIME = new Intl.DateTimeFormat('fr-FR', {
  timeZone: 'Europe/Paris',
  weekday: 'short',
  day: 'numeric',
  month: 'short',
  hour: '2-digit',
  minute: '2-digit',
});

/**
 * The doctor's booked appointments (issue 17 item 1): each with its state; one still to come or
 * waiting can be cancelled with a reason the patient is told (at the kiosk, or by the reminder's
 * channel). A patient who lost their slot by coming late is said once, above the list.
 */
export function AppointmentList({ items, reload }: { items: AppointmentListItem[]; reload(): void }) {
  const t = useT();
  const [notice, setNotice] = useState<{ key: Notice; count?: number } | null>(null);
  const late = useNewlyMissed(items);
  const cancel = (id: string, reason: CancelReason) =>
    cancelAppointment(id, reason).then(
      () => (setNotice({ key: 'appt.cancelledTold' }), reload()),
      () => (setNotice({ key: 'appt.cancelFailed' }), reload()),
    );
  const cancelDay = (reason: CancelReason) =>
    cancelRestOfDay(reason).then(
      (count) => (setNotice({ key: 'appt.dayCancelled', count }), reload()),
      () => (setNotice({ key: 'appt.cancelFailed' }), reload()),
    );
  const live = items.some((a) => a.status === 'booked' || a.status === 'checked-in');
  return (
    <>
      {late.map((a) => (
        <p key={a.id} role="alert" className="appt-late" data-testid="appt-late-notice">
          {t('appt.lateNotice', { time: APPOINTMENT_TIME.format(new Date(a.startsAt)) })}
        </p>
      ))}
      {notice && (
        <p role="status" data-testid="appt-cancel-notice">
          {t(notice.key, { count: notice.count ?? 0 })}
        </p>
      )}
      {items.length === 0 && <p>{t('appt.none')}</p>}
      <ul className="appt-list">
        {items.map((a) => (
          <li key={a.id} data-testid="appt-item" data-status={a.status}>
            {APPOINTMENT_TIME.format(new Date(a.startsAt))} — {statusText(t, a)}{' '}
            {(a.status === 'booked' || a.status === 'checked-in') && (
              <CancelControl onCancel={(reason) => void cancel(a.id, reason)} />
            )}
          </li>
        ))}
      </ul>
      {live && (
        <p className="appt-cancel-day" data-testid="appt-cancel-day">
          {t('appt.cancelDay')}{' '}
          <CancelControl onCancel={(reason) => void cancelDay(reason)} confirm={t('appt.confirmCancelDay')} />
        </p>
      )}
    </>
  );
}

function statusText(t: ReturnType<typeof useT>, a: AppointmentListItem): string {
  return a.status === 'cancelled' && a.cancelReason
    ? t('appt.cancelled.reason', { reason: t(`appt.reason.${a.cancelReason}`) })
    : t(`appt.status.${a.status}`);
}

/** A reason and the cancel button; with `confirm`, a first press asks to press again (a whole day). */
function CancelControl({ onCancel, confirm }: { onCancel(reason: CancelReason): void; confirm?: string }) {
  const t = useT();
  const [reason, setReason] = useState<CancelReason>('unavailable');
  const [armed, setArmed] = useState(false);
  const press = () => (confirm && !armed ? setArmed(true) : (setArmed(false), onCancel(reason)));
  return (
    <span className="appt-cancel">
      <label>
        <span className="sr-only">{t('appt.cancelReason')}</span>
        <select
          data-testid="appt-cancel-reason"
          title={t('appt.cancelReason')}
          value={reason}
          onChange={(e) => setReason(e.target.value as CancelReason)}
        >
          {REASONS.map((r) => (
            <option key={r} value={r}>
              {t(`appt.reason.${r}`)}
            </option>
          ))}
        </select>
      </label>{' '}
      <button type="button" data-testid="appt-cancel" onClick={press}>
        {armed && confirm ? confirm : t('appt.cancel')}
      </button>
    </span>
  );
}

/** The appointments that became `missed` since the list was first seen (the doctor is told once each). */
function useNewlyMissed(items: AppointmentListItem[]): AppointmentListItem[] {
  const seen = useRef<Set<string> | null>(null);
  const [late, setLate] = useState<AppointmentListItem[]>([]);
  useEffect(() => {
    const missed = items.filter((a) => a.status === 'missed');
    if (seen.current === null) {
      seen.current = new Set(missed.map((a) => a.id));
      return;
    }
    const fresh = missed.filter((a) => !seen.current!.has(a.id));
    fresh.forEach((a) => seen.current!.add(a.id));
    if (fresh.length > 0) setLate((before) => [...before, ...fresh]);
  }, [items]);
  return late;
}

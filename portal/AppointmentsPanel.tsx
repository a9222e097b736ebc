import { useCallback, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { PharmacyDay } from '../common/routing/appointments';
import type { AppointmentsClient } from './appointments-client';
import { CounterBookingForm } from './CounterBookingForm';
import './appointments.css';

/** The day is read again this often: a patient checking in or losing a slot shows within 30 s. */
export const DAY_REFRESH_MS = 30_000;

/** Today in France, YYYY-MM-DD (the cabins' days are French calendar days). */
export function parisToday(now = new Date()): string {
  return new Intl.DateTimeFormat('sv-SE', { timeZone: 'Europe/Paris' }).format(now);
}

/** HH:MM in France, in the portal's language. */
export function parisTime(iso: string, language: string): string {
  return new Intl.DateTimeFormat(language, { timeZone: 'Europe/Paris', hour: '2-digit', minute: '2-digit' }).format(
    new Date(iso),
  );
}

/**
 * "Rendez-vous du jour" (issue 17 item 5): each cabin's appointments today in time order, with the
 * doctor and where the patient is (booked, arrived, late and the slot lost, cancelled), and the
 * counter's booking form. No reason, no identity: the portal holds no medical data.
 */
export function AppointmentsPanel({ client }: { client: AppointmentsClient }) {
  const { t } = useTranslation();
  const [day, setDay] = useState<PharmacyDay | null>(null);
  const [unreachable, setUnreachable] = useState(false);

  const read = useCallback(() => {
    client.day(parisToday()).then(
      (answer) => {
        setDay(answer);
        setUnreachable(false);
      },
      () => setUnreachable(true),
    );
  }, [client]);

  useEffect(() => {
    read();
    const timer = setInterval(read, DAY_REFRESH_MS);
    return () => clearInterval(timer);
  }, [read]);

  return (
    <section className="appointments" aria-labelledby="appointments-title" data-testid="appointments">
      <div className="appointments-head">
        <h2 id="appointments-title">{t('appointments.title')}</h2>
        <button type="button" className="touch" data-testid="appointments-refresh" onClick={read}>
          {t('appointments.refresh')}
        </button>
      </div>
      {unreachable && (
        <p role="alert" className="appointments-error" data-testid="appointments-unreachable">
          {t('appointments.unreachable')}
        </p>
      )}
      <div className="appointments-body">
        <div className="appointments-day">
          {day?.cabins.map((cabin) => (
            <CabinDay key={cabin.kioskId} cabin={cabin} />
          ))}
        </div>
        {day && day.cabins.length > 0 && <CounterBookingForm client={client} cabins={day.cabins} onBooked={read} />}
      </div>
    </section>
  );
}

/** One cabin's appointments today, in time order: the time, the doctor, where the patient is. */
function CabinDay({ cabin }: { cabin: PharmacyDay['cabins'][number] }) {
  const { t, i18n } = useTranslation();
  const sorted = [...cabin.appointments].sort((a, b) => a.startsAt.localeCompare(b.startsAt));
  return (
    <div className="appointments-cabin" data-testid="appointments-cabin" data-kiosk-id={cabin.kioskId}>
      <h3>{cabin.label}</h3>
      {sorted.length === 0 ? (
        <p>{t('appointments.none')}</p>
      ) : (
        <ol>
          {sorted.map((a) => (
            <li key={a.id} data-testid="appointment" data-status={a.status}>
              <span className="appointment-time">{parisTime(a.startsAt, i18n.language)}</span>{' '}
              <span>{a.doctorName}</span>{' '}
              <span className={`appointment-status ${a.status}`}>{t(`appointments.status.${a.status}`)}</span>
              {a.status === 'cancelled' && a.cancelReason && (
                <span data-testid="appointment-cancel-reason">
                  {' '}
                  — {t(`appointments.cancelReason.${a.cancelReason}`)}
                  {/* A counter or phone booking left no contact: the pharmacy tells the patient. */}
                  {a.bookedBy === 'pharmacist' && ` ${t('appointments.tellPatient')}`}
                </span>
              )}
            </li>
          ))}
        </ol>
      )}
    </div>
  );
}

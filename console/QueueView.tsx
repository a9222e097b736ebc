import type { QueueItem } from '../common/signaling/messages';
import { formatWaiting, specialtyLabel } from './format';
import { useT } from './i18n';
import type { Duty } from './use-doctor-session';
import { useShortcuts } from './use-shortcuts';

export interface QueueViewProps {
  /** The patients this doctor may take (the platform filters by specialty and territory). */
  entries: QueueItem[];
  /** Doctors on duty on the platform. */
  doctorsOnDuty: number;
  /** The doctor's specialties and territories, and whether they are on duty. */
  duty: Duty;
  /** The last on/off duty change did not go through. */
  dutyFailed?: boolean;
  /** Current time in ms (the parent ticks it every second so waiting times run live). */
  now: number;
  onAccept(consultationId: string): void;
  /** Disables the accept buttons while an accept is under way. */
  busy?: boolean;
  /** A message above the list (e.g. "already taken by a colleague"). */
  notice?: string | null;
}

/** The waiting patients this doctor may take, longest-waiting first as the platform orders them. */
export function QueueView({
  entries,
  doctorsOnDuty,
  duty,
  dutyFailed = false,
  now,
  onAccept,
  busy = false,
  notice = null,
}: QueueViewProps) {
  const t = useT();
  useShortcuts({
    // The longest-waiting patient whose kiosk is still there (the platform orders the list).
    'accept-next': () => {
      const next = entries.find((entry) => entry.kioskConnected);
      if (next && !busy) onAccept(next.consultationId);
    },
  });
  return (
    <section className="queue" aria-labelledby="queue-title">
      <QueueHeading doctorsOnDuty={doctorsOnDuty} duty={duty} />
      {dutyFailed && (
        <p role="alert" className="notice">
          {t('duty.failed')}
        </p>
      )}
      {notice && (
        <p role="alert" className="notice">
          {notice}
        </p>
      )}
      {entries.length === 0 ? (
        <p data-testid="queue-empty">{t('queue.empty')}</p>
      ) : (
        <table>
          <thead>
            <tr>
              <th>#</th>
              <th>{t('queue.waiting')}</th>
              <th>{t('queue.patient')}</th>
              <th>{t('queue.specialty')}</th>
              <th>{t('queue.place')}</th>
              <th>{t('queue.reason')}</th>
              <th>
                <span className="sr-only">{t('queue.action')}</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {entries.map((entry) => (
              <QueueRow key={entry.consultationId} entry={entry} now={now} busy={busy} onAccept={onAccept} />
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}

/** The title, whose patients the doctor may take, and their duty in words (the toggle is in the header). */
function QueueHeading({ doctorsOnDuty, duty }: Pick<QueueViewProps, 'doctorsOnDuty' | 'duty'>) {
  const t = useT();
  return (
    <>
      <h2 id="queue-title">
        {t('queue.title')}{' '}
        <small>
          · {doctorsOnDuty} {t('queue.doctorsOnDuty')}
        </small>
      </h2>
      {duty.scope ? (
        <p data-testid="doctor-scope">
          {t('queue.scope')} {duty.scope.specialties.map((s) => specialtyLabel(s, t)).join(', ')} —{' '}
          {t('queue.territories')} {duty.scope.territories.join(', ')}
        </p>
      ) : (
        <p data-testid="doctor-scope" className="warn">
          {t('queue.noScope')}
        </p>
      )}
      <p data-testid="duty-status" className={duty.onDuty ? 'ok' : 'warn'}>
        {t(duty.onDuty ? 'duty.isOn' : 'duty.isOff')}
      </p>
    </>
  );
}

/**
 * One waiting patient: waiting time (live), age and sex (never the name: that comes with accept),
 * specialty, pharmacy and town (with the département), reason, and the accept button.
 */
function QueueRow({
  entry,
  now,
  busy,
  onAccept,
}: {
  entry: QueueItem;
  now: number;
  busy: boolean;
  onAccept(consultationId: string): void;
}) {
  const t = useT();
  return (
    <tr data-testid="queue-row" data-consultation-id={entry.consultationId}>
      <td>{entry.position}</td>
      <td data-testid="queue-waiting">{formatWaiting(entry.waitingSince, now)}</td>
      <td>
        <span data-testid="queue-age">
          {entry.ageYears} {t('queue.years')}
        </span>
        {entry.sex && <span data-testid="queue-sex"> · {t(entry.sex === 'F' ? 'queue.sex.F' : 'queue.sex.M')}</span>}
      </td>
      <td data-testid="queue-specialty">{specialtyLabel(entry.specialty, t)}</td>
      <td data-testid="queue-place">
        <PlaceOf entry={entry} />
      </td>
      <td data-testid="queue-reason">
        {entry.appointmentAt && (
          <strong data-testid="queue-appointment">
            {t('appt.booked')}{' '}
            {new Date(entry.appointmentAt).toLocaleTimeString('fr-FR', {
              timeZone: 'Europe/Paris',
              hour: '2-digit',
              minute: '2-digit',
            })}{' '}
            ·{' '}
          </strong>
        )}
        {entry.reason}
        {!entry.kioskConnected && <span className="warn"> ({t('queue.disconnected')})</span>}
      </td>
      <td>
        <button type="button" data-testid="queue-accept" disabled={busy} onClick={() => onAccept(entry.consultationId)}>
          {t('queue.accept')}
        </button>
      </td>
    </tr>
  );
}

/** The pharmacy and its town as the platform's directory names them, then the département. */
function PlaceOf({ entry }: { entry: QueueItem }) {
  const t = useT();
  return (
    <>
      {entry.pharmacy ? (
        <span data-testid="queue-pharmacy">{entry.pharmacy}</span>
      ) : (
        <span className="muted">{t('queue.noPharmacy')}</span>
      )}
      {entry.town && <span data-testid="queue-town">, {entry.town}</span>}{' '}
      <span className="muted">
        (<span data-testid="queue-territory">{entry.territory}</span>)
      </span>
    </>
  );
}

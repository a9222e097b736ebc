import { useTranslation } from 'react-i18next';
import type { FlowView } from '../../../common/flow/flow-view';
import { useFlow } from '../../app/flow-context';
import { IntentButton } from '../../components/IntentButton';
import { ScreenFrame } from '../../components/ScreenFrame';
import { useDeviceStatuses } from '../../components/use-device-statuses';
import { CallVideo } from '../../streaming/CallVideo';
import { useCall } from '../../streaming/use-call';
import { QueueStatus, spokenWait } from './QueueStatus';
import { slotTime } from '../../../common/routing/slot-time';
import { StepAwayPanel } from './StepAwayPanel';

/** The waiting room: honest position and wait, self-view and mic check, device readiness, leave. */
export function WaitingScreen() {
  const { t, i18n } = useTranslation();
  const { view, api } = useFlow();
  const booked = view.appointment.checkedIn;
  const ended = view.appointment.ended;
  // No api (screen tests): the call stays idle; the kiosk's own api is used otherwise.
  const call = useCall({ active: api !== null, kiosk: api ?? undefined });
  const devices = useDeviceStatuses(api).filter((d) => d.kind !== 'card-reader');
  const queue = view.queue;
  const specialty = view.reason.specialty;
  return (
    <ScreenFrame name="waiting" text="waiting" cancel={false} spoken={spokenWait(t, queue, specialty)}>
      {/* No "looking for a doctor" once the call could not even start: the error below says what to do. */}
      {call.resumedTicket !== null && (
        <p className="lead" data-testid="resumed-ticket">
          {t('waiting.resumedTicket', { ticket: call.resumedTicket })}
        </p>
      )}
      {/* A booked patient waits for their doctor at the slot's time: the live queue's estimate is not theirs. */}
      {booked && (
        <p className="lead" data-testid="waiting-appointment">
          {t('waiting.appointment', { time: slotTime(booked.startsAt, i18n.language), doctor: booked.doctorName })}
        </p>
      )}
      {ended && <BookingEndedNotice ended={ended} />}
      {!booked && (queue || call.state !== 'failed') && <QueueStatus queue={queue} specialty={specialty} />}
      <section className="self-view" aria-labelledby="self-view-heading">
        <h2 id="self-view-heading">{t('waiting.selfView')}</h2>
        <CallVideo stream={call.localStream} muted className="video self" aria-label={t('consultation.you')} />
        {call.state !== 'failed' && <p>{call.localStream ? t('waiting.cameraOk') : t('waiting.cameraStarting')}</p>}
        {call.error && (
          <p className="error" role="alert">
            <span aria-hidden="true">⚠ </span>
            {t(call.error === 'service-unreachable' ? 'waiting.serviceUnreachable' : 'waiting.callError')}
          </p>
        )}
      </section>
      {devices.length > 0 && (
        <ul className="devices" aria-label={t('waiting.devices')}>
          {devices.map((d) => (
            <li key={d.deviceId}>
              <span aria-hidden="true">{d.state === 'connected' ? '✔ ' : '⚠ '}</span>
              {t(`waiting.kind.${d.kind}`)} — {t(`waiting.state.${d.state}`)}
            </li>
          ))}
        </ul>
      )}
      {/* Only once the platform has the patient in its queue: there is a place to keep. */}
      {call.state === 'waiting' && <StepAwayPanel prefill={view.contact.phone} stepAway={call.stepAway} />}
      <IntentButton label={t('waiting.leave')} intention={{ type: 'LEAVE_QUEUE' }} />
    </ScreenFrame>
  );
}

/** The booked doctor is not coming (cancelled, or gone): said once, above the live queue's wait. */
function BookingEndedNotice({ ended }: { ended: NonNullable<FlowView['appointment']['ended']> }) {
  const { t, i18n } = useTranslation();
  const time = slotTime(ended.startsAt, i18n.language);
  return (
    <p className="lead" role="alert" data-testid="waiting-booking-ended" data-cause={ended.why.cause}>
      {ended.why.cause === 'cancelled'
        ? t('waiting.bookingEnded.cancelled', { time, reason: t(`appointments.cancelReason.${ended.why.reason}`) })
        : t('waiting.bookingEnded.doctorGone', { time })}
    </p>
  );
}

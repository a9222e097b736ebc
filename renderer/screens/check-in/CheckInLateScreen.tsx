import { useTranslation } from 'react-i18next';
import { useFlow } from '../../app/flow-context';
import { IntentButton } from '../../components/IntentButton';
import { ScreenFrame } from '../../components/ScreenFrame';
import { slotTime } from '../../../common/routing/slot-time';

/**
 * More than 10 minutes late (issue 17): the slot is lost (the doctor is told), and the live queue is
 * offered with its true wait now — or "no doctor on duty", never a number without a doctor. A ticket
 * the doctor cancelled comes here too, the cancellation and its reason said instead.
 */
export function CheckInLateScreen() {
  const { t, i18n } = useTranslation();
  const { view } = useFlow();
  const late = view.appointment.late;
  const time = late?.startsAt ? slotTime(late.startsAt, i18n.language) : '';
  // The same next best choice when the doctor cancelled: said as a cancellation, with the reason.
  const cancelled = late?.cancelReason;
  return (
    <ScreenFrame name="check-in-late" text={cancelled ? 'checkInCancelled' : 'checkInLate'}>
      {late && (
        <>
          <p className="lead" data-testid="late-lost" data-cancelled={cancelled ?? undefined}>
            {cancelled
              ? t('checkInCancelled.body', { time, reason: t(`appointments.cancelReason.${cancelled}`) })
              : t('checkInLate.lost', { time })}
          </p>
          <p data-testid="late-estimate">
            {late.now.kind === 'estimate' ? t('when.nowEstimate', { minutes: late.now.minutes }) : t('when.noDoctor')}
          </p>
        </>
      )}
      <div className="button-row">
        <IntentButton label={t('checkInLate.leave')} intention={{ type: 'FINISH' }} />
        <IntentButton label={t('checkInLate.otherSlot')} intention={{ type: 'CHECK_IN_OTHER_SLOT' }} />
        <IntentButton label={t('checkInLate.join')} className="primary" intention={{ type: 'JOIN_LIVE_QUEUE' }} />
      </div>
    </ScreenFrame>
  );
}

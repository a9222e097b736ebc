import { useTranslation } from 'react-i18next';
import { useFlow } from '../../app/flow-context';
import { IntentButton } from '../../components/IntentButton';
import { QrCode } from '../../components/QrCode';
import { ScreenFrame } from '../../components/ScreenFrame';
import { slotTime } from '../when/slot-time';

/**
 * The booking's ticket (issue 17): the time, the doctor, and the QR code to show at the camera on
 * the day. Printing the ticket is not wired yet: the screen says it is shown here only, so the
 * patient takes a photo of it (the Carte Vitale finds the booking too).
 */
export function BookedScreen() {
  const { t, i18n } = useTranslation();
  const { view } = useFlow();
  const ticket = view.appointment.ticket;
  return (
    <ScreenFrame name="booked" text="booked" cancel={false}>
      {ticket && (
        <>
          <p className="lead" data-testid="booked-time">
            {t('booked.when', { time: slotTime(ticket.startsAt, i18n.language), doctor: ticket.doctorName })}
          </p>
          <div data-testid="booked-qr" data-token={ticket.token}>
            <QrCode payload={ticket.token} label={t('booked.qrLabel')} />
          </div>
          <p data-testid="booked-on-screen">{t('booked.onScreen')}</p>
          <p>{t('booked.arrive')}</p>
          {ticket.reminder !== 'not-asked' && (
            <p data-testid="booked-reminder">{t(`booked.reminder.${ticket.reminder}`)}</p>
          )}
        </>
      )}
      <IntentButton label={t('booked.done')} className="primary" intention={{ type: 'FINISH' }} />
    </ScreenFrame>
  );
}

import { useTranslation } from 'react-i18next';
import { useFlow } from '../../app/flow-context';
import { IntentButton } from '../../components/IntentButton';
import { QrCode } from '../../components/QrCode';
import { ScreenFrame } from '../../components/ScreenFrame';
import { slotTime } from '../../../common/routing/slot-time';

/**
 * The booking's ticket (issue 17): the time, the doctor, the QR code to show at the camera on the
 * day and the short code to type without it. The ticket goes to the cabin's printer: the screen
 * says "printed" only once the printer finished the job; otherwise (no paper, a failure, no
 * printer) it says to photograph the screen or ask the pharmacist. Spoken as it changes.
 */
export function BookedScreen() {
  const { t, i18n } = useTranslation();
  const { view } = useFlow();
  const ticket = view.appointment.ticket;
  const printed = ticket ? t(`booked.print.${ticket.print}`) : '';
  const contact = [view.contact.email, view.contact.phone].filter((c) => c !== null).join(' · ');
  return (
    <ScreenFrame name="booked" text="booked" cancel={false} spoken={`${t('booked.spoken')} ${printed}`}>
      {ticket && (
        <>
          <p className="lead" data-testid="booked-time">
            {t('booked.when', { time: slotTime(ticket.startsAt, i18n.language), doctor: ticket.doctorName })}
          </p>
          <p role="status" className="lead" data-testid="booked-print" data-print={ticket.print}>
            {printed}
          </p>
          <div data-testid="booked-qr" data-token={ticket.token}>
            <QrCode payload={ticket.token} label={t('booked.qrLabel')} />
          </div>
          <p className="lead" data-testid="booked-code" data-code={ticket.code}>
            {t('booked.code', { code: `${ticket.code.slice(0, 3)} ${ticket.code.slice(3)}` })}
          </p>
          <p>{t('booked.codeHint')}</p>
          <p>{t('booked.arrive')}</p>
          {ticket.reminder !== 'not-asked' && (
            <p data-testid="booked-reminder" data-reminder={ticket.reminder}>
              {t(`booked.reminder.${ticket.reminder}`, { to: contact })}
            </p>
          )}
        </>
      )}
      <IntentButton label={t('booked.done')} className="primary" intention={{ type: 'FINISH' }} />
    </ScreenFrame>
  );
}

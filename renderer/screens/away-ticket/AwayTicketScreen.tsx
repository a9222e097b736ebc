import { useTranslation } from 'react-i18next';
import { awayTicketPromises, type SteppedAway } from '../../../common/flow/stepped-away';
import { useFlow } from '../../app/flow-context';
import { IntentButton } from '../../components/IntentButton';
import { ScreenFrame } from '../../components/ScreenFrame';

/**
 * The patient left keeping their place: the ticket, large, and what will happen — only what the
 * platform answered (common/flow/stepped-away.ts): "the pharmacist will call you" only when a
 * portal of the pharmacy was open, "by phone" only when a number was given; otherwise "come back
 * to the counter and ask".
 */
export function AwayTicketScreen() {
  const { t } = useTranslation();
  const { view } = useFlow();
  // The step is entered only with the platform's answer (STEPPED_AWAY), so `away` is set.
  const away = view.away;
  return (
    <ScreenFrame name="away-ticket" text="awayTicket" cancel={false} spoken={away ? spokenOf(t, away) : undefined}>
      {away && <TicketAndPromises away={away} />}
      <IntentButton label={t('awayTicket.done')} className="primary" intention={{ type: 'FINISH' }} />
    </ScreenFrame>
  );
}

type T = ReturnType<typeof useTranslation>['t'];

function sentencesOf(t: T, away: SteppedAway): string[] {
  return awayTicketPromises(away).map((key) => t(`awayTicket.${key}`, { minutes: away.holdMinutes }));
}

function spokenOf(t: T, away: SteppedAway): string {
  return [t('awayTicket.number', { ticket: away.ticket }), ...sentencesOf(t, away)].join(' ');
}

function TicketAndPromises({ away }: { away: SteppedAway }) {
  const { t } = useTranslation();
  return (
    <>
      <p
        className="ticket"
        data-testid="away-ticket-number"
        aria-label={t('awayTicket.number', { ticket: away.ticket })}
      >
        {away.ticket}
      </p>
      <ul className="promises" data-testid="away-ticket-promises">
        {sentencesOf(t, away).map((sentence) => (
          <li key={sentence}>{sentence}</li>
        ))}
      </ul>
    </>
  );
}

import { useEffect, useRef, useState } from 'react';
import type { QueueItem } from '../common/signaling/messages';
import { specialtyLabel } from './format';
import { useT, type MessageKey } from './i18n';
import { newArrivals, type AlertsState, type ArrivalAlerts } from './queue-arrival';

/** What the doctor reads about the alerts: the sound first, then the notifications. */
function stateKeys(state: AlertsState): MessageKey[] {
  const keys: MessageKey[] = [];
  if (state.sound === 'blocked') keys.push('arrival.soundBlocked');
  if (state.sound === 'none') keys.push('arrival.noSound');
  if (state.notifications === 'denied') keys.push('arrival.denied');
  if (state.notifications === 'unsupported') keys.push('arrival.unsupported');
  if (state.notifications === 'default') keys.push('arrival.ask');
  if (state.sound === 'on' && state.notifications === 'granted') keys.push('arrival.on');
  return keys;
}

/**
 * On the queue screen: a chime and a notification for each patient who arrives after the screen
 * opened (those already waiting are on screen), the button that lets the browser play and notify,
 * and what the browser allows, in words (a refused permission is said, not hidden).
 */
export function ArrivalAlertsPanel({ entries, alerts }: { entries: readonly QueueItem[]; alerts: ArrivalAlerts }) {
  const t = useT();
  const [state, setState] = useState(() => alerts.state());
  const [announced, setAnnounced] = useState(0);
  const seen = useRef<Set<string> | null>(null);

  useEffect(() => {
    const ids = new Set(entries.map((e) => e.consultationId));
    if (seen.current) {
      const arrivals = newArrivals(seen.current, entries);
      const text = (item: QueueItem) => ({
        title: t('arrival.title'),
        body: t('arrival.body', { specialty: specialtyLabel(item.specialty, t), age: item.ageYears }),
      });
      if (arrivals.length > 0) {
        alerts.announce(arrivals, text);
        setAnnounced(arrivals.length);
      }
    }
    seen.current = ids;
  }, [entries, alerts, t]);

  const needsClick = state.sound === 'blocked' || state.notifications === 'default';
  return (
    <section
      className="arrival-alerts"
      data-testid="arrival-alerts"
      data-sound={state.sound}
      data-notifications={state.notifications}
    >
      {needsClick && (
        <button type="button" data-testid="arrival-enable" onClick={() => void alerts.enable(setState)}>
          {t('arrival.enable')}
        </button>
      )}
      {stateKeys(state).map((key) => (
        <p key={key} className={key === 'arrival.on' ? 'meta' : 'warn'} data-testid={key.replace('.', '-')}>
          {t(key)}
        </p>
      ))}
      <p className="sr-only" role="status" data-testid="arrival-announced">
        {announced > 0 ? t('arrival.announced', { count: announced }) : ''}
      </p>
    </section>
  );
}

import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useFlow } from '../../app/flow-context';
import { formatBirthDate } from '../identity-confirm/IdentityConfirmScreen';

type Lookup = 'idle' | 'checking' | 'unreachable';

/**
 * The Carte Vitale at check-in (issue 17 item 3): a one-person card is looked up at once; a card
 * carrying several people asks who has the appointment (one large button each). Main takes the
 * number from the card it read; this only says which of the card's people is here. A card whose
 * holder has no booking goes on as a walk-in (the flow's doing).
 */
export function CheckInCard() {
  const { t, i18n } = useTranslation();
  const { view, api } = useFlow();
  const { card, identity, beneficiaries } = view.identification;
  const refusal = view.appointment.refusal;
  const [lookup, setLookup] = useState<Lookup>('idle');
  const asked = useRef<string | null>(null);

  const ask = (holder: number | null) => {
    if (!api) return;
    setLookup('checking');
    api.checkInAppointment({ card: holder }).then(
      () => setLookup('idle'),
      () => setLookup('unreachable'),
    );
  };

  // "Try again" clears the refusal: the card still in the reader is asked about again.
  useEffect(() => {
    if (refusal === null && lookup === 'idle') asked.current = null;
  }, [refusal, lookup]);
  useEffect(() => {
    if (beneficiaries || !identity || asked.current === identity.nir) return;
    asked.current = identity.nir;
    ask(null);
  }, [identity?.nir, beneficiaries]);

  if (beneficiaries && beneficiaries.beneficiaries.length > 0)
    return (
      <section className="check-in-card" data-testid="check-in-card" data-state={lookup}>
        <p className="lead">{t('checkIn.card.who')}</p>
        <ul className="beneficiaries">
          {beneficiaries.beneficiaries.map((person, index) => (
            <li key={`${person.nir}-${index}`}>
              <button type="button" className="huge" disabled={lookup === 'checking'} onClick={() => ask(index)}>
                {t('choose.person', {
                  firstName: person.firstName,
                  lastName: person.lastName,
                  birthDate: formatBirthDate(person.birthDate, i18n.language),
                })}
              </button>
            </li>
          ))}
        </ul>
        {lookup !== 'idle' && <p role="status">{t(`checkIn.card.${lookup}`)}</p>}
      </section>
    );
  const error = card?.state === 'error' && card.error ? card.error : null;
  return (
    <section className="check-in-card" data-testid="check-in-card" data-state={lookup}>
      <p role="status">
        {error
          ? t(`card.error.${error}`)
          : identity
            ? t(`checkIn.card.${lookup === 'idle' ? 'read' : lookup}`)
            : t('checkIn.card.insert')}
      </p>
    </section>
  );
}

import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { AppointmentChoices } from '../../../common/routing/appointments';
import { KeyboardField } from '../../components/KeyboardField';
import { OnScreenKeyboard } from '../../components/OnScreenKeyboard';

/**
 * "My own doctor": the care-pathway questions say whether there is a médecin traitant, not who;
 * the patient types the RPPS (on any of their prescriptions) and the platform says whether that
 * doctor consults here and has slots.
 */
export function OwnDoctor({
  choices,
  search,
  slotButton,
}: {
  choices: AppointmentChoices | null;
  search: (rpps: string) => void;
  slotButton: (slot: AppointmentChoices['slots'][number]) => React.JSX.Element;
}) {
  const { t } = useTranslation();
  const [rpps, setRpps] = useState('');
  const [searched, setSearched] = useState(false);
  const own = choices?.ownDoctor ?? null;
  return (
    <section aria-labelledby="when-own" className="when-own">
      <h2 id="when-own">{t('when.ownTitle')}</h2>
      <KeyboardField id="when-rpps" label={t('when.rpps')} value={rpps} active onSelect={() => {}} error={null} />
      <OnScreenKeyboard
        layout="digits"
        onKey={(c) => setRpps((v) => (v + c).replace(/\D/g, '').slice(0, 11))}
        onBackspace={() => setRpps((v) => v.slice(0, -1))}
      />
      <button
        type="button"
        data-testid="when-own-search"
        disabled={rpps.length !== 11}
        onClick={() => (setSearched(true), search(rpps))}
      >
        {t('when.ownSearch')}
      </button>
      {searched && choices && own === null && <p data-testid="when-own-unknown">{t('when.ownUnknown')}</p>}
      {own && (
        <>
          <p data-testid="when-own-doctor">
            {own.slots.length > 0
              ? t('when.ownSlots', { doctor: own.name })
              : t('when.ownNoSlot', { doctor: own.name })}
          </p>
          <ul className="slot-list">{own.slots.map(slotButton)}</ul>
        </>
      )}
    </section>
  );
}

import { useCallback, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { AppointmentChoices, AppointmentRefusal, SlotOffer } from '../../../common/routing/appointments';
import type { KioskApi } from '../../../common/ipc/contract';
import { useFlow } from '../../app/flow-context';
import { OwnDoctor } from './OwnDoctor';
import { ScreenFrame } from '../../components/ScreenFrame';
import { slotTime } from '../../../common/routing/slot-time';

type Load = { kind: 'loading' } | { kind: 'failed' } | { kind: 'ready'; choices: AppointmentChoices };

/**
 * After the reason (issue 17): three honest choices, each with its time — now (the live queue's
 * estimate, or "no doctor on duty"), a time slot of the next 7 days that fits the cabin, and the
 * patient's own doctor when the RPPS typed is a doctor of the platform with a slot. Booking is
 * main's (the platform answers; the flow then shows the ticket).
 */
export function WhenScreen() {
  const { t, i18n } = useTranslation();
  const { view, api } = useFlow();
  const contact = [view.contact.email, view.contact.phone].filter((c): c is string => c !== null).join(' · ');
  const [remind, setRemind] = useState(contact !== '');
  const { load, refusal, busy, fetchChoices, book } = useChoices(api, remind);

  const slotButton = (slot: SlotOffer) => (
    <li key={`${slot.doctorId}-${slot.startsAt}`}>
      <button type="button" data-testid="slot" disabled={busy} onClick={() => book(slot)}>
        {t('when.slot', { time: slotTime(slot.startsAt, i18n.language), doctor: slot.doctorName })}
      </button>
    </li>
  );

  return (
    <ScreenFrame name="when" text="when" back>
      {load.kind === 'loading' && <p role="status">{t('when.loading')}</p>}
      {load.kind === 'failed' && (
        <p role="alert" data-testid="when-failed">
          {t('when.failed')}
        </p>
      )}
      <NowChoice load={load} />
      <section aria-labelledby="when-slot" className="when-slots">
        <h2 id="when-slot">{t('when.slotTitle')}</h2>
        {refusal && (
          <p role="alert" data-testid="when-refusal">
            {t(`appointments.refusal.${refusal}`)}
          </p>
        )}
        {load.kind === 'ready' && load.choices.slots.length === 0 && <p>{t('when.noSlot')}</p>}
        <ul className="slot-list">{load.kind === 'ready' && load.choices.slots.map(slotButton)}</ul>
        {contact !== '' && (
          <label className="remind" data-testid="when-remind">
            <input type="checkbox" checked={remind} onChange={(e) => setRemind(e.target.checked)} />{' '}
            {t('when.remind', { to: contact })}
          </label>
        )}
      </section>
      <OwnDoctor choices={load.kind === 'ready' ? load.choices : null} search={fetchChoices} slotButton={slotButton} />
    </ScreenFrame>
  );
}

/** "Now": the live queue's estimate for this specialty and territory, or no doctor on duty. */
function NowChoice({ load }: { load: Load }) {
  const { t } = useTranslation();
  const { send } = useFlow();
  return (
    <section aria-labelledby="when-now" className="when-now">
      <h2 id="when-now">{t('when.nowTitle')}</h2>
      <p data-testid="when-now-time">
        {load.kind !== 'ready'
          ? t('when.unknown')
          : load.choices.now.kind === 'estimate'
            ? t('when.nowEstimate', { minutes: load.choices.now.minutes })
            : t('when.noDoctor')}
      </p>
      <button type="button" className="primary" data-testid="when-now" onClick={() => send({ type: 'WHEN_NOW' })}>
        {t('when.nowButton')}
      </button>
    </section>
  );
}

/** The choices from the platform (through main), and a booking: refused, the reason and the next slots. */
function useChoices(api: KioskApi | null, remind: boolean) {
  const [load, setLoad] = useState<Load>({ kind: 'loading' });
  const [refusal, setRefusal] = useState<AppointmentRefusal | null>(null);
  const [busy, setBusy] = useState(false);

  const fetchChoices = useCallback(
    (ownDoctorRpps?: string) => {
      if (!api) return setLoad({ kind: 'failed' });
      api.getAppointmentChoices(ownDoctorRpps ? { ownDoctorRpps } : {}).then(
        (choices) => setLoad({ kind: 'ready', choices }),
        () => setLoad({ kind: 'failed' }),
      );
    },
    [api],
  );
  useEffect(() => fetchChoices(), [fetchChoices]);

  const book = (slot: SlotOffer) => {
    if (!api || busy) return;
    setBusy(true);
    api.bookAppointment({ doctorId: slot.doctorId, startsAt: slot.startsAt, remind }).then(
      (answer) => {
        setBusy(false);
        // Booked: the flow moves to the ticket. Refused: the plain reason and the next slots.
        if (!answer.ok) {
          setRefusal(answer.refusal);
          if (load.kind === 'ready') setLoad({ kind: 'ready', choices: { ...load.choices, slots: answer.slots } });
        }
      },
      () => (setBusy(false), setLoad({ kind: 'failed' })),
    );
  };
  return { load, refusal, busy, fetchChoices, book };
}

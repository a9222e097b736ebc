import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Specialty } from '../common/flow/care-pathway';
import type { AppointmentTicket, SlotOffer } from '../common/routing/appointments';
import type { AppointmentsClient } from './appointments-client';

export type BookingStep =
  | { kind: 'choosing' }
  | { kind: 'slots'; slots: SlotOffer[]; taken: boolean }
  | { kind: 'booked'; ticket: AppointmentTicket }
  | { kind: 'failed'; message: string };

/** Where the counter's booking is: slots listed, a slot chosen, booked, refused or failed. */
export function useCounterBooking(client: AppointmentsClient, onBooked: () => void) {
  const { t } = useTranslation();
  const [chosen, setChosen] = useState<SlotOffer | null>(null);
  const [step, setStep] = useState<BookingStep>({ kind: 'choosing' });
  const [busy, setBusy] = useState(false);

  const attempt = async (work: () => Promise<void>) => {
    setBusy(true);
    setChosen(null);
    try {
      await work();
    } catch (error) {
      const reason = error instanceof Error ? error.message : '';
      setStep({ kind: 'failed', message: t('booking.failed', { reason }) });
    } finally {
      setBusy(false);
    }
  };

  type Where = { kioskId: string; territory: string; specialty: Specialty };
  const listSlots = (where: Where) =>
    attempt(async () => setStep({ kind: 'slots', slots: await client.slots(where), taken: false }));

  const book = (where: Where, slot: SlotOffer) =>
    attempt(async () => {
      const answer = await client.book({ ...where, doctorId: slot.doctorId, startsAt: slot.startsAt });
      if (answer.ok) {
        setStep({ kind: 'booked', ticket: answer.ticket });
        onBooked();
      } else setStep({ kind: 'slots', slots: answer.slots, taken: answer.refusal === 'slot-taken' });
    });

  const reset = () => {
    setChosen(null);
    setStep({ kind: 'choosing' });
  };
  return { step, chosen, setChosen, busy, listSlots, book, reset };
}

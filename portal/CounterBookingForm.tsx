import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Specialty } from '../common/flow/care-pathway';
import type { AppointmentTicket, PharmacyDay, SlotOffer } from '../common/routing/appointments';
import { Territory } from '../common/routing/territory';
import type { AppointmentsClient } from './appointments-client';
import { parisTime } from './AppointmentsPanel';
import { TicketQr } from './TicketQr';
import { useCounterBooking } from './use-counter-booking';

/**
 * A booking for a patient at the counter or on the phone (issue 17 item 5): the cabin, the specialty
 * and the cabin's département, the slots the platform offers, one booked. A slot taken a second
 * earlier is said plainly, with the slots still free. Nothing about the patient is asked: the ticket's
 * QR code is what they bring back to the kiosk.
 */
export function CounterBookingForm({
  client,
  cabins,
  onBooked,
}: {
  client: AppointmentsClient;
  cabins: PharmacyDay['cabins'];
  onBooked(): void;
}) {
  const { t } = useTranslation();
  const [kioskId, setKioskId] = useState(cabins[0]?.kioskId ?? '');
  const [specialty, setSpecialty] = useState<Specialty>('general-practice');
  const [territory, setTerritory] = useState('');
  const booking = useCounterBooking(client, onBooked);
  const { step, busy } = booking;
  const territoryOk = Territory.safeParse(territory).success;
  const where = { kioskId, territory, specialty };
  const changed =
    <T,>(set: (value: T) => void) =>
    (value: T) => {
      set(value);
      booking.reset();
    };

  return (
    <form className="counter-booking" data-testid="counter-booking" onSubmit={(e) => e.preventDefault()}>
      <h3>{t('booking.title')}</h3>
      <BookingFields
        cabins={cabins}
        where={where}
        onCabin={changed(setKioskId)}
        onSpecialty={changed(setSpecialty)}
        onTerritory={changed(setTerritory)}
      />
      <button
        type="button"
        className="touch"
        data-testid="booking-list-slots"
        disabled={busy || !kioskId || !territoryOk}
        onClick={() => void booking.listSlots(where)}
      >
        {t('booking.listSlots')}
      </button>
      {step.kind === 'slots' && (
        <SlotChoice
          step={step}
          chosen={booking.chosen}
          busy={busy}
          onChoose={booking.setChosen}
          onBook={(slot) => void booking.book(where, slot)}
        />
      )}
      {step.kind === 'booked' && <BookedTicket ticket={step.ticket} onAnother={booking.reset} />}
      {step.kind === 'failed' && (
        <p role="alert" className="appointments-error" data-testid="booking-error">
          {step.message}
        </p>
      )}
    </form>
  );
}

function BookingFields({
  cabins,
  where,
  onCabin,
  onSpecialty,
  onTerritory,
}: {
  cabins: PharmacyDay['cabins'];
  where: { kioskId: string; territory: string; specialty: Specialty };
  onCabin(kioskId: string): void;
  onSpecialty(specialty: Specialty): void;
  onTerritory(territory: string): void;
}) {
  const { t } = useTranslation();
  const invalid = where.territory !== '' && !Territory.safeParse(where.territory).success;
  return (
    <div className="counter-fields">
      <label>
        {t('booking.cabin')}
        <select data-testid="booking-cabin" value={where.kioskId} onChange={(e) => onCabin(e.target.value)}>
          {cabins.map((c) => (
            <option key={c.kioskId} value={c.kioskId}>
              {c.label}
            </option>
          ))}
        </select>
      </label>
      <label>
        {t('booking.specialty')}
        <select
          data-testid="booking-specialty"
          value={where.specialty}
          onChange={(e) => onSpecialty(Specialty.parse(e.target.value))}
        >
          {Specialty.options.map((s) => (
            <option key={s} value={s}>
              {t(`booking.specialties.${s}`)}
            </option>
          ))}
        </select>
      </label>
      <label>
        {t('booking.territory')}
        <input
          data-testid="booking-territory"
          value={where.territory}
          maxLength={3}
          autoComplete="off"
          aria-invalid={invalid}
          onChange={(e) => onTerritory(e.target.value.trim().toUpperCase())}
        />
      </label>
      {invalid && <p className="appointments-error">{t('booking.territoryInvalid')}</p>}
    </div>
  );
}

function BookedTicket({ ticket, onAnother }: { ticket: AppointmentTicket; onAnother(): void }) {
  const { t, i18n } = useTranslation();
  return (
    <div className="booking-ticket" role="status" data-testid="booking-ticket" data-token={ticket.token}>
      <p>{t('booking.booked', { time: parisTime(ticket.startsAt, i18n.language), doctor: ticket.doctorName })}</p>
      <p>
        {t('booking.code')} <strong data-testid="booking-code">{ticket.code}</strong>
      </p>
      <p>{t('booking.codeHint')}</p>
      <TicketQr token={ticket.token} label={t('booking.qrLabel')} />
      <p>{t('booking.bringTicket')}</p>
      <button type="button" className="touch" data-testid="booking-another" onClick={onAnother}>
        {t('booking.another')}
      </button>
    </div>
  );
}

/** A slot's day, short, in France ("ven. 12 déc."). */
function slotDay(iso: string, language: string): string {
  const format = { timeZone: 'Europe/Paris', weekday: 'short', day: 'numeric', month: 'short' } as const;
  return new Intl.DateTimeFormat(language, format).format(new Date(iso));
}

/** The slots offered (again after a refusal), one chosen, then booked: two taps, never one by mistake. */
function SlotChoice({
  step,
  chosen,
  busy,
  onChoose,
  onBook,
}: {
  step: { slots: SlotOffer[]; taken: boolean };
  chosen: SlotOffer | null;
  busy: boolean;
  onChoose(slot: SlotOffer): void;
  onBook(slot: SlotOffer): void;
}) {
  const { t, i18n } = useTranslation();
  const label = (s: SlotOffer) => `${slotDay(s.startsAt, i18n.language)} ${parisTime(s.startsAt, i18n.language)}`;
  return (
    <div data-testid="booking-slots">
      {step.taken && (
        <p role="alert" className="appointments-error" data-testid="booking-taken">
          {t('booking.taken')}
        </p>
      )}
      {step.slots.length === 0 && <p data-testid="booking-no-slots">{t('booking.noSlots')}</p>}
      <ul className="booking-slots">
        {step.slots.map((s) => (
          <li key={`${s.doctorId}-${s.startsAt}`}>
            <button
              type="button"
              className="touch slot"
              data-testid="booking-slot"
              aria-pressed={chosen === s}
              onClick={() => onChoose(s)}
            >
              {label(s)} — {s.doctorName}
            </button>
          </li>
        ))}
      </ul>
      {chosen && (
        <button
          type="button"
          className="touch primary"
          data-testid="booking-confirm"
          disabled={busy}
          onClick={() => onBook(chosen)}
        >
          {t('booking.confirm', { time: label(chosen), doctor: chosen.doctorName })}
        </button>
      )}
    </div>
  );
}

import type { Clock } from '../../common/util/clock';
import { createLogger } from '../../common/util/logger';
import type { SmsSender } from '../notify/sms-gateway';
import type { Appointment, AppointmentStore } from './appointment-store';
import { slotTime } from '../../common/routing/slot-time';

const log = createLogger('platform:appointments');

/** Sends one plain-text message (the platform's SMTP, server/mail). */
export interface TextMailer {
  sendText(to: string, subject: string, text: string): Promise<void>;
}

/** Where the appointment is: the pharmacy's name and the cabin's, when the directory knows them. */
export type PlaceOf = (kioskId: string) => { pharmacy: string; cabin: string } | null;

const where = (place: ReturnType<PlaceOf>) =>
  place ? `dans la cabine « ${place.cabin} » de la pharmacie ${place.pharmacy}` : 'dans la cabine de votre pharmacie';

/** The e-mail: when and where only; no name, no doctor (a specialty can tell a condition), no reason. */
export function reminderText(startsAt: number, place: ReturnType<PlaceOf> = null): string {
  return [
    'Bonjour,',
    '',
    `Vous avez un rendez-vous de téléconsultation le ${slotTime(startsAt, 'fr-FR')}, ${where(place)}.`,
    '',
    'Présentez-vous quelques minutes avant avec votre ticket (son QR code ou son code).',
    'Au-delà de 10 minutes de retard, le créneau est perdu.',
    '',
    'Ce message ne contient aucune donnée de santé. Si vous n’êtes pas à l’origine de cette demande, ignorez-le.',
  ].join('\n');
}

/** The SMS: the same, short (one or two SMS). */
export function reminderSms(startsAt: number, place: ReturnType<PlaceOf> = null): string {
  return `Rappel : téléconsultation le ${slotTime(startsAt, 'fr-FR')}, ${where(place)}. Venez avec votre ticket. Plus de 10 min de retard : créneau perdu.`;
}

export interface ReminderOptions {
  store: AppointmentStore;
  clock: Pick<Clock, 'now'>;
  mailer: TextMailer | null;
  sms: SmsSender | null;
  place: PlaceOf;
  /** A reminder goes this long before the slot (or at once when booked later than that). Default 24 h. */
  hoursBefore?: number;
  /** How often due reminders are looked for. Default 15 s. */
  everyMs?: number;
}

/**
 * The booking's reminders (issue 17 item 2), by e-mail and/or SMS to the contact the patient gave
 * at the kiosk: asked at booking (kept with the appointment in storage), sent by this scheduler
 * `hoursBefore` the slot on the platform's clock, whatever restarts happened in between. A
 * reminder is claimed in storage before sending, so two platform workers never both send it.
 */
export class AppointmentReminders {
  private timer: NodeJS.Timeout | null = null;
  private running: Promise<void> | null = null;

  constructor(private readonly options: ReminderOptions) {}

  /** Whether a reminder can be promised: some channel is configured for the contact given. */
  canRemind(contact: { email: string | null; phone: string | null }): boolean {
    return (
      (contact.email !== null && this.options.mailer !== null) || (contact.phone !== null && this.options.sms !== null)
    );
  }

  hoursBefore(): number {
    return this.options.hoursBefore ?? 24;
  }

  start(): void {
    // A pass that fails (the database closed under it at shutdown) is logged; the next one tries again.
    const pass = () => this.tick().catch((error: unknown) => log.warn(`reminders: ${(error as Error).message}`));
    this.timer ??= setInterval(() => void pass(), this.options.everyMs ?? 15_000);
    this.timer.unref();
  }

  stop(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
  }

  /** Sends the reminders due now (one pass at a time). */
  tick(): Promise<void> {
    this.running ??= this.sendDue().finally(() => (this.running = null));
    return this.running;
  }

  private async sendDue(): Promise<void> {
    const now = this.options.clock.now();
    const due = await this.options.store.dueReminders(now, now + this.hoursBefore() * 3600_000);
    for (const appointment of due) {
      if (!(await this.options.store.claimReminder(appointment.id))) continue;
      const sent = await this.send(appointment);
      await this.options.store.settleReminder(appointment.id, sent ? 'sent' : 'failed');
      if (!sent) log.warn(`appointment ${appointment.id}: reminder not sent`);
    }
  }

  /** True when at least one channel took the message. */
  private async send(appointment: Appointment): Promise<boolean> {
    const contact = (appointment.patient as { contact?: { email?: string | null; phone?: string | null } }).contact;
    const place = this.options.place(appointment.kioskId);
    const { mailer, sms } = this.options;
    const tries: Promise<void>[] = [];
    if (contact?.email && mailer)
      tries.push(
        mailer.sendText(
          contact.email,
          'Votre rendez-vous de téléconsultation',
          reminderText(appointment.startsAt, place),
        ),
      );
    if (contact?.phone && sms) tries.push(sms.send(contact.phone, reminderSms(appointment.startsAt, place)));
    const results = await Promise.allSettled(tries);
    for (const r of results)
      if (r.status === 'rejected') log.warn(`reminder channel failed (${(r.reason as Error).message})`);
    return results.some((r) => r.status === 'fulfilled');
  }
}

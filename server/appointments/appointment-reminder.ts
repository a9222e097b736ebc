import { createLogger } from '../../common/util/logger';
import type { Appointment } from './appointment-store';

const log = createLogger('platform:appointments');

/** Sends one plain-text message (the platform's SMTP, server/mail). */
export interface TextMailer {
  sendText(to: string, subject: string, text: string): Promise<void>;
}

const WHEN = new Intl.DateTimeFormat('fr-FR', {
  timeZone: 'Europe/Paris',
  weekday: 'long',
  day: 'numeric',
  month: 'long',
  hour: '2-digit',
  minute: '2-digit',
});

/**
 * The e-mail reminder of a booking, if the patient asked for it. It says when and where only: no
 * name, no doctor (a specialty can tell a condition), no reason. `failed` when the platform has no
 * SMTP server or it refused: the booking stands and the kiosk says the e-mail did not go.
 */
export class AppointmentReminders {
  constructor(private readonly mailer: TextMailer | null) {}

  async send(to: string, appointment: Pick<Appointment, 'startsAt'>): Promise<'sent' | 'failed'> {
    if (!this.mailer) return 'failed';
    try {
      await this.mailer.sendText(to, 'Votre rendez-vous de téléconsultation', reminderText(appointment.startsAt));
      return 'sent';
    } catch (error) {
      log.warn(`appointment reminder not sent (${(error as Error).name})`);
      return 'failed';
    }
  }
}

export function reminderText(startsAt: number): string {
  return [
    'Bonjour,',
    '',
    `Vous avez un rendez-vous de téléconsultation le ${WHEN.format(new Date(startsAt))}, dans la cabine de votre pharmacie.`,
    '',
    'Présentez-vous quelques minutes avant avec votre ticket (son QR code) ou votre carte Vitale.',
    'Au-delà de 10 minutes de retard, le créneau est perdu.',
    '',
    'Ce message ne contient aucune donnée de santé. Si vous n’êtes pas à l’origine de cette demande, ignorez-le.',
  ].join('\n');
}

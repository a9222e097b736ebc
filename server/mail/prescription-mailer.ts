import nodemailer, { type Transporter } from 'nodemailer';

/** The environment variables of the platform's outgoing mail. */
export const MAIL_ENV = { smtpUrl: 'PLATFORM_SMTP_URL', from: 'PLATFORM_MAIL_FROM' } as const;

/** Why a message was not sent, as the kiosk tells the patient (never the SMTP server's words). */
export type MailRefusal = 'invalid-address' | 'refused' | 'unreachable';

export class MailError extends Error {
  constructor(
    readonly refusal: MailRefusal,
    message: string,
  ) {
    super(message);
  }
}

/** A plain address check before the SMTP server's own: one @, no spaces, a dot in the domain. */
export const EMAIL_ADDRESS = /^[^\s@<>(),;:"]{1,64}@[^\s@<>(),;:"]+\.[^\s@<>(),;:"]{2,}$/;

/**
 * Sends the patient a link to their document, with their consent, through the platform's SMTP
 * server. The message holds no health data: no name, no drug, no diagnosis, not even the doctor —
 * only the link, and the instruction to type the code shown on the kiosk's screen and printed on the
 * paper (the code is never in the message: the mailbox alone does not open the document).
 */
export class PrescriptionMailer {
  private constructor(
    private readonly transport: Transporter,
    private readonly from: string,
  ) {}

  /** From `smtp://user:pass@host:587` or `smtps://…:465` (nodemailer's URL) and the From address. */
  static fromUrl(smtpUrl: string, from: string): PrescriptionMailer {
    return new PrescriptionMailer(
      nodemailer.createTransport(
        `${smtpUrl}${smtpUrl.includes('?') ? '&' : '?'}connectionTimeout=10000&greetingTimeout=10000&socketTimeout=20000`,
      ),
      from,
    );
  }

  /** Resolves once the SMTP server accepted the message for `to`; throws a MailError otherwise. */
  async send(to: string, link: string): Promise<void> {
    if (!EMAIL_ADDRESS.test(to)) throw new MailError('invalid-address', 'not an e-mail address');
    let info: { accepted?: unknown[]; rejected?: unknown[] };
    try {
      info = await this.transport.sendMail({
        from: this.from,
        to,
        subject: 'Votre document de téléconsultation',
        text: messageText(link),
      });
    } catch (error) {
      const code = (error as { responseCode?: number; code?: string }).responseCode;
      if (code !== undefined && code >= 500 && code < 600)
        throw new MailError('refused', `the SMTP server refused the message (${code})`);
      throw new MailError(
        'unreachable',
        `the SMTP server could not be reached (${(error as { code?: string }).code ?? 'error'})`,
      );
    }
    if ((info.rejected?.length ?? 0) > 0 || (info.accepted?.length ?? 0) === 0)
      throw new MailError('refused', 'the SMTP server refused the recipient');
  }

  /** A plain-text message of the platform's own (an appointment reminder), with the same error handling. */
  async sendText(to: string, subject: string, text: string): Promise<void> {
    if (!EMAIL_ADDRESS.test(to)) throw new MailError('invalid-address', 'not an e-mail address');
    try {
      await this.transport.sendMail({ from: this.from, to, subject, text });
    } catch (error) {
      throw new MailError(
        'unreachable',
        `the SMTP server did not take the message (${(error as { code?: string }).code ?? 'error'})`,
      );
    }
  }

  close(): void {
    this.transport.close();
  }
}

function messageText(link: string): string {
  return [
    'Bonjour,',
    '',
    'Vous avez demandé à recevoir par e-mail le document de votre téléconsultation en pharmacie.',
    '',
    `Ouvrez ce lien : ${link}`,
    '',
    "Saisissez ensuite le code d'accès affiché à l'écran de la cabine et imprimé sur le document.",
    '',
    'Ce message ne contient aucune donnée de santé. Si vous n’êtes pas à l’origine de cette demande, ignorez-le.',
  ].join('\n');
}

/** The platform's mailer from PLATFORM_SMTP_URL and PLATFORM_MAIL_FROM, or null when neither is set. */
export function prescriptionMailerFromEnv(env: NodeJS.ProcessEnv): PrescriptionMailer | null {
  const url = env[MAIL_ENV.smtpUrl] || undefined;
  const from = env[MAIL_ENV.from] || undefined;
  if (!url && !from) return null;
  if (!url || !from)
    throw new Error(
      `${MAIL_ENV.smtpUrl} / ${MAIL_ENV.from}: set both (the SMTP server and the From address), or neither`,
    );
  if (!/^smtps?:\/\//.test(url)) throw new Error(`${MAIL_ENV.smtpUrl}: expected smtp://… or smtps://…`);
  if (!EMAIL_ADDRESS.test(from.replace(/^.*<(.+)>$/, '$1'))) throw new Error(`${MAIL_ENV.from}: not an e-mail address`);
  return PrescriptionMailer.fromUrl(url, from);
}

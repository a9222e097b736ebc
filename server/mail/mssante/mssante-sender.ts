import nodemailer, { type Transporter } from 'nodemailer';

/** One message to a health professional's MSSanté mailbox (health data: never logged). */
export interface MssanteMessage {
  to: string;
  subject: string;
  text: string;
  /** e.g. the report as a PDF; MSSanté carries attachments as ordinary MIME parts. */
  attachments?: { filename: string; contentType: string; contentBase64: string }[];
}

/** Secure health messaging as the platform uses it: resolves with the server's message id once accepted. */
export interface MssanteSender {
  send(message: MssanteMessage): Promise<string>;
  close(): void;
}

export interface MssanteSmtpOptions {
  /** The operator's SMTP server (an MSSanté operator's submission host). */
  host: string;
  port: number;
  /** true: TLS from the first byte (465); false: STARTTLS required (587). Never plain text either way. */
  implicitTls: boolean;
  /** PEM: the platform's certificate and key (MSSanté authenticates the sending organisation by certificate). */
  cert: string;
  key: string;
  /** PEM: the CA the operator's server certificate chains to (the system's when absent). */
  ca?: string;
  /** The platform's organisational MSSanté address the messages are sent from. */
  from: string;
  /** The domain MSSanté addresses end with: "mssante.fr" (the national trust space); tests use their own. */
  trustedDomain?: string;
}

/**
 * MSSanté over SMTP with a TLS client certificate (the trust space's way of authenticating a
 * sending organisation's software). The server's certificate is always checked; the connection is
 * encrypted before anything is said (implicit TLS) or STARTTLS is required. A refused certificate,
 * an unreachable server or a refused recipient rejects with a reason fit to show the doctor.
 *
 * Not done: IHE XDM packaging of a structured document (the report goes as text and PDF), and IMAP
 * (the platform only sends; answers go to the organisation's mailbox, read by a person).
 */
export class SmtpMssanteSender implements MssanteSender {
  private readonly transport: Transporter;
  private readonly domain: string;

  constructor(private readonly options: MssanteSmtpOptions) {
    this.domain = options.trustedDomain ?? 'mssante.fr';
    this.transport = nodemailer.createTransport({
      host: options.host,
      port: options.port,
      secure: options.implicitTls,
      requireTLS: true,
      tls: { cert: options.cert, key: options.key, ...(options.ca && { ca: options.ca }), rejectUnauthorized: true },
      connectionTimeout: 10_000,
      greetingTimeout: 10_000,
      socketTimeout: 20_000,
    });
  }

  /** True for an address in the MSSanté trust space (…@<anything>.mssante.fr): nothing else is sent to. */
  isMssanteAddress(address: string): boolean {
    const match = /^[^\s@<>(),;:"]{1,64}@([a-z0-9.-]+)$/i.exec(address);
    const host = match?.[1]?.toLowerCase();
    return !!host && (host === this.domain || host.endsWith(`.${this.domain}`));
  }

  async send(message: MssanteMessage): Promise<string> {
    if (!this.isMssanteAddress(message.to))
      throw new Error('not an MSSanté address: the report is not sent outside the trust space');
    let info: { messageId?: string; accepted?: unknown[]; rejected?: unknown[] };
    try {
      info = await this.transport.sendMail({
        from: this.options.from,
        to: message.to,
        subject: message.subject,
        text: message.text,
        attachments: (message.attachments ?? []).map((a) => ({
          filename: a.filename,
          contentType: a.contentType,
          content: Buffer.from(a.contentBase64, 'base64'),
        })),
      });
    } catch (error) {
      throw new Error(reasonOf(error));
    }
    if ((info.rejected?.length ?? 0) > 0 || (info.accepted?.length ?? 0) === 0)
      throw new Error('the MSSanté server refused the recipient');
    return info.messageId ?? 'accepted';
  }

  close(): void {
    this.transport.close();
  }
}

/** The SMTP or TLS failure in words for the doctor (the server's reply code, never its text). */
function reasonOf(error: unknown): string {
  const e = error as { responseCode?: number; code?: string; message?: string };
  const message = e.message ?? '';
  if (e.responseCode !== undefined) return `the MSSanté server refused the message (SMTP ${e.responseCode})`;
  const alert = /alert ([a-z0-9 ]+)/i.exec(message)?.[1]?.trim();
  if (alert || /certificate|handshake/i.test(message))
    return `the MSSanté server refused the secure connection (${alert ?? 'certificate'})`;
  // TLS 1.3: the server judges our certificate after the handshake and just closes the connection.
  if (e.code === 'ECONNECTION' && /closed unexpectedly/i.test(message))
    return 'the MSSanté server closed the connection before accepting anything (it may have refused the platform certificate)';
  const errno = /\b(E[A-Z]{3,})\b/.exec(message)?.[1] ?? e.code ?? 'error';
  return `the MSSanté server could not be reached (${errno})`;
}

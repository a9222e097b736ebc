import { z } from 'zod';
import { sendError, type HttpApp } from '../../http/http-server';
import type { ReadGate } from '../access/read-gate';
import { isValidPrescriptionNumber, type PrescriptionIssuer } from '../calls/prescription-issuer';
import { MailError, type PrescriptionMailer } from '../mail/prescription-mailer';
import type { PrescriptionSeal } from '../prescriptions/prescription-seal';
import { prescriptionPdf } from './prescription-pdf';
import { PUBLIC_ROUTE_RATE } from './sign-in-route';

const Number_ = z.string().regex(/^RX-\d{4}-\d{6}-\d$/, 'expected a prescription number RX-YYYY-NNNNNN-K');

const REFUSED_STATUS = { 'invalid-address': 400, refused: 502, unreachable: 502 } as const;

/**
 * - `POST /api/prescriptions/<number>/email {address}` (the kiosk it was issued to, with the
 *   patient's consent given on its screen): the platform e-mails a link to the document; 202 only
 *   once the SMTP server accepted it; 400 `invalid-address`, 502 `refused`/`unreachable`, 503
 *   `mail-unavailable` without PLATFORM_SMTP_URL. The document stays available whatever happens.
 * - `GET /rx/<number>` (public, the e-mailed link, rate-limited): a form asking the access code;
 *   with `?code=` the right code, the PDF; a wrong one, the form again saying so. Logged.
 */
interface MailRouteDeps {
  prescriptions: PrescriptionIssuer;
  reads: ReadGate;
  seal: PrescriptionSeal;
  mailer: PrescriptionMailer | null;
  /** The platform's public origin, read at each request. */
  publicBase: () => string;
}

export function registerPrescriptionMailRoutes(app: HttpApp, deps: MailRouteDeps): void {
  registerEmailRoute(app, deps);
  registerDocumentRoute(app, deps);
}

function registerEmailRoute(app: HttpApp, deps: MailRouteDeps): void {
  const reader = deps.reads.guard(
    'prescription',
    ['kiosk'],
    (request) => (request.params as { number?: string }).number ?? '',
  );
  app.post(
    '/api/prescriptions/:number/email',
    {
      onRequest: reader.onRequest,
      schema: { params: z.object({ number: Number_ }), body: z.object({ address: z.string().max(254) }) },
    },
    async (request, reply) => {
      const { number } = request.params;
      const issued = await deps.prescriptions.issued(number);
      const ref = issued && { ...issued, prescriberRpps: issued.prescription.doctor.rpps };
      const target = { resource: 'prescription', number, issued: ref } as const;
      if (!(await deps.reads.authorize(request, reply, reader.of(request), target))) return reply;
      if (!deps.mailer)
        return sendError(reply, 503, 'mail-unavailable', 'this platform sends no e-mail (PLATFORM_SMTP_URL)');
      try {
        await deps.mailer.send(request.body.address.trim(), `${deps.publicBase()}/rx/${number}`);
      } catch (error) {
        if (!(error instanceof MailError)) throw error;
        request.log.warn(`prescription e-mail not sent: ${error.refusal}`);
        return sendError(reply, REFUSED_STATUS[error.refusal], error.refusal, error.message);
      }
      return reply.code(202).send({ sent: true });
    },
  );
}

function registerDocumentRoute(app: HttpApp, deps: MailRouteDeps): void {
  app.get(
    '/rx/:number',
    {
      schema: {
        params: z.object({ number: z.string().max(40) }),
        querystring: z.object({ code: z.string().max(20).optional() }),
      },
      config: { rateLimit: PUBLIC_ROUTE_RATE },
    },
    async (request, reply) => {
      const { number } = request.params;
      const code = request.query.code;
      if (code === undefined) return reply.type('text/html; charset=utf-8').send(codeForm(number, false));
      const issued = isValidPrescriptionNumber(number) ? await deps.prescriptions.issued(number) : null;
      const allowed = issued !== null && deps.seal.checkAccessCode(number, code);
      const logged = await deps.reads.record({
        actor: { kind: 'anonymous' },
        action: 'read',
        resource: 'prescription',
        resourceId: number.slice(0, 40),
        consultationId: issued?.consultationId ?? null,
        outcome: allowed ? 'allowed' : 'refused',
        reason: allowed ? null : 'bad-token',
        remoteAddress: request.ip,
      });
      // The same answer for an unknown number and a wrong code: nothing to enumerate.
      if (!allowed) return reply.code(403).type('text/html; charset=utf-8').send(codeForm(number, true));
      if (!logged)
        return sendError(reply, 503, 'access-log-unavailable', 'the access log cannot be written: try again');
      return reply
        .type('application/pdf')
        .header('content-disposition', `inline; filename="${number}.pdf"`)
        .send(await prescriptionPdf(issued.prescription));
    },
  );
}

const escape = (text: string) => text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

/** The page of the e-mailed link: one field, the code; French, large, no script. */
function codeForm(number: string, wrong: boolean): string {
  return `<!doctype html><html lang="fr"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">
<title>Votre document de téléconsultation</title>
<style>body{font:1.2rem system-ui,sans-serif;max-width:32rem;margin:2rem auto;padding:0 1rem}input,button{font:inherit;padding:.6rem;min-height:48px}p.error{color:#a00;font-weight:700}</style></head>
<body><h1>Votre document</h1>
${wrong ? '<p class="error" role="alert">Ce code ne correspond pas. Vérifiez-le sur l’écran de la cabine ou sur le document imprimé.</p>' : ''}
<form method="get" action="/rx/${encodeURIComponent(number)}"><label for="code">Code d’accès (affiché à l’écran de la cabine et imprimé sur le document)</label><br>
<input id="code" name="code" autocomplete="off" autocapitalize="characters" maxlength="20" required> <button type="submit">Ouvrir</button></form>
<p>Numéro : ${escape(number)}</p></body></html>`;
}

import type { IncomingHttpHeaders } from 'node:http';
import { z } from 'zod';
import { sendError, type HttpApp } from '../../http/http-server';
import { requestGuard } from '../../http/request-guard';
import { isValidPrescriptionNumber, type PrescriptionIssuer } from '../calls/prescription-issuer';
import { prescriptionPdf } from './prescription-pdf';
import { PUBLIC_ROUTE_RATE } from './sign-in-route';

const PrescriptionNumber = z.string().regex(/^RX-\d{4}-\d{6}-\d$/, 'expected a prescription number RX-YYYY-NNNNNN-K');

/**
 * - `GET /api/prescriptions/<number>.pdf` (a signed-in doctor, or the kiosk it was issued to): the PDF;
 * - `GET /verify/<number>?t=<token>` (public, the QR code's link, rate-limited): with the token the QR
 *   code carries (server/prescriptions/prescription-seal.ts), the prescription as issued — number,
 *   date, prescriber, lines — for the pharmacist to compare with the paper; without it, or with a
 *   token of other content, `{"valid":false}` and nothing else.
 */
export function registerPrescriptionRoutes(
  app: HttpApp,
  deps: {
    prescriptions: PrescriptionIssuer;
    /** May this request read this prescription (doctor session, or the issuing kiosk's credential)? */
    mayRead(headers: IncomingHttpHeaders, number: string): boolean;
  },
): void {
  const reader = requestGuard(
    (request) => {
      const number = (request.params as { number?: string }).number ?? '';
      return deps.mayRead(request.headers, number) ? number : null;
    },
    { status: 401, error: 'unauthorised', message: 'sign in as a doctor, or use the issuing kiosk credential' },
  );
  app.get(
    '/api/prescriptions/:number.pdf',
    { onRequest: reader.onRequest, schema: { params: z.object({ number: PrescriptionNumber }) } },
    async (request, reply) => {
      const { number } = request.params;
      const prescription = deps.prescriptions.get(number);
      if (!prescription) return sendError(reply, 404, 'not-found', 'no such prescription');
      return reply
        .type('application/pdf')
        .header('content-disposition', `inline; filename="${number}.pdf"`)
        .send(await prescriptionPdf(prescription));
    },
  );
  app.get(
    '/verify/:number',
    {
      schema: {
        params: z.object({ number: z.string().max(40) }),
        querystring: z.object({ t: z.string().max(64).optional() }),
      },
      config: { rateLimit: PUBLIC_ROUTE_RATE },
    },
    (request, reply) => {
      const { number } = request.params;
      const token = request.query.t ?? '';
      const prescription = isValidPrescriptionNumber(number) ? deps.prescriptions.verified(number, token) : null;
      // The same answer for an unknown number, a missing token and a wrong one: nothing to enumerate.
      if (!prescription) return reply.code(404).send({ valid: false });
      const { issuedAt, doctor, lines } = prescription;
      return { valid: true, number, issuedAt, doctor, lines };
    },
  );
}

import { z } from 'zod';
import type { Prescription } from '../../common/consultation/prescription';
import { sendError, type HttpApp } from '../../http/http-server';
import type { ReadGate } from '../access/read-gate';
import { isValidPrescriptionNumber, type PrescriptionIssuer } from '../calls/prescription-issuer';
import type { PdfSigner } from '../prescriptions/pdf-signer';
import { PAPER_FORMATS, type PaperFormat } from '../../common/printing/print-state';
import { prescriptionPdf } from './prescription-pdf';
import { PUBLIC_ROUTE_RATE } from './sign-in-route';

const PrescriptionNumber = z.string().regex(/^RX-\d{4}-\d{6}-\d$/, 'expected a prescription number RX-YYYY-NNNNNN-K');

const PDF_REQUEST = {
  params: z.object({ number: PrescriptionNumber }),
  // The kiosk asks for its printer's paper (kiosk-config printer.paper); A4 otherwise.
  querystring: z.object({ format: z.enum(PAPER_FORMATS).default('a4') }),
};

/**
 * - `GET /api/prescriptions/<number>.pdf[?format=a4|receipt-80mm]`: the PDF, for a doctor who took part in (or was shared)
 *   its consultation, or the kiosk it was issued to; 401 without credentials, 403 naming why
 *   otherwise (an unknown number too, so numbers cannot be probed); every attempt in the access log;
 * - `GET /verify/<number>?t=<token>` (public, the QR code's link, rate-limited): with the token the QR
 *   code carries (server/prescriptions/prescription-seal.ts), the prescription as issued — number,
 *   date, prescriber, lines — for the pharmacist to compare with the paper; without it, or with a
 *   token of other content, `{"valid":false}` and nothing else. Logged too (actor `qr-code`).
 */
export function registerPrescriptionRoutes(
  app: HttpApp,
  deps: { prescriptions: PrescriptionIssuer; reads: ReadGate; signer?: PdfSigner | null },
): void {
  const reader = deps.reads.guard(
    'prescription',
    ['doctor', 'kiosk'],
    (request) => (request.params as { number?: string }).number ?? '',
  );
  app.get(
    '/api/prescriptions/:number.pdf',
    { onRequest: reader.onRequest, schema: PDF_REQUEST },
    async (request, reply) => {
      const { number } = request.params;
      const issued = await deps.prescriptions.issued(number);
      const ref = issued && { ...issued, prescriberRpps: issued.prescription.doctor.rpps };
      const target = { resource: 'prescription', number, issued: ref } as const;
      if (!(await deps.reads.authorize(request, reply, reader.of(request), target))) return reply;
      // Allowed only for an issued prescription: the store holds it.
      const prescription = issued!.prescription;
      return reply
        .type('application/pdf')
        .header('content-disposition', `inline; filename="${number}.pdf"`)
        .send(await signedPdf(prescription, request.query.format, deps.signer ?? null));
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
    async (request, reply) => {
      const { number } = request.params;
      const token = request.query.t ?? '';
      const valid = isValidPrescriptionNumber(number);
      const issued = valid ? await deps.prescriptions.issued(number) : null;
      const prescription = valid ? await deps.prescriptions.verified(number, token) : null;
      const logged = await deps.reads.record({
        actor: { kind: 'qr-code' },
        action: 'read',
        resource: 'prescription',
        resourceId: number,
        consultationId: issued?.consultationId ?? null,
        outcome: prescription ? 'allowed' : 'refused',
        reason: prescription ? null : 'bad-token',
        remoteAddress: request.ip,
      });
      // The same answer for an unknown number, a missing token and a wrong one: nothing to enumerate.
      if (!prescription) return reply.code(404).send({ valid: false });
      if (!logged)
        return sendError(reply, 503, 'access-log-unavailable', 'the access log cannot be written: try again');
      const { issuedAt, doctor, lines } = prescription;
      return { valid: true, number, issuedAt, doctor, lines };
    },
  );
}

/** The PDF, signed with the platform's certificate when one is configured (and saying so only then). */
async function signedPdf(prescription: Prescription, format: PaperFormat, signer: PdfSigner | null): Promise<Buffer> {
  const pdf = await prescriptionPdf(prescription, format, { signed: signer !== null });
  if (!signer) return pdf;
  return signer.sign(pdf, {
    name: prescription.doctor.name,
    reason: `Ordonnance ${prescription.number}, RPPS ${prescription.doctor.rpps}`,
    location: 'Plateforme de téléconsultation',
  });
}

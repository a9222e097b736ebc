import type { IncomingMessage } from 'node:http';
import { sendJson, type Route } from '../http-server';
import { isValidPrescriptionNumber, type PrescriptionIssuer } from '../calls/prescription-issuer';
import { prescriptionPdf } from './prescription-pdf';

const PDF_PATH = /^\/api\/prescriptions\/(RX-\d{4}-\d{6}-\d)\.pdf$/;
const VERIFY_PATH = /^\/verify\/(RX-\d{4}-\d{6}-\d)$/;

/**
 * - `GET /api/prescriptions/<number>.pdf` (a signed-in doctor, or the kiosk it was issued to): the PDF;
 * - `GET /verify/<number>` (public, from the QR code): whether the number was issued, when and by whom
 *   — never the lines (health data).
 */
export function prescriptionRoutes(deps: {
  prescriptions: PrescriptionIssuer;
  /** May this request read this prescription (doctor session, or the issuing kiosk's credential)? */
  mayRead(req: IncomingMessage, number: string): boolean;
}): Route {
  return async (req, res, url) => {
    if (req.method !== 'GET') return false;
    const pdf = PDF_PATH.exec(url.pathname);
    if (pdf) {
      const number = pdf[1]!;
      if (!deps.mayRead(req, number))
        return sendJson(res, 401, {
          error: 'unauthorised',
          message: 'sign in as a doctor, or use the issuing kiosk credential',
        });
      const prescription = deps.prescriptions.get(number);
      if (!prescription) return sendJson(res, 404, { error: 'not-found', message: 'no such prescription' });
      const body = await prescriptionPdf(prescription);
      res
        .writeHead(200, {
          'content-type': 'application/pdf',
          'content-length': body.length,
          'content-disposition': `inline; filename="${number}.pdf"`,
        })
        .end(body);
      return true;
    }
    const verify = VERIFY_PATH.exec(url.pathname);
    if (verify) {
      const number = verify[1]!;
      const prescription = isValidPrescriptionNumber(number) ? deps.prescriptions.get(number) : null;
      if (!prescription) return sendJson(res, 404, { valid: false, number });
      return sendJson(res, 200, { valid: true, number, issuedAt: prescription.issuedAt, doctor: prescription.doctor });
    }
    return false;
  };
}

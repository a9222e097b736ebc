import { z } from 'zod';
import { PrescriptionDraft } from '../../common/signaling/messages';
import { sendError, type HttpApp } from '../../http/http-server';
import type { DoctorSessions } from '../auth/doctor-sessions';
import type { CallCenter } from '../calls/call-center';
import type { PrescriptionIssuer } from '../calls/prescription-issuer';
import { prescriptionPdf } from './prescription-pdf';

/**
 * `POST /api/consultations/<id>/prescription-preview` (the doctor in call with it, their session's
 * bearer token), a PrescriptionDraft → the A4 PDF the platform would issue for it now, built by the
 * same code as the issued one (prescription-pdf.ts), marked as a preview: "APERÇU" where the number
 * goes, no QR code or access code, not signed. Nothing is numbered or stored: the doctor reads it
 * before "sign and send" (which ends the call with the draft). 401 without a session, 403 for a
 * doctor not in call with it, 400 naming the bad field of a draft.
 */
export function registerPrescriptionPreviewRoute(
  app: HttpApp,
  deps: { sessions: DoctorSessions; calls: Pick<CallCenter, 'consultationInCall'>; prescriptions: PrescriptionIssuer },
): void {
  app.post(
    // The console's prescriptionPreviewPath, as a route pattern (its encoding would escape the colon).
    '/api/consultations/:consultationId/prescription-preview',
    {
      schema: { params: z.object({ consultationId: z.string().min(1).max(64) }), body: PrescriptionDraft },
    },
    async (request, reply) => {
      const doctor = (await deps.sessions.fromAuthorization(request.headers.authorization))?.doctor;
      if (!doctor) return sendError(reply, 401, 'unauthenticated', 'sign in again to preview the prescription');
      const ref = deps.calls.consultationInCall(doctor, request.params.consultationId);
      if (!ref)
        return sendError(
          reply,
          403,
          'forbidden',
          'only the doctor in call with this consultation previews its prescription',
        );
      const preview = await deps.prescriptions.preview(request.body, doctor, ref.destination);
      return reply
        .type('application/pdf')
        .header('cache-control', 'no-store')
        .header('content-disposition', 'inline; filename="apercu-ordonnance.pdf"')
        .send(await prescriptionPdf(preview, 'a4', { preview: true }));
    },
  );
}

import { z } from 'zod';
import type { DoctorInfo } from '../../common/signaling/messages';
import { sendError, type HttpApp } from '../../http/http-server';
import type { ReportStore } from '../records/consultation-reports';
import type { AccessStore } from './access-store';
import type { ReadGate } from './read-gate';

const ConsultationParams = z.object({ id: z.uuid('expected a consultation id') });
const ShareBody = z.object({ email: z.email('expected the colleague’s e-mail address').max(200) });

/**
 * A consultation's report and its shares, for doctors:
 * - `GET /api/consultations/<id>/report`: the doctor's report (notes, readings, prescription), for a
 *   doctor who took part or was shared it; 401, 403 with the reason, 404; every attempt logged;
 * - `POST /api/consultations/<id>/shares` `{ "email": "<colleague>" }`: a doctor who took part
 *   shares the consultation's records with a colleague's account (201 with who shared it and when;
 *   200 with the first share when it already was); 403 for anyone else, 404 for an unknown
 *   colleague, 400 for oneself. Every attempt is in the access log (action `share`).
 */
export function registerConsultationRoutes(app: HttpApp, deps: ConsultationRouteDeps): void {
  registerReport(app, deps);
  registerShare(app, deps);
}

interface ConsultationRouteDeps {
  reads: ReadGate;
  access: AccessStore;
  reports: ReportStore;
  /** The doctor account of an e-mail address, or null. */
  doctorByEmail(email: string): Promise<DoctorInfo | null> | DoctorInfo | null;
}

/** The consultation id of a request, unvalidated (the guard's hook runs before the schema): for the log. */
const idOf = (request: { params: unknown }) => (request.params as { id?: string }).id ?? '';

function registerReport(app: HttpApp, deps: ConsultationRouteDeps) {
  const reportReader = deps.reads.guard('report', ['doctor'], idOf);
  app.get(
    '/api/consultations/:id/report',
    { onRequest: reportReader.onRequest, schema: { params: ConsultationParams } },
    async (request, reply) => {
      const consultationId = request.params.id;
      const target = { resource: 'report', consultationId } as const;
      if (!(await deps.reads.authorize(request, reply, reportReader.of(request), target))) return reply;
      const report = await deps.reports.get(consultationId);
      if (!report) return sendError(reply, 404, 'not-found', 'this consultation has no stored report');
      return report;
    },
  );
}

function registerShare(app: HttpApp, deps: ConsultationRouteDeps) {
  const sharer = deps.reads.guard('share', ['doctor'], idOf);
  app.post(
    '/api/consultations/:id/shares',
    { onRequest: sharer.onRequest, schema: { params: ConsultationParams, body: ShareBody } },
    async (request, reply) => {
      const reader = sharer.of(request);
      // The guard accepts doctors only.
      if (reader.kind !== 'doctor') return sendError(reply, 403, 'forbidden', 'doctors only');
      const { doctor } = reader;
      const consultationId = request.params.id;
      const colleague = await deps.doctorByEmail(request.body.email);
      if (colleague?.id === doctor.id)
        return sendError(reply, 400, 'own-consultation', 'you took part in it: there is no one to share it with');
      const tookPart = await deps.access.tookPart(doctor.id, consultationId);
      const refusal = !tookPart ? 'not-a-participant' : !colleague ? 'unknown-colleague' : null;
      const logged = await deps.reads.record({
        actor: { kind: 'doctor', id: doctor.id },
        action: 'share',
        resource: 'share',
        resourceId: colleague?.id ?? '-',
        consultationId,
        outcome: refusal ? 'refused' : 'allowed',
        reason: refusal,
        remoteAddress: request.ip,
      });
      if (refusal === 'not-a-participant')
        return sendError(
          reply,
          403,
          refusal,
          'only a doctor who took part in this consultation may share it (a shared consultation cannot be passed on)',
        );
      if (refusal === 'unknown-colleague' || !colleague)
        return sendError(reply, 404, 'unknown-colleague', 'no doctor account has this e-mail address');
      if (!logged)
        return sendError(
          reply,
          503,
          'access-log-unavailable',
          'the access log cannot be written, so nothing is shared now: try again',
        );
      const before = (await deps.access.decide(colleague.id, { consultationId })).allowed;
      const share = await deps.access.share(consultationId, colleague.id, doctor.id);
      return reply.code(before ? 200 : 201).send({
        consultationId,
        doctor: { id: colleague.id, name: colleague.name },
        sharedBy: share.sharedBy,
        sharedAt: new Date(share.sharedAt).toISOString(),
      });
    },
  );
}

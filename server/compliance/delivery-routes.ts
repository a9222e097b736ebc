import type { FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import type { ConsentRecord } from '../../common/consent/consent-record';
import type { PatientIdentity } from '../../common/identity/identity';
import { sendError, type HttpApp } from '../../http/http-server';
import type { ReadGate } from '../access/read-gate';
import type { DeliveryOutbox } from '../deliveries/delivery-outbox';
import type { DeliveryWorker } from '../deliveries/delivery-worker';
import type { SmtpMssanteSender } from '../mail/mssante/mssante-sender';
import type { ReportStore } from '../records/consultation-reports';
import { gpReportConsent, gpReportMessage } from './gp-report';

export interface DeliveryRouteDeps {
  reads: ReadGate;
  outbox: DeliveryOutbox;
  worker: DeliveryWorker;
  reports: ReportStore;
  /** The MSSanté sender (its address check); null: this platform has no MSSanté mailbox configured. */
  mssante: Pick<SmtpMssanteSender, 'isMssanteAddress'> | null;
  sessionOf(consultationId: string): Promise<string | null>;
  consents(sessionId: string): Promise<ConsentRecord[]>;
  identityOf(sessionId: string): Promise<PatientIdentity | null>;
  now(): number;
}

type Allowed = (request: FastifyRequest, reply: FastifyReply, consultationId: string) => Promise<boolean>;

const Params = z.object({ id: z.uuid('expected a consultation id') });
const idOf = (request: { params: unknown }) => (request.params as { id?: string }).id ?? '';

/**
 * What left (or must still leave) the platform for a consultation, for its doctors (the report's
 * reading rights, logged as report reads):
 * - `GET /api/consultations/<id>/deliveries`: the e-prescription and the report to the médecin
 *   traitant, each with its attempts, last failure and receipt;
 * - `POST /api/consultations/<id>/report-to-gp {address}`: the report to the médecin traitant's
 *   MSSanté address, only with the patient's consent to that use (409 `no-consent` /
 *   `consent-withdrawn`); stored in the outbox before the first attempt, so a refused certificate or
 *   a server down is shown (202 with `lastError`) and retried, never lost;
 * - `POST /api/consultations/<id>/deliveries/<deliveryId>/retry`: try again now.
 */
export function registerDeliveryRoutes(app: HttpApp, deps: DeliveryRouteDeps): void {
  const reader = deps.reads.guard('report', ['doctor'], idOf);
  const allowed: Allowed = (request, reply, consultationId) =>
    deps.reads.authorize(request, reply, reader.of(request), { resource: 'report', consultationId });

  app.get(
    '/api/consultations/:id/deliveries',
    { onRequest: reader.onRequest, schema: { params: Params } },
    async (request, reply) => {
      if (!(await allowed(request, reply, request.params.id))) return reply;
      return { deliveries: await deps.outbox.ofConsultation(request.params.id) };
    },
  );

  app.post(
    '/api/consultations/:id/deliveries/:deliveryId/retry',
    { onRequest: reader.onRequest, schema: { params: Params.extend({ deliveryId: z.uuid() }) } },
    async (request, reply) => {
      const { id, deliveryId } = request.params;
      if (!(await allowed(request, reply, id))) return reply;
      const delivery = await deps.outbox.get(deliveryId);
      if (delivery?.consultationId !== id)
        return sendError(reply, 404, 'not-found', 'no such delivery for this consultation');
      return { delivery: await deps.worker.attempt(deliveryId) };
    },
  );

  registerReportToGp(app, deps, reader, allowed);
}

function registerReportToGp(
  app: HttpApp,
  deps: DeliveryRouteDeps,
  reader: ReturnType<ReadGate['guard']>,
  allowed: Allowed,
): void {
  app.post(
    '/api/consultations/:id/report-to-gp',
    {
      onRequest: reader.onRequest,
      schema: { params: Params, body: z.object({ address: z.string().trim().max(254) }) },
    },
    async (request, reply) => {
      const consultationId = request.params.id;
      if (!(await allowed(request, reply, consultationId))) return reply;
      if (!deps.mssante)
        return sendError(reply, 503, 'mssante-unavailable', 'this platform has no MSSanté mailbox configured');
      const { address } = request.body;
      if (!deps.mssante.isMssanteAddress(address))
        return sendError(
          reply,
          400,
          'not-mssante',
          'not an MSSanté address (…@….mssante.fr): the report is sent only inside the trust space',
        );
      const report = await deps.reports.get(consultationId);
      const sessionId = await deps.sessionOf(consultationId);
      if (!report || !sessionId) return sendError(reply, 404, 'not-found', 'this consultation has no stored report');
      const consent = gpReportConsent(await deps.consents(sessionId));
      if (!consent.ok)
        return sendError(
          reply,
          409,
          consent.refusal,
          consent.refusal === 'no-consent'
            ? 'the patient did not consent to the report being sent to their médecin traitant'
            : 'the patient withdrew their consent to the report being sent to their médecin traitant',
        );
      const message = gpReportMessage(report, await deps.identityOf(sessionId), address);
      const stored = await deps.outbox.enqueue(
        {
          kind: 'mssante-report',
          consultationId,
          reference: `${consultationId}:${address.toLowerCase()}`,
          payload: message,
        },
        deps.now(),
      );
      return reply.code(202).send({ delivery: await deps.worker.attempt(stored.id) });
    },
  );
}

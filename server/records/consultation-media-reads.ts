import type { FastifyReply, FastifyRequest } from 'fastify';
import { sendError } from '../../http/http-server';
import type { ReadGate } from '../access/read-gate';

/** What a read of a consultation's clips or stills needs: the gate, and where the consultation's data is. */
export interface MediaReadDeps {
  reads: ReadGate;
  /** The kiosk session of a consultation (ConsultationAccess.sessionOf). */
  sessionOf(consultationId: string): Promise<string | null>;
}

/**
 * The reads of a consultation's recorded media through the read gate, as its report's are: a doctor
 * who took part or was shared it reads them, also after the call; every read and refusal is in the
 * access log (401 without a doctor's session, 403 for another doctor, 503 when the log is down).
 */
export function consultationMediaReads(deps: MediaReadDeps, resource: 'auscultation-clip' | 'exam-still') {
  const reader = deps.reads.guard(resource, ['doctor'], (request) => consultationIdOf(request));
  return {
    onRequest: reader.onRequest,
    /** The session to read `itemId` (null: the list) from, or null once the reply says why not. */
    async sessionFor(request: FastifyRequest, reply: FastifyReply, itemId: string | null): Promise<string | null> {
      const consultationId = consultationIdOf(request);
      const target = { resource, consultationId, itemId };
      if (!(await deps.reads.authorize(request, reply, reader.of(request), target))) return null;
      const sessionId = await deps.sessionOf(consultationId);
      if (!sessionId) sendError(reply, 404, 'not-found', `no consultation ${consultationId}`);
      return sessionId;
    },
  };
}

function consultationIdOf(request: FastifyRequest): string {
  // Bounded: the hook runs before the schema, and the id goes into the log.
  return ((request.params as { consultationId?: string }).consultationId ?? '').slice(0, 64);
}

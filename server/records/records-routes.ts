import type { IncomingHttpHeaders } from 'node:http';
import type { FastifyRequest } from 'fastify';
import { z } from 'zod';
import { consultationBundle, type ConsultationCompliance } from '../../common/fhir/consultation-bundle';
import type { ClipForExport, ConsultationMedia, StillForExport } from '../../common/fhir/media';
import { MAX_BATCH_BYTES, RecordsBatch, SessionId, type RecordItem } from '../../common/records/wire';
import { createLogger } from '../../common/util/logger';
import { sendError, type HttpApp } from '../../http/http-server';
import { requestGuard } from '../../http/request-guard';
import {
  KIOSK_CREDENTIAL_REFUSALS,
  type KioskCredentialRefusal,
} from '../../common/signaling/kiosk-credential-refusal';
import type { ReadGate } from '../access/read-gate';
import { RecordsConflictError, type RecordsRepository } from './records-repository';

const log = createLogger('platform:records');

export const RECORDS_BATCH_PATH = '/api/records/batch';

export interface RecordsRoutesOptions {
  repository: RecordsRepository;
  /**
   * The kiosk a bearer credential belongs to, or why it is refused (null: not a credential): the
   * platform's KioskCredentials.check.
   */
  verifyKiosk(
    token: string,
  ): string | { refusal: KioskCredentialRefusal } | null | Promise<string | { refusal: KioskCredentialRefusal } | null>;
  /**
   * Who may read a session's FHIR export (a doctor who took part or was shared the consultation, an
   * export token), and the access log of every attempt: server/access/read-gate.ts. Absent: no
   * export route (the kiosk sync's test server only takes batches).
   */
  reads?: ReadGate;
  /**
   * The session's INS identity, consents and prescription for the export (issue 21:
   * server/identity/identity-vigilance-store.ts and the prescription store). Absent: the export
   * carries the identity as the kiosk sent it, reliability "provisional".
   */
  compliance?: (sessionId: string) => Promise<ConsultationCompliance> | ConsultationCompliance;
  /**
   * Told of every batch once stored (identity vigilance asks INSi for each identity in it:
   * server/identity/identity-side.ts). Its failure never fails the acknowledgement.
   */
  onStored?: (kioskId: string, items: readonly RecordItem[]) => void;
  /** Time source for the FHIR bundle's timestamp (ms since the epoch). */
  now?: () => number;
  maxBodyBytes?: number;
}

function bearer(headers: IncomingHttpHeaders): string | null {
  return /^Bearer (\S{1,200})$/.exec(headers.authorization ?? '')?.[1] ?? null;
}

/**
 * The records API of the platform:
 * - `POST /api/records/batch` (kiosk bearer credential): a RecordsBatch, stored idempotently;
 *   200 `{ stored: [ids] }` once durable; 400 naming the bad fields; 401; 409 for another kiosk's
 *   session; 413 for a body over the limit;
 * - `GET /api/records/sessions/<id>/fhir` (a doctor who took part in, or was shared, one of the
 *   session's consultations; an export token): the consultation as a FHIR R4 Bundle; 401 without
 *   credentials, 403 naming why for another doctor's patient; every attempt in the access log.
 */
export function registerRecordsRoutes(app: HttpApp, options: RecordsRoutesOptions): void {
  const { repository } = options;
  const now = options.now ?? Date.now;
  const verify = (request: FastifyRequest) => {
    const token = bearer(request.headers);
    return token ? options.verifyKiosk(token) : null;
  };
  const kiosk = requestGuard(
    async (request) => {
      const verdict = await verify(request);
      return typeof verdict === 'string' ? verdict : null;
    },
    async (request) => {
      const verdict = await verify(request);
      const refusal = verdict !== null && typeof verdict === 'object' ? verdict.refusal : 'credential-invalid';
      return { status: 401, error: refusal, message: KIOSK_CREDENTIAL_REFUSALS[refusal] };
    },
  );
  app.post(
    RECORDS_BATCH_PATH,
    {
      onRequest: kiosk.onRequest,
      bodyLimit: options.maxBodyBytes ?? MAX_BATCH_BYTES,
      schema: { body: RecordsBatch },
    },
    async (request, reply) => {
      const kioskId = kiosk.of(request);
      try {
        const stored = await repository.storeBatch(kioskId, request.body.items);
        log.debug(`kiosk ${kioskId}: stored a batch of ${stored.length} records`);
        try {
          options.onStored?.(kioskId, request.body.items);
        } catch (error) {
          log.error(`kiosk ${kioskId}: a stored batch's follow-up failed: ${(error as Error).message}`);
        }
        return { stored };
      } catch (error) {
        if (error instanceof RecordsConflictError) return sendError(reply, 409, 'conflict', error.message);
        throw error;
      }
    },
  );
  app.route({
    method: ['GET', 'PUT', 'PATCH', 'DELETE'],
    url: RECORDS_BATCH_PATH,
    handler: (_request, reply) => sendError(reply, 405, 'method-not-allowed', 'POST a RecordsBatch'),
  });

  if (options.reads) registerFhirExport(app, repository, options.reads, now, options.compliance);
}

/** `GET /api/records/sessions/<id>/fhir`, through the read gate (who may read it, and the log). */
function registerFhirExport(
  app: HttpApp,
  repository: RecordsRepository,
  reads: ReadGate,
  now: () => number,
  compliance: RecordsRoutesOptions['compliance'],
) {
  const reader = reads.guard('fhir-export', ['doctor', 'export-token'], (request) => {
    return (request.params as { id?: string }).id ?? '';
  });
  app.get(
    '/api/records/sessions/:id/fhir',
    { onRequest: reader.onRequest, schema: { params: z.object({ id: SessionId }) } },
    async (request, reply) => {
      const target = { resource: 'fhir-export', sessionId: request.params.id } as const;
      if (!(await reads.authorize(request, reply, reader.of(request), target))) return reply;
      const consultation = await repository.consultation(request.params.id);
      if (!consultation) return sendError(reply, 404, 'not-found', `no consultation ${request.params.id}`);
      const media = await mediaForExport(repository, request.params.id);
      const extra = compliance ? await compliance(request.params.id) : {};
      return reply
        .type('application/fhir+json; charset=utf-8')
        .send(JSON.stringify(consultationBundle(consultation, new Date(now()).toISOString(), media, extra)));
    },
  );
}

/** The session's stills and auscultation clips with their images and sound, for the export's Media. */
async function mediaForExport(repository: RecordsRepository, sessionId: string): Promise<ConsultationMedia> {
  const stills: StillForExport[] = [];
  for (const still of await repository.examStills(sessionId)) {
    const image = await repository.examStillImage(sessionId, still.id);
    if (image) stills.push({ ...still, imageBase64: Buffer.from(image.image).toString('base64') });
  }
  const clips: ClipForExport[] = [];
  for (const clip of await repository.auscultationClips(sessionId)) {
    const wav = await repository.auscultationClipAudio(sessionId, clip.id);
    if (wav) clips.push({ ...clip, wavBase64: Buffer.from(wav).toString('base64') });
  }
  return { stills, clips };
}

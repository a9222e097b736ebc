import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import { ExamStillUpload, type ExamStillInfo } from '../../common/exam-camera/still';
import { imageSize } from '../../common/image/image-size';
import { err, ok, type Result } from '../../common/util/result';
import { createLogger } from '../../common/util/logger';
import { sendError, type HttpApp } from '../../http/http-server';
import { requestGuard } from '../../http/request-guard';
import type { ClipConsultation, DoctorConsultationOf } from './auscultation-clip-routes';
import { consultationMediaReads, type MediaReadDeps } from './consultation-media-reads';
import type { RecordsRepository } from './records-repository';

const log = createLogger('platform:records:exam-stills');

// Base64 of the largest still (ExamStillUpload's bound) plus the JSON around it.
const BODY_LIMIT = 16_500_000;

const ConsultationParams = z.object({ consultationId: z.string().min(1).max(64) });

/**
 * The doctor's stills from the examination camera, kept in the records under the consultation's
 * kiosk session, gated as the auscultation clips are:
 * - `POST /api/consultations/<id>/exam-stills` (the doctor in call): an ExamStillUpload; 201 with
 *   the still's ExamStillInfo (its size read from the image) once durable; 400 naming what is wrong;
 * - `GET /api/consultations/<id>/exam-stills`: the consultation's stills, oldest first;
 * - `GET /api/consultations/<id>/exam-stills/<stillId>`: one still's image.
 * Only the doctor in call keeps a still (403 for anyone else); the reads go through the read gate
 * (consultation-media-reads.ts): a doctor who took part or was shared it, logged.
 */
export function registerExamStillRoutes(
  app: HttpApp,
  deps: MediaReadDeps & { repository: RecordsRepository; consultationOf: DoctorConsultationOf; newId?: () => string },
): void {
  const { repository } = deps;
  const reads = consultationMediaReads(deps, 'exam-still');
  const doctorInCall = requestGuard(
    (request) => {
      const { consultationId } = request.params as { consultationId?: string };
      return consultationId ? deps.consultationOf(request.headers, consultationId) : null;
    },
    { status: 403, error: 'forbidden', message: 'only the doctor in call with this consultation keeps its stills' },
  );

  app.post(
    '/api/consultations/:consultationId/exam-stills',
    {
      onRequest: doctorInCall.onRequest,
      bodyLimit: BODY_LIMIT,
      schema: { params: ConsultationParams, body: ExamStillUpload },
    },
    async (request, reply) => {
      const kept = await keepStill(repository, doctorInCall.of(request), request.body, deps.newId ?? randomUUID);
      return kept.ok ? reply.code(201).send(kept.value) : sendError(reply, 400, 'invalid-image', kept.error);
    },
  );

  app.get(
    '/api/consultations/:consultationId/exam-stills',
    { onRequest: reads.onRequest, schema: { params: ConsultationParams } },
    async (request, reply) => {
      const sessionId = await reads.sessionFor(request, reply, null);
      return sessionId === null ? reply : { stills: await repository.examStills(sessionId) };
    },
  );

  app.get(
    '/api/consultations/:consultationId/exam-stills/:stillId',
    { onRequest: reads.onRequest, schema: { params: ConsultationParams.extend({ stillId: z.uuid() }) } },
    async (request, reply) => {
      const sessionId = await reads.sessionFor(request, reply, request.params.stillId);
      if (sessionId === null) return reply;
      const still = await repository.examStillImage(sessionId, request.params.stillId);
      if (!still) return sendError(reply, 404, 'not-found', 'no such still in this consultation');
      return reply.type(still.contentType).send(Buffer.from(still.image));
    },
  );
}

/** Reads the still's size from its bytes and keeps it under the consultation's session. */
async function keepStill(
  repository: RecordsRepository,
  consultation: ClipConsultation,
  upload: ExamStillUpload,
  newId: () => string,
): Promise<Result<ExamStillInfo, string>> {
  const image = Buffer.from(upload.imageBase64, 'base64');
  const size = imageSize(image, upload.contentType);
  if (!size.ok) return err(`imageBase64: ${size.error}`);
  const info: ExamStillInfo = {
    id: newId(),
    capturedAt: upload.capturedAt,
    contentType: upload.contentType,
    ...size.value,
  };
  const { consultationId, sessionId, kioskId, doctorRpps } = consultation;
  await repository.storeExamStill({ ...info, sessionId, kioskId, consultationId, doctorRpps, image });
  // The size says nothing about who the patient is.
  log.info(`consultation ${consultationId}: still ${info.width}x${info.height} ${info.contentType} kept`);
  return ok(info);
}

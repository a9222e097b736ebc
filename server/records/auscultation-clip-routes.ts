import { randomUUID } from 'node:crypto';
import type { IncomingHttpHeaders } from 'node:http';
import { z } from 'zod';
import { decodeWav } from '../../common/audio/wav';
import { AuscultationClipUpload, CLIP_SECONDS, type AuscultationClipInfo } from '../../common/auscultation/clip';
import { err, ok, type Result } from '../../common/util/result';
import { createLogger } from '../../common/util/logger';
import { sendError, type HttpApp } from '../../http/http-server';
import { requestGuard } from '../../http/request-guard';
import { consultationMediaReads, type MediaReadDeps } from './consultation-media-reads';
import type { RecordsRepository } from './records-repository';

const log = createLogger('platform:records:auscultation');

/** The consultation a clip belongs to, as the calls know it: its kiosk session and its doctor. */
export interface ClipConsultation {
  consultationId: string;
  sessionId: string;
  kioskId: string;
  doctorRpps: string;
}

/** The consultation `consultationId` when the request's signed-in doctor is in call with it, else null. */
export type DoctorConsultationOf = (
  headers: IncomingHttpHeaders,
  consultationId: string,
) => Promise<ClipConsultation | null> | ClipConsultation | null;

/** Shortest clip kept: anything less is a slip of the finger, not an auscultation. */
const MIN_CLIP_MS = 1000;
// Base64 of the largest clip plus the JSON around it.
const BODY_LIMIT = 512 * 1024;

const ConsultationParams = z.object({ consultationId: z.string().min(1).max(64) });

/**
 * The doctor's auscultation clips, kept in the records under the consultation's kiosk session:
 * - `POST /api/consultations/<id>/auscultation-clips` (the doctor in call): an
 *   AuscultationClipUpload; 201 with the clip's AuscultationClipInfo once durable; 400 naming what
 *   is wrong with the audio (not a 16-bit mono WAV, too short, too long);
 * - `GET /api/consultations/<id>/auscultation-clips`: the consultation's clips, oldest first;
 * - `GET /api/consultations/<id>/auscultation-clips/<clipId>.wav`: one clip's audio.
 * Only the doctor in call keeps a clip (403 for anyone else); the reads go through the read gate
 * (consultation-media-reads.ts): a doctor who took part or was shared it, logged.
 */
export function registerAuscultationClipRoutes(
  app: HttpApp,
  deps: MediaReadDeps & { repository: RecordsRepository; consultationOf: DoctorConsultationOf; newId?: () => string },
): void {
  const { repository } = deps;
  const reads = consultationMediaReads(deps, 'auscultation-clip');
  const doctorInCall = requestGuard(
    (request) => {
      const { consultationId } = request.params as { consultationId?: string };
      return consultationId ? deps.consultationOf(request.headers, consultationId) : null;
    },
    { status: 403, error: 'forbidden', message: 'only the doctor in call with this consultation keeps its clips' },
  );

  app.post(
    '/api/consultations/:consultationId/auscultation-clips',
    {
      onRequest: doctorInCall.onRequest,
      bodyLimit: BODY_LIMIT,
      schema: { params: ConsultationParams, body: AuscultationClipUpload },
    },
    async (request, reply) => {
      const kept = await keepClip(repository, doctorInCall.of(request), request.body, deps.newId ?? randomUUID);
      return kept.ok ? reply.code(201).send(kept.value) : sendError(reply, 400, 'invalid-audio', kept.error);
    },
  );

  app.get(
    '/api/consultations/:consultationId/auscultation-clips',
    { onRequest: reads.onRequest, schema: { params: ConsultationParams } },
    async (request, reply) => {
      const sessionId = await reads.sessionFor(request, reply, null);
      return sessionId === null ? reply : { clips: await repository.auscultationClips(sessionId) };
    },
  );

  app.get(
    '/api/consultations/:consultationId/auscultation-clips/:clipId.wav',
    {
      onRequest: reads.onRequest,
      schema: { params: ConsultationParams.extend({ clipId: z.uuid() }) },
    },
    async (request, reply) => {
      const sessionId = await reads.sessionFor(request, reply, request.params.clipId);
      if (sessionId === null) return reply;
      const wav = await repository.auscultationClipAudio(sessionId, request.params.clipId);
      if (!wav) return sendError(reply, 404, 'not-found', 'no such clip in this consultation');
      return reply.type('audio/wav').send(Buffer.from(wav));
    },
  );
}

/** Checks the clip's audio and keeps it under the consultation's session; the error names what is wrong. */
async function keepClip(
  repository: RecordsRepository,
  consultation: ClipConsultation,
  upload: AuscultationClipUpload,
  newId: () => string,
): Promise<Result<AuscultationClipInfo, string>> {
  const wav = Buffer.from(upload.wavBase64, 'base64');
  const audio = decodeWav(wav);
  if (!audio.ok) return err(`wavBase64: ${audio.error}`);
  const { durationMs, sampleRateHz } = audio.value;
  if (durationMs < MIN_CLIP_MS || durationMs > (CLIP_SECONDS + 1) * 1000)
    return err(`wavBase64: a clip lasts ${MIN_CLIP_MS / 1000} to ${CLIP_SECONDS + 1} s, this one ${durationMs} ms`);
  const info: AuscultationClipInfo = {
    id: newId(),
    site: upload.site,
    recordedAt: upload.recordedAt,
    durationMs,
    sampleRateHz,
  };
  const { consultationId, sessionId, kioskId, doctorRpps } = consultation;
  await repository.storeAuscultationClip({ ...info, sessionId, kioskId, consultationId, doctorRpps, wav });
  // The site and duration say nothing about who the patient is.
  log.info(`consultation ${consultationId}: clip ${info.site}, ${durationMs} ms kept`);
  return ok(info);
}

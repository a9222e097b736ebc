import type { IncomingMessage } from 'node:http';
import type { z } from 'zod';
import { consultationBundle } from '../../common/fhir/consultation-bundle';
import { RecordsBatch, SessionId } from '../../common/records/wire';
import { createLogger } from '../../common/util/logger';
import { sendJson, type Route } from '../http-server';
import { RecordsConflictError, type RecordsRepository } from './records-repository';

const log = createLogger('platform:records');

export const RECORDS_BATCH_PATH = '/api/records/batch';
const FHIR_PATH = /^\/api\/records\/sessions\/([^/]+)\/fhir$/;
/** 500 items of a few hundred bytes each fit well inside; anything larger is not from our kiosk. */
const DEFAULT_MAX_BODY_BYTES = 2 * 1024 * 1024;

export interface RecordsRoutesOptions {
  repository: RecordsRepository;
  /** The kiosk a bearer credential belongs to, or null (server/auth's verifyKioskCredential). */
  verifyKiosk(token: string): string | null;
  /** Whether the request may read consultations (a signed-in doctor); the platform's auth decides. */
  authorizeRead(req: IncomingMessage): boolean | Promise<boolean>;
  /** Time source for the FHIR bundle's timestamp (ms since the epoch). */
  now?: () => number;
  maxBodyBytes?: number;
}

class BodyTooLarge extends Error {}

function readBody(req: IncomingMessage, limit: number): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > limit) {
        req.removeAllListeners('data');
        req.resume();
        reject(new BodyTooLarge());
      } else chunks.push(chunk);
    });
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

function describeIssues(error: z.ZodError): { path: string; message: string }[] {
  return error.issues.slice(0, 20).map((i) => ({ path: i.path.map(String).join('.') || '(body)', message: i.message }));
}

function bearer(req: IncomingMessage): string | null {
  return /^Bearer (\S{1,200})$/.exec(req.headers.authorization ?? '')?.[1] ?? null;
}

/**
 * The records API of the platform:
 * - `POST /api/records/batch` (kiosk bearer credential): a RecordsBatch, stored idempotently;
 *   200 `{ stored: [ids] }` once durable; 400 naming the bad fields; 401; 409 for another kiosk's
 *   session; 413 for a body over the limit;
 * - `GET /api/records/sessions/<id>/fhir` (doctor): the consultation as a FHIR R4 Bundle.
 */
export function recordsRoutes(options: RecordsRoutesOptions): Route {
  const { repository } = options;
  const maxBody = options.maxBodyBytes ?? DEFAULT_MAX_BODY_BYTES;
  const now = options.now ?? Date.now;

  const ingest = async (req: IncomingMessage, res: Parameters<Route>[1]) => {
    const token = bearer(req);
    const kioskId = token ? options.verifyKiosk(token) : null;
    if (!kioskId) {
      req.resume();
      return sendJson(res, 401, {
        error: 'unauthorized',
        message: 'a valid kiosk credential is required (Authorization: Bearer …)',
      });
    }
    let text: string;
    try {
      text = await readBody(req, maxBody);
    } catch (error) {
      if (error instanceof BodyTooLarge)
        return sendJson(res, 413, { error: 'too-large', message: `the batch exceeds ${maxBody} bytes` });
      throw error;
    }
    let raw: unknown;
    try {
      raw = JSON.parse(text);
    } catch {
      return sendJson(res, 400, { error: 'invalid-json', message: 'the body is not JSON' });
    }
    const batch = RecordsBatch.safeParse(raw);
    if (!batch.success) {
      log.warn(`kiosk ${kioskId}: refused an invalid batch`);
      return sendJson(res, 400, { error: 'invalid-batch', issues: describeIssues(batch.error) });
    }
    try {
      const stored = await repository.storeBatch(kioskId, batch.data.items);
      log.debug(`kiosk ${kioskId}: stored a batch of ${stored.length} records`);
      return sendJson(res, 200, { stored });
    } catch (error) {
      if (error instanceof RecordsConflictError)
        return sendJson(res, 409, { error: 'conflict', message: error.message });
      throw error;
    }
  };

  const exportFhir = async (req: IncomingMessage, res: Parameters<Route>[1], rawId: string) => {
    if (!(await options.authorizeRead(req)))
      return sendJson(res, 401, { error: 'unauthorized', message: 'sign in as a doctor to read records' });
    let decoded: string;
    try {
      decoded = decodeURIComponent(rawId);
    } catch {
      return sendJson(res, 400, {
        error: 'invalid-session-id',
        message: 'the session id is not valid percent-encoding',
      });
    }
    const id = SessionId.safeParse(decoded);
    if (!id.success) return sendJson(res, 400, { error: 'invalid-session-id', message: id.error.issues[0]!.message });
    const consultation = await repository.consultation(id.data);
    if (!consultation) return sendJson(res, 404, { error: 'not-found', message: `no consultation ${id.data}` });
    res
      .writeHead(200, { 'content-type': 'application/fhir+json; charset=utf-8' })
      .end(JSON.stringify(consultationBundle(consultation, new Date(now()).toISOString())));
    return true;
  };

  return async (req, res, url) => {
    if (url.pathname === RECORDS_BATCH_PATH) {
      if (req.method !== 'POST')
        return sendJson(res, 405, { error: 'method-not-allowed', message: 'POST a RecordsBatch' });
      return ingest(req, res);
    }
    const fhir = FHIR_PATH.exec(url.pathname);
    if (fhir && req.method === 'GET') return exportFhir(req, res, fhir[1]!);
    return false;
  };
}

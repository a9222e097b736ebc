import type { IncomingHttpHeaders } from 'node:http';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { DoctorInfo } from '../../common/signaling/messages';
import { assertUnreachable } from '../../common/util/assert-unreachable';
import { createLogger } from '../../common/util/logger';
import { sendError } from '../../http/http-server';
import { requestGuard, type RequestGuard } from '../../http/request-guard';
import type { AccessActor, AccessAttempt, AccessResource } from './access-entry';
import type { AccessLogStore, AccessStore } from './access-store';

const log = createLogger('platform:access');

/** Who a request's credentials name: a signed-in doctor, an export token, or a kiosk. */
export type Reader =
  { kind: 'doctor'; doctor: DoctorInfo } | { kind: 'export-token'; id: string } | { kind: 'kiosk'; kioskId: string };
export type ReaderKind = Reader['kind'];

/** The prescription as the access check needs it: its consultation, kiosk and prescriber. */
export interface PrescriptionRef {
  consultationId: string | null;
  kioskId: string | null;
  prescriberRpps: string;
}

/** What a route is about to hand out. */
export type ReadTarget =
  | { resource: 'fhir-export'; sessionId: string }
  | { resource: 'report' | 'identity'; consultationId: string }
  /** A consultation's recorded clips or stills: `itemId` one of them, null the list. */
  | { resource: 'auscultation-clip' | 'exam-still'; consultationId: string; itemId: string | null }
  /** `issued` null: no such prescription (refused like another's, so numbers cannot be probed). */
  | { resource: 'prescription'; number: string; issued: PrescriptionRef | null };

export interface ReadGateDeps {
  /** The reader of a request among the kinds a route accepts, or null (server/platform.ts builds it). */
  identify(headers: IncomingHttpHeaders, kinds: readonly ReaderKind[]): Reader | null | Promise<Reader | null>;
  access: AccessStore;
  log: AccessLogStore;
}

/** Why a read is refused: a code for the log, a plain sentence for the answer. */
const REFUSALS = {
  'not-a-participant': 'you did not take part in this consultation, and no doctor who did has shared it with you',
  'other-kiosk': 'this prescription was issued to another kiosk',
} as const;
type RefusalReason = keyof typeof REFUSALS;

type Decision =
  | { allowed: true; consultationId: string | null }
  | { allowed: false; consultationId: string | null; reason: RefusalReason };

const UNAUTHENTICATED: Record<string, string> = {
  doctor: 'sign in as a doctor',
  'export-token': 'send an export token (Authorization: Bearer ext1.…)',
  kiosk: 'use the issuing kiosk credential',
};

/** What the log names as read: the session, the consultation, the clip or still, or the prescription number. */
function resourceIdOf(target: ReadTarget): string {
  switch (target.resource) {
    case 'fhir-export':
      return target.sessionId;
    case 'report':
    case 'identity':
      return target.consultationId;
    case 'auscultation-clip':
    case 'exam-still':
      return target.itemId ?? target.consultationId;
    case 'prescription':
      return target.number;
    default:
      return assertUnreachable(target, 'read target');
  }
}

function actorOf(reader: Reader): AccessActor {
  if (reader.kind === 'doctor') return { kind: 'doctor', id: reader.doctor.id };
  if (reader.kind === 'export-token') return { kind: 'export-token', id: reader.id };
  return { kind: 'kiosk', id: reader.kioskId };
}

/**
 * The one place that lets a request read a consultation's data: it names the reader (401 when the
 * route's credentials are missing), decides from the consultation's participants and shares (403
 * with a plain reason), and writes every read and every refusal to the access log, with the client
 * address Fastify derived (trusted proxies only). A read whose log entry cannot be written is not
 * served (503): no read goes unlogged.
 */
export class ReadGate {
  constructor(private readonly deps: ReadGateDeps) {}

  /**
   * The route's `onRequest` hook: lets through a reader of one of `kinds`, else 401 (logged as an
   * anonymous refused attempt on `resourceIdOf(request)`).
   */
  guard(
    resource: AccessResource,
    kinds: readonly ReaderKind[],
    resourceIdOf: (request: FastifyRequest) => string,
  ): RequestGuard<Reader> {
    const message = `${kinds.map((k) => UNAUTHENTICATED[k]).join(', or ')} to read this`;
    return requestGuard(
      (request) => this.deps.identify(request.headers, kinds),
      async (request) => {
        await this.record({
          actor: { kind: 'anonymous' },
          action: 'read',
          resource,
          // Unvalidated (the hook runs before the schema): bounded, for the log only.
          resourceId: resourceIdOf(request).slice(0, 100),
          consultationId: null,
          outcome: 'refused',
          reason: 'unauthenticated',
          remoteAddress: request.ip,
        });
        return { status: 401, error: 'unauthorised', message };
      },
    );
  }

  /**
   * Decides whether `reader` may read `target`, logs it, and answers the refusal (403, or 503 when
   * the log cannot be written). True: the route may send the data.
   */
  async authorize(request: FastifyRequest, reply: FastifyReply, reader: Reader, target: ReadTarget): Promise<boolean> {
    const decision = await this.decide(reader, target);
    const attempt: AccessAttempt = {
      actor: actorOf(reader),
      action: 'read',
      resource: target.resource,
      resourceId: resourceIdOf(target),
      consultationId: decision.consultationId,
      outcome: decision.allowed ? 'allowed' : 'refused',
      reason: decision.allowed ? null : decision.reason,
      remoteAddress: request.ip,
    };
    if (!(await this.record(attempt))) {
      sendError(
        reply,
        503,
        'access-log-unavailable',
        'the access log cannot be written, so nothing is read now: try again',
      );
      return false;
    }
    if (decision.allowed) return true;
    sendError(reply, 403, decision.reason, REFUSALS[decision.reason]);
    return false;
  }

  /** Appends to the log; false (and an error line, ids only) when the database refuses it. */
  async record(attempt: AccessAttempt): Promise<boolean> {
    try {
      await this.deps.log.append(attempt);
      return true;
    } catch (error) {
      log.error(
        `access log not written (${attempt.resource} ${attempt.resourceId}, ${attempt.outcome}): ${(error as Error).message}`,
      );
      return false;
    }
  }

  private async decide(reader: Reader, target: ReadTarget): Promise<Decision> {
    const { access } = this.deps;
    if (reader.kind === 'export-token') {
      // Accepted only on the FHIR export (its one scope): an operator's bulk export, logged as such.
      const sessionId = target.resource === 'fhir-export' ? target.sessionId : '';
      return { allowed: true, consultationId: await access.consultationOfSession(sessionId) };
    }
    if (reader.kind === 'kiosk') {
      const issued = target.resource === 'prescription' ? target.issued : null;
      if (issued && issued.kioskId === reader.kioskId) return { allowed: true, consultationId: issued.consultationId };
      return { allowed: false, consultationId: issued?.consultationId ?? null, reason: 'other-kiosk' };
    }
    const doctorId = reader.doctor.id;
    switch (target.resource) {
      case 'fhir-export':
        return access.decide(doctorId, { sessionId: target.sessionId });
      case 'report':
      case 'identity':
      case 'auscultation-clip':
      case 'exam-still':
        return access.decide(doctorId, { consultationId: target.consultationId });
      case 'prescription': {
        const { issued } = target;
        if (!issued) return { allowed: false, consultationId: null, reason: 'not-a-participant' };
        if (issued.consultationId) return access.decide(doctorId, { consultationId: issued.consultationId });
        // Imported from an earlier platform, which kept no consultation: its prescriber took part.
        return issued.prescriberRpps === reader.doctor.rpps
          ? { allowed: true, consultationId: null }
          : { allowed: false, consultationId: null, reason: 'not-a-participant' };
      }
      default:
        return assertUnreachable(target, 'read target');
    }
  }
}

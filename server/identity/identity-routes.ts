import { z } from 'zod';
import { DocumentCheckBody, IDENTITY_API, type IdentityCheckView } from '../../common/identity/identity-check';
import type { PharmacistInfo } from '../../common/signaling/messages';
import { sendError, type HttpApp } from '../../http/http-server';
import { requestGuard, type RequestGuard } from '../../http/request-guard';
import type { ReadGate } from '../access/read-gate';
import type { BearerSessions } from '../auth/bearer-sessions';
import type { PharmacyDirectory } from '../pharmacy/pharmacy-directory';
import type { SessionIdentityService } from './session-identity';
import { staffIdentityView } from './staff-identity-view';

export interface IdentityRouteDeps {
  identities: SessionIdentityService;
  pharmacists: BearerSessions<PharmacistInfo>;
  directory: PharmacyDirectory;
  reads: ReadGate;
  /** The kiosk session a consultation belongs to (ConsultationAccess.sessionOf). */
  sessionOf(consultationId: string): Promise<string | null>;
  now(): number;
}

/** How long an identity stays in the pharmacist's list: the day's patients, not the month's. */
const LIST_HOURS = 12;
const Params = z.object({ id: z.string().regex(/^[A-Za-z0-9_-]{1,64}$/) });
const NO_IDENTITY = 'no identity has arrived for this session yet: the kiosk sends it once the patient confirms it';

/**
 * Identity vigilance for the staff (issue 21 item 3): the pharmacist's portal lists the identities
 * of her pharmacy's cabins and records the document she checked; the doctor reads the identity of
 * a consultation he takes part in and may record the document too (through the read gate, logged).
 */
export function registerIdentityRoutes(app: HttpApp, deps: IdentityRouteDeps): void {
  const pharmacist = requestGuard(
    async (request) => (await deps.pharmacists.fromAuthorization(request.headers.authorization))?.holder ?? null,
    { status: 401, error: 'unauthorised', message: 'pharmacist session missing or expired: sign in again' },
  );
  const kiosksOf = (p: PharmacistInfo) => deps.directory.cabins(p.pharmacy.id).map((c) => c.kioskId);

  app.get(IDENTITY_API.pharmacyList, { onRequest: pharmacist.onRequest }, async (request) => {
    const since = new Date(deps.now() - LIST_HOURS * 3_600_000).toISOString();
    const views = await deps.identities.forKiosks(kiosksOf(pharmacist.of(request)), since);
    return { identities: views.map(staffIdentityView) };
  });

  app.post(
    '/api/pharmacy/identities/:id/document',
    { onRequest: pharmacist.onRequest, schema: { params: Params, body: DocumentCheckBody } },
    async (request, reply) => {
      const who = pharmacist.of(request);
      const view = await deps.identities.view(request.params.id);
      // Another pharmacy's session is answered like a missing one: its existence is not told.
      if (!view || !kiosksOf(who).includes(view.kioskId)) return sendError(reply, 404, 'no-identity', NO_IDENTITY);
      const result = await deps.identities.checkDocument(view.sessionId, request.body.kind, {
        role: 'pharmacist',
        id: who.id,
      });
      return result.ok
        ? { identity: staffIdentityView(result.view) }
        : sendError(reply, 404, 'no-identity', NO_IDENTITY);
    },
  );

  registerInsiAgainRoute(app, deps, pharmacist, kiosksOf);
  registerDoctorIdentityRoutes(app, deps);
}

const INSI_AGAIN_REFUSED = {
  'insi-not-failed': [409, 'INSi answered this identity (or is being asked): it is asked again only after no answer'],
  'no-insi': [503, 'INSi is not configured on this platform (PLATFORM_INSI_URL)'],
} as const;

/** The pharmacist asks INSi again when its search got no answer (issue 21: the network was down). */
function registerInsiAgainRoute(
  app: HttpApp,
  deps: IdentityRouteDeps,
  pharmacist: RequestGuard<PharmacistInfo>,
  kiosksOf: (p: PharmacistInfo) => string[],
): void {
  app.post(
    '/api/pharmacy/identities/:id/insi',
    { onRequest: pharmacist.onRequest, schema: { params: Params, body: z.strictObject({}) } },
    async (request, reply) => {
      const view = await deps.identities.view(request.params.id);
      if (!view || !kiosksOf(pharmacist.of(request)).includes(view.kioskId))
        return sendError(reply, 404, 'no-identity', NO_IDENTITY);
      const result = await deps.identities.askInsiAgain(view.sessionId);
      if (result.ok) return { identity: staffIdentityView(result.view) };
      if (result.reason === 'no-identity') return sendError(reply, 404, 'no-identity', NO_IDENTITY);
      const [status, message] = INSI_AGAIN_REFUSED[result.reason];
      return sendError(reply, status, result.reason, message);
    },
  );
}

/** The doctor's side: the read gate decides (a participant, or shared) and logs every attempt. */
function registerDoctorIdentityRoutes(app: HttpApp, deps: IdentityRouteDeps) {
  const doctor = deps.reads.guard('identity', ['doctor'], (request) => (request.params as { id?: string }).id ?? '');
  const viewFor = async (consultationId: string): Promise<IdentityCheckView | null> => {
    const sessionId = await deps.sessionOf(consultationId);
    return sessionId ? deps.identities.view(sessionId) : null;
  };

  app.get(
    '/api/identity/consultations/:id',
    { onRequest: doctor.onRequest, schema: { params: Params } },
    async (request, reply) => {
      const target = { resource: 'identity', consultationId: request.params.id } as const;
      if (!(await deps.reads.authorize(request, reply, doctor.of(request), target))) return reply;
      const view = await viewFor(request.params.id);
      return view ? { identity: staffIdentityView(view) } : sendError(reply, 404, 'no-identity', NO_IDENTITY);
    },
  );

  app.post(
    '/api/identity/consultations/:id/document',
    { onRequest: doctor.onRequest, schema: { params: Params, body: DocumentCheckBody } },
    async (request, reply) => {
      const reader = doctor.of(request);
      const target = { resource: 'identity', consultationId: request.params.id } as const;
      if (!(await deps.reads.authorize(request, reply, reader, target))) return reply;
      const view = await viewFor(request.params.id);
      if (!view || reader.kind !== 'doctor') return sendError(reply, 404, 'no-identity', NO_IDENTITY);
      const result = await deps.identities.checkDocument(view.sessionId, request.body.kind, {
        role: 'doctor',
        id: reader.doctor.id,
      });
      return result.ok
        ? { identity: staffIdentityView(result.view) }
        : sendError(reply, 404, 'no-identity', NO_IDENTITY);
    },
  );
}

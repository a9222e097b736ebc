import { z } from 'zod';
import { SecondaryUse, type ConsentRecord } from '../../common/consent/consent-record';
import type { PharmacistInfo } from '../../common/signaling/messages';
import { sendError, type HttpApp } from '../../http/http-server';
import { requestGuard } from '../../http/request-guard';
import type { BearerSessions } from '../auth/bearer-sessions';
import type { ConsentWithdrawalStore } from '../consent/consent-withdrawals';
import type { PharmacyDirectory } from '../pharmacy/pharmacy-directory';
import type { IssuedPrescription } from '../prescriptions/prescription-store';

export interface PharmacyConsentDeps {
  sessions: BearerSessions<PharmacistInfo>;
  directory: PharmacyDirectory;
  prescription(number: string): Promise<IssuedPrescription | null>;
  sessionOf(consultationId: string): Promise<string | null>;
  consents(sessionId: string): Promise<ConsentRecord[]>;
  withdrawals: ConsentWithdrawalStore;
  now(): number;
}

const Number_ = z
  .string()
  .trim()
  .toUpperCase()
  .regex(/^RX-\d{4}-\d{6}-\d$/, 'expected the ordonnance number RX-YYYY-NNNNNN-K');

type Refusal = { status: 403 | 404; error: string; message: string };

const REFUSALS = {
  'no-consent': 'no answer was recorded for this use',
  'not-granted': 'the patient did not give this consent: there is nothing to withdraw',
  'already-withdrawn': 'this consent was already withdrawn',
} as const;

/**
 * A patient withdraws a consent at the counter (issue 21 item 5): the pharmacist finds the
 * consultation by the number printed on the patient's ordonnance, of one of the pharmacy's own
 * cabins only, and records the withdrawal, dated now. A consultation without an ordonnance is
 * withdrawn by an administrator (`admin consent withdraw --session`).
 * - `GET /api/pharmacy/consents?prescription=RX-…`: each use, granted or not, withdrawn when;
 * - `POST /api/pharmacy/consents/withdraw {prescription, use}`: 200 with the record; 409 with the
 *   reason when there is nothing to withdraw; 404 unknown number; 403 another pharmacy's.
 */
export function registerPharmacyConsentRoutes(app: HttpApp, deps: PharmacyConsentDeps): void {
  const pharmacist = requestGuard(
    async (request) => (await deps.sessions.fromAuthorization(request.headers.authorization))?.holder ?? null,
    { status: 401, error: 'unauthorised', message: 'pharmacist session missing or expired: sign in again' },
  );
  /** The session of an ordonnance of the pharmacist's own pharmacy, or the refusal sent. */
  const sessionFor = async (number: string, pharmacyId: string): Promise<Refusal | { sessionId: string }> => {
    const issued = await deps.prescription(number);
    const sessionId = issued?.consultationId ? await deps.sessionOf(issued.consultationId) : null;
    if (!issued || !sessionId)
      return { status: 404, error: 'not-found', message: 'no consultation with this ordonnance number' } as const;
    if (!issued.kioskId || deps.directory.pharmacyOf(issued.kioskId) !== pharmacyId)
      return { status: 403, error: 'forbidden', message: 'this ordonnance was issued in another pharmacy' } as const;
    return { sessionId };
  };

  app.get(
    '/api/pharmacy/consents',
    { onRequest: pharmacist.onRequest, schema: { querystring: z.object({ prescription: Number_ }) } },
    async (request, reply) => {
      const found = await sessionFor(request.query.prescription, pharmacist.of(request).pharmacy.id);
      if (!('sessionId' in found)) return sendError(reply, found.status, found.error, found.message);
      const consents = await deps.consents(found.sessionId);
      return {
        consents: consents.map(({ use, granted, withdrawnAt, textVersion, language }) => ({
          use,
          granted,
          withdrawnAt,
          textVersion,
          language,
        })),
      };
    },
  );

  app.post(
    '/api/pharmacy/consents/withdraw',
    { onRequest: pharmacist.onRequest, schema: { body: z.object({ prescription: Number_, use: SecondaryUse }) } },
    async (request, reply) => {
      const who = pharmacist.of(request);
      const found = await sessionFor(request.body.prescription, who.pharmacy.id);
      if (!('sessionId' in found)) return sendError(reply, found.status, found.error, found.message);
      const current = await deps.consents(found.sessionId);
      const at = new Date(deps.now()).toISOString();
      const done = await deps.withdrawals.withdraw(
        found.sessionId,
        request.body.use,
        current,
        { kind: 'pharmacist', id: who.id },
        at,
      );
      if (!done.ok) return sendError(reply, 409, done.reason, REFUSALS[done.reason]);
      return { use: done.record.use, withdrawnAt: done.record.withdrawnAt };
    },
  );
}

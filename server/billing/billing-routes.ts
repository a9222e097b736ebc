import { BillingCsvQuery, PHARMACY_BILLING_API, type BillingCounts } from '../../common/pharmacy/billing';
import type { PharmacistInfo } from '../../common/signaling/messages';
import { sendError, type HttpApp } from '../../http/http-server';
import { requestGuard } from '../../http/request-guard';
import type { BearerSessions } from '../auth/bearer-sessions';
import type { PharmacyDirectory } from '../pharmacy/pharmacy-directory';
import type { BillingStore } from './billing-entries';
import { billingCsv } from './billing-csv';
import { parisDay } from './billing-entry';

export interface BillingRouteDeps {
  sessions: BearerSessions<PharmacistInfo>;
  directory: PharmacyDirectory;
  billing: BillingStore;
  now(): number;
}

/**
 * The pharmacist's portal's billing (PHARMACY_BILLING_API): the month's CSV and today's counts, of
 * the pharmacy the session is for. Asking for another pharmacy's is refused (403), never widened.
 */
export function registerBillingRoutes(app: HttpApp, deps: BillingRouteDeps): void {
  const pharmacist = requestGuard(
    async (request) => (await deps.sessions.fromAuthorization(request.headers.authorization))?.holder ?? null,
    {
      status: 401,
      error: 'unauthorised',
      message: 'pharmacist session missing or expired: sign in again',
    },
  );

  app.get(
    PHARMACY_BILLING_API.csv,
    { onRequest: pharmacist.onRequest, schema: { querystring: BillingCsvQuery } },
    async (request, reply) => {
      const own = pharmacist.of(request).pharmacy;
      const { month, pharmacy } = request.query;
      if (pharmacy !== undefined && pharmacy !== own.id)
        return sendError(reply, 403, 'forbidden', `only your own pharmacy's billing (${own.id}) is available to you`);
      const csv = billingCsv(
        await deps.billing.forMonth(month, own.id),
        (id) => deps.directory.pharmacy(id)?.name ?? id,
      );
      return reply
        .header('content-type', 'text/csv; charset=utf-8')
        .header('content-disposition', `attachment; filename="teleconsultations-${own.id}-${month}.csv"`)
        .header('cache-control', 'no-store')
        .send(csv);
    },
  );

  app.get(PHARMACY_BILLING_API.counts, { onRequest: pharmacist.onRequest }, async (request): Promise<BillingCounts> => {
    const day = parisDay(new Date(deps.now()));
    const counts = await deps.billing.counts(pharmacist.of(request).pharmacy.id, day);
    return { day, today: counts.day, month: counts.month };
  });
}

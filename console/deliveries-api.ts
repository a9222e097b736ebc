import { err, ok, type Result } from '../common/util/result';
import { bearerHeader } from './platform-client';

/** One delivery as the platform lists it (server/deliveries/delivery-outbox.ts DeliveryStatus). */
export interface DeliveryView {
  id: string;
  kind: 'eprescription' | 'mssante-report';
  reference: string;
  attempts: number;
  lastError: string | null;
  nextAttemptAtMs: number;
  deliveredAtMs: number | null;
}

/** A consultation's deliveries for the report screen, with the doctor's session token. */
export interface DeliveriesApi {
  list(): Promise<Result<DeliveryView[], string>>;
  retry(deliveryId: string): Promise<Result<DeliveryView, string>>;
  reportToGp(address: string): Promise<Result<DeliveryView, string>>;
}

/** One request with the doctor's token; the platform's plain sentence as the error. */
async function call(storage: Storage, url: string, body?: unknown): Promise<Result<Record<string, unknown>, string>> {
  let res: Response;
  try {
    res = await fetch(url, {
      method: body === undefined ? 'GET' : 'POST',
      headers: { ...bearerHeader(storage), ...(body !== undefined && { 'content-type': 'application/json' }) },
      ...(body !== undefined && { body: JSON.stringify(body) }),
    });
  } catch (error) {
    return err(error instanceof Error ? error.message : String(error));
  }
  const parsed = (await res.json().catch(() => ({}))) as Record<string, unknown>;
  return res.ok ? ok(parsed) : err(typeof parsed.message === 'string' ? parsed.message : `HTTP ${res.status}`);
}

export function deliveriesApi(storage: Storage, consultationId: string): DeliveriesApi {
  const base = `/api/consultations/${encodeURIComponent(consultationId)}`;
  const one = (r: Result<Record<string, unknown>, string>) => (r.ok ? ok(r.value.delivery as DeliveryView) : r);
  return {
    list: async () => {
      const r = await call(storage, `${base}/deliveries`);
      return r.ok ? ok(r.value.deliveries as DeliveryView[]) : r;
    },
    retry: async (id) => one(await call(storage, `${base}/deliveries/${encodeURIComponent(id)}/retry`, {})),
    reportToGp: async (address) => one(await call(storage, `${base}/report-to-gp`, { address })),
  };
}

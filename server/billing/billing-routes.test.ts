import { afterEach, describe, expect, it } from 'vitest';
import { BillingCounts, PHARMACY_BILLING_API } from '../../common/pharmacy/billing';
import type { PharmacistInfo } from '../../common/signaling/messages';
import { createHttpServer, listen, type HttpApp } from '../../http/http-server';
import { BearerSessions } from '../auth/bearer-sessions';
import { PharmacyDirectory } from '../pharmacy/pharmacy-directory';
import { openPlatformStores, type PlatformStores } from '../platform-stores';
import { IN_MEMORY_RECORDS } from '../records/records-database';
import type { BillingEntry } from './billing-entry';
import { registerBillingRoutes } from './billing-routes';
import { memoryAuthStores } from '../auth/testing/memory-auth-stores';

let app: HttpApp | undefined;
let stores: PlatformStores | undefined;
afterEach(async () => {
  await app?.close();
  stores?.close();
});

const NOW = Date.parse('2026-12-05T10:00:00Z');
const row = (consultationId: string, pharmacyId: string, endedAt: string): BillingEntry => ({
  consultationId,
  endedAt,
  day: endedAt.slice(0, 10),
  pharmacyId,
  kioskId: 'k',
  doctorRpps: '10000000001',
  nir: '190017512345678',
  actCode: 'TLM',
  amountCents: 100,
  teleconsultationAct: 'TCG',
  teleconsultationFeeCents: 3000,
  coverage: 'non transmise',
});

/** The billing routes over real HTTP, two pharmacies with rows, a pharmacist of pharmacie-a signed in. */
async function platform() {
  stores = openPlatformStores(IN_MEMORY_RECORDS);
  for (const r of [
    row('a1', 'pharmacie-a', '2026-12-05T08:00:00.000Z'),
    row('a2', 'pharmacie-a', '2026-12-01T08:00:00.000Z'),
    row('b1', 'pharmacie-b', '2026-12-05T08:00:00.000Z'),
  ])
    await stores.billing.record(r);
  const directory = new PharmacyDirectory(null);
  await directory.upsertPharmacy({ id: 'pharmacie-a', name: 'Pharmacie A' });
  await directory.upsertPharmacy({ id: 'pharmacie-b', name: 'Pharmacie B' });
  const sessions = new BearerSessions<PharmacistInfo>(memoryAuthStores().sessions, 'pharmacist');
  const { token } = await sessions.create({
    id: 'p1',
    name: 'Paul',
    pharmacy: { id: 'pharmacie-a', name: 'Pharmacie A' },
  });
  app = await createHttpServer({ name: 'test:billing-routes' });
  registerBillingRoutes(app, { sessions, directory, billing: stores.billing, now: () => NOW });
  const url = await listen(app, 0);
  const get = (path: string, bearer = token) =>
    fetch(`${url}${path}`, { headers: { authorization: `Bearer ${bearer}` } });
  return { get };
}

describe('the pharmacist billing routes', () => {
  it("serve the month's CSV of the session's pharmacy only", async () => {
    const { get } = await platform();
    const res = await get(`${PHARMACY_BILLING_API.csv}?month=2026-12`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('text/csv; charset=utf-8');
    expect(res.headers.get('content-disposition')).toBe(
      'attachment; filename="teleconsultations-pharmacie-a-2026-12.csv"',
    );
    const bytes = new Uint8Array(await res.arrayBuffer());
    expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const lines = new TextDecoder().decode(bytes).trimEnd().split('\r\n');
    expect(lines.slice(1).map((l) => l.split(';').at(-1))).toEqual(['a2', 'a1']);
    expect(lines[1]).toContain(';Pharmacie A;');
  });

  it("refuse another pharmacy's (403), no session (401) and a bad month (400)", async () => {
    const { get } = await platform();
    const other = await get(`${PHARMACY_BILLING_API.csv}?month=2026-12&pharmacy=pharmacie-b`);
    expect(other.status).toBe(403);
    expect(await other.json()).toMatchObject({ error: 'forbidden', message: expect.stringMatching(/own pharmacy/) });
    expect((await get(`${PHARMACY_BILLING_API.csv}?month=2026-12&pharmacy=pharmacie-a`)).status).toBe(200);
    expect((await get(`${PHARMACY_BILLING_API.csv}?month=2026-12`, 'x'.repeat(32))).status).toBe(401);
    expect((await get(`${PHARMACY_BILLING_API.csv}?month=12-2026`)).status).toBe(400);
  });

  it("count today's and this month's assisted teleconsultations of the pharmacy", async () => {
    const { get } = await platform();
    const res = await get(PHARMACY_BILLING_API.counts);
    expect(BillingCounts.parse(await res.json())).toEqual({ day: '2026-12-05', today: 1, month: 2 });
  });
});

import Database from 'better-sqlite3-multiple-ciphers';
import { afterEach, describe, expect, it } from 'vitest';
import { IDENTITY_API } from '../../common/identity/identity-check';
import type { PharmacistInfo } from '../../common/signaling/messages';
import { createHttpServer, listen, type HttpApp } from '../../http/http-server';
import type { ReadGate } from '../access/read-gate';
import { BearerSessions } from '../auth/bearer-sessions';
import { PharmacyDirectory } from '../pharmacy/pharmacy-directory';
import { migrateRecords } from '../records/migrations';
import { IdentityCheckStore } from './identity-check-store';
import { registerIdentityRoutes } from './identity-routes';
import { httpInsiClient, type InsiClient } from './insi-client';
import { SessionIdentityService } from './session-identity';
import { startInsiTestServer } from './testing/insi-test-server';
import { memoryAuthStores } from '../auth/testing/memory-auth-stores';

let app: HttpApp | undefined;
afterEach(async () => app?.close());

const NOW = Date.parse('2026-12-06T10:00:00Z');
const CARD = {
  lastName: 'TEST',
  firstName: 'ENFANT',
  birthDate: '2012-06-01',
  nir: '112067512345677',
  source: 'card',
} as const;

/** The pharmacist's identity routes over real HTTP: two pharmacies, an identity from each one's cabin. */
async function platform(insi: InsiClient | null = null) {
  const db = new Database(':memory:');
  migrateRecords(db);
  const identities = new SessionIdentityService(new IdentityCheckStore(db), insi, () => new Date(NOW).toISOString());
  identities.received('cabine-a', 'session-a', CARD);
  identities.received('cabine-b', 'session-b', CARD);
  const directory = new PharmacyDirectory(null);
  await directory.upsertPharmacy({ id: 'pharmacie-a', name: 'Pharmacie A' });
  await directory.upsertPharmacy({ id: 'pharmacie-b', name: 'Pharmacie B' });
  await directory.assignKiosk('cabine-a', 'pharmacie-a');
  await directory.assignKiosk('cabine-b', 'pharmacie-b');
  const pharmacists = new BearerSessions<PharmacistInfo>(memoryAuthStores().sessions, 'pharmacist');
  const { token } = await pharmacists.create({
    id: 'p1',
    name: 'Paul',
    pharmacy: { id: 'pharmacie-a', name: 'Pharmacie A' },
  });
  app = await createHttpServer({ name: 'test:identity-routes' });
  // The doctor's routes go through the read gate, walked by the e2e (e2e/identity); not asked here.
  const reads = { guard: () => ({ onRequest: async () => undefined, of: () => null }) } as unknown as ReadGate;
  registerIdentityRoutes(app, {
    identities,
    pharmacists,
    directory,
    reads,
    sessionOf: async () => null,
    now: () => NOW,
  });
  const url = await listen(app, 0);
  await identities.settled();
  const call = (path: string, body?: unknown, bearer = token) =>
    fetch(`${url}${path}`, {
      method: body === undefined ? 'GET' : 'POST',
      headers: {
        authorization: `Bearer ${bearer}`,
        ...(body === undefined ? {} : { 'content-type': 'application/json' }),
      },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
  return { call, db, identities };
}

describe("the pharmacist's identity routes", () => {
  it("list her own pharmacy's identities and record the document kind checked", async () => {
    const { call } = await platform();
    const list = (await (await call(IDENTITY_API.pharmacyList)).json()) as {
      identities: { sessionId: string; birthplace: string | null }[];
    };
    expect(list.identities.map((i) => i.sessionId)).toEqual(['session-a']);
    // The card's NIR says 75123, Paris as a whole, which the COG index names only by arrondissement:
    // the field is there and empty, and the portal shows the code (staff-identity-view.test.ts names one).
    expect(list.identities[0]).toHaveProperty('birthplace', null);
    const res = await call(IDENTITY_API.pharmacyDocument('session-a'), { kind: 'CN' });
    expect(res.status).toBe(200);
    // No INSi here: a document alone validates, it never qualifies.
    expect(await res.json()).toMatchObject({ identity: { identity: { status: 'validated', ins: null } } });
  });

  it("refuse another pharmacy's session (as unknown), a document kind RNIV does not accept, a number, no session", async () => {
    const { call, db } = await platform();
    const other = await call(IDENTITY_API.pharmacyDocument('session-b'), { kind: 'CN' });
    expect(other.status).toBe(404);
    expect(await other.json()).toMatchObject({ error: 'no-identity' });
    expect((await call(IDENTITY_API.pharmacyDocument('session-a'), { kind: 'driving-licence' })).status).toBe(400);
    // A document number is not a field: refused, never stored.
    expect((await call(IDENTITY_API.pharmacyDocument('session-a'), { kind: 'CN', number: '123AB4567' })).status).toBe(
      400,
    );
    expect((await call(IDENTITY_API.pharmacyList, undefined, 'nope')).status).toBe(401);
    expect(db.prepare('SELECT count(*) AS n FROM identity_document_checks').get()).toEqual({ n: 0 });
  });

  it('ask INSi again for an identity whose search got no answer, once it answers; not otherwise', async () => {
    const insi = await startInsiTestServer([
      {
        ins: '112067512345677',
        traits: {
          birthName: 'TEST',
          birthGivenNames: 'ENFANT',
          birthDate: '2012-06-01',
          sex: 'M',
          birthplaceCode: '75123',
          usedName: null,
          usedGivenName: null,
        },
      },
    ]);
    try {
      // The platform's INSi address unreachable when the identities arrive (the network down), then back.
      let url = 'http://127.0.0.1:9';
      const { call } = await platform({
        searchByTraits: (query) => httpInsiClient({ url, timeoutMs: 2000 }).searchByTraits(query),
      });
      url = insi.url;
      expect((await call(IDENTITY_API.pharmacyInsi('session-b'), {})).status).toBe(404);
      const again = await call(IDENTITY_API.pharmacyInsi('session-a'), {});
      expect(again.status).toBe(200);
      expect(await again.json()).toMatchObject({
        identity: { insi: { kind: 'found' }, identity: { status: 'recovered', ins: '112067512345677' } },
      });
      const answered = await call(IDENTITY_API.pharmacyInsi('session-a'), {});
      expect(answered.status).toBe(409);
      expect(await answered.json()).toMatchObject({ error: 'insi-not-failed' });
    } finally {
      await insi.close();
    }
  });

  it('say plainly that INSi is not configured', async () => {
    const { call } = await platform();
    const res = await call(IDENTITY_API.pharmacyInsi('session-a'), {});
    expect(res.status).toBe(503);
    expect(await res.json()).toMatchObject({ error: 'no-insi' });
  });
});

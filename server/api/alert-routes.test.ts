import { randomBytes } from 'node:crypto';
import { afterEach, describe, expect, it } from 'vitest';
import { AlertAnswer } from '../../common/pharmacy/alerts';
import { PLATFORM_API } from '../../common/signaling/fleet';
import { createHttpServer, listen, type HttpApp } from '../../http/http-server';
import { KioskCredentials } from '../auth/kiosk-credentials';
import { AlertDesk } from '../pharmacy/alert-desk';
import { PharmacyDirectory } from '../pharmacy/pharmacy-directory';
import { SqlitePharmacyStore } from '../pharmacy/pharmacy-store';
import { IN_MEMORY_RECORDS, openRecordsDatabase } from '../records/records-database';
import { registerAlertRoutes } from './alert-routes';

const ALERT = '9a1b2c3d-4e5f-4a6b-8c7d-0e1f2a3b4c5d';
let app: HttpApp | undefined;
afterEach(() => app?.close());

/** The kiosk's alert routes over real HTTP, one pharmacy owning kiosk-1, `portals` open. */
async function platform(portals = 0) {
  const kioskCredentials = new KioskCredentials(randomBytes(32));
  const store = new SqlitePharmacyStore(openRecordsDatabase(IN_MEMORY_RECORDS));
  const directory = new PharmacyDirectory(store);
  await directory.upsertPharmacy({ id: 'pharmacie-a', name: 'Pharmacie A' });
  await directory.assignKiosk('kiosk-1', 'pharmacie-a', 'Cabine 1');
  const alerts = new AlertDesk({ portalsOpen: () => portals, deliveryWaitMs: 2_000 });
  app = await createHttpServer({ name: 'test:alert-routes' });
  registerAlertRoutes(app, { kioskCredentials, alerts, directory, pollMs: 300 });
  const url = await listen(app, 0);
  const call = (credential: string, path: string, body?: unknown) =>
    fetch(`${url}${PLATFORM_API.alerts}${path}`, {
      method: body === undefined ? 'GET' : 'POST',
      headers: {
        authorization: `Bearer ${credential}`,
        ...(body === undefined || body === null ? {} : { 'content-type': 'application/json' }),
      },
      ...(body === undefined || body === null ? {} : { body: JSON.stringify(body) }),
    });
  return { kioskCredentials, alerts, call, store, kiosk1: kioskCredentials.issue('kiosk-1') };
}

describe('the kiosk alert routes', () => {
  it('raise an alert with the kiosk credential and answer undelivered at once when no portal is open', async () => {
    const { call, kiosk1 } = await platform(0);
    const started = Date.now();
    const res = await call(kiosk1, '', { alertId: ALERT, kind: 'help' });
    expect(res.status).toBe(200);
    expect(AlertAnswer.parse(await res.json())).toMatchObject({ status: 'undelivered', escalated: false });
    expect(Date.now() - started).toBeLessThan(1_500);
    expect((await call('not-a-credential', '', { alertId: ALERT, kind: 'help' })).status).toBe(401);
  });

  it('bring the alert of a kiosk assigned a moment ago through another node to its pharmacy', async () => {
    const { call, kioskCredentials, alerts, store } = await platform(0);
    // Another node (or the admin command) assigns kiosk-2: this node's directory has not polled yet.
    await new PharmacyDirectory(store).assignKiosk('kiosk-2', 'pharmacie-a', 'Cabine 2');
    await call(kioskCredentials.issue('kiosk-2'), '', { alertId: ALERT, kind: 'emergency' });
    expect(alerts.forPharmacy('pharmacie-a')).toEqual([
      expect.objectContaining({ alertId: ALERT, kioskId: 'kiosk-2', cabinLabel: 'Cabine 2' }),
    ]);
  });

  it('name the bad field of a bad request', async () => {
    const { call, kiosk1 } = await platform();
    const res = await call(kiosk1, '', { alertId: 'nope', kind: 'fire' });
    expect(res.status).toBe(400);
    expect(await res.json()).toMatchObject({
      error: 'invalid-input',
      message: expect.stringMatching(/^body: alertId: /),
    });
  });

  it('answer a long poll when a portal delivers the alert, and as it is when the poll time runs out', async () => {
    const { call, kiosk1, alerts } = await platform(0);
    const raised = AlertAnswer.parse(await (await call(kiosk1, '', { alertId: ALERT, kind: 'emergency' })).json());
    const idle = AlertAnswer.parse(await (await call(kiosk1, `/${ALERT}?after=${raised.version}`)).json());
    expect(idle).toMatchObject({ status: 'undelivered', version: raised.version });
    const poll = call(kiosk1, `/${ALERT}?after=${raised.version}`);
    setTimeout(() => alerts.received('pharmacie-a', 'portal', [ALERT]), 50);
    expect(AlertAnswer.parse(await (await poll).json())).toMatchObject({ status: 'delivered' });
  });

  it('say an alert of another kiosk, or one the platform forgot, is unknown; close one answered at the cabin', async () => {
    const { call, kiosk1, kioskCredentials, alerts } = await platform(0);
    await call(kiosk1, '', { alertId: ALERT, kind: 'help' });
    const other = kioskCredentials.issue('kiosk-2');
    expect(await (await call(other, `/${ALERT}`)).json()).toMatchObject({ error: 'unknown-alert' });
    expect((await call(other, '', { alertId: ALERT, kind: 'help' })).status).toBe(403);
    expect((await call(other, `/${ALERT}/resolve`, null)).status).toBe(404);
    const resolved = await call(kiosk1, `/${ALERT}/resolve`, null);
    expect(await resolved.json()).toMatchObject({ status: 'resolved' });
    expect(alerts.forPharmacy('pharmacie-a')).toEqual([]);
    expect((await call(kiosk1, `/${ALERT}`)).status).toBe(404);
  });
});

import { randomBytes } from 'node:crypto';
import { afterEach, describe, expect, it } from 'vitest';
import { ManualClock } from '../../common/util/testing/manual-clock';
import { createHttpServer, listen, type HttpApp } from '../../http/http-server';
import { registerTechnicianRoutes } from '../../server/api/technician-routes';
import { KioskCredentials } from '../../server/auth/kiosk-credentials';
import { openPlatformStores, type PlatformStores } from '../../server/platform-stores';
import { IN_MEMORY_RECORDS } from '../../server/records/records-database';
import { KioskStore } from '../../main/db/kiosk-store';
import { TechnicianSignIn } from '../../main/staff/technician-sign-in';
import { startTechnicianAccountsSync } from '../../main/sync/technician-accounts-sync';

let app: HttpApp | undefined;
let platformStores: PlatformStores | undefined;
const stops: (() => void)[] = [];
afterEach(async () => {
  for (const stop of stops.splice(0)) stop();
  await app?.close();
  platformStores?.close();
});

describe('technician accounts reach the kiosk over its credential', () => {
  it('caches the platform’s accounts for offline sign-in, drops a revoked one, keeps the cache when offline', async () => {
    platformStores = openPlatformStores(IN_MEMORY_RECORDS);
    await platformStores.technicians.upsert({ id: 'tech.martin', name: 'Léa Martin', secret: 'k7pm-x2qa-9rtw' });
    const kioskCredentials = new KioskCredentials(randomBytes(32));
    app = await createHttpServer({ name: 'test:technician-sync' });
    registerTechnicianRoutes(app, { kioskCredentials, technicians: platformStores.technicians });
    const url = await listen(app, 0);
    const clock = new ManualClock(Date.parse('2026-12-05T10:00:00Z'));
    const store = KioskStore.open({ file: ':memory:', key: null, clock });
    stops.push(() => store.close());
    const refusals: unknown[] = [];
    let credential = 'kc2.forged.1.2.x.y';
    const sync = startTechnicianAccountsSync({
      platformUrl: url.replace(/^http/, 'ws'),
      credential: () => credential,
      onRefused: (code) => refusals.push(code),
      table: store.technicians,
      clock,
    });
    stops.push(sync.stop);
    expect(await sync.refresh()).toBe(false);
    expect(refusals).toContain('credential-invalid');
    expect(store.technicians.count()).toBe(0);

    credential = kioskCredentials.issue('kiosk-1');
    expect(await sync.refresh()).toBe(true);
    const signIn = new TechnicianSignIn({ accounts: store.technicians, audit: store.audit, clock });
    expect(signIn.check('tech.martin', 'k7pm-x2qa-9rtw')).toMatchObject({ ok: true });

    // The platform goes away: the cached account still signs in.
    await app.close();
    app = undefined;
    expect(await sync.refresh()).toBe(false);
    expect(signIn.check('tech.martin', 'k7pm-x2qa-9rtw')).toMatchObject({ ok: true });

    // Back, with the account revoked: dropped at the next fetch.
    await platformStores.technicians.revoke('tech.martin');
    await platformStores.technicians.upsert({ id: 'tech.durand', name: 'Paul Durand', secret: 'durand-secret-1' });
    app = await createHttpServer({ name: 'test:technician-sync-2' });
    registerTechnicianRoutes(app, { kioskCredentials, technicians: platformStores.technicians });
    const again = await listen(app, 0);
    const sync2 = startTechnicianAccountsSync({
      platformUrl: again,
      credential: () => credential,
      table: store.technicians,
      clock,
    });
    stops.push(sync2.stop);
    expect(await sync2.refresh()).toBe(true);
    expect(signIn.check('tech.martin', 'k7pm-x2qa-9rtw')).toMatchObject({ ok: false, error: 'wrong-credentials' });
    expect(signIn.check('tech.durand', 'durand-secret-1')).toMatchObject({ ok: true });
  });
});

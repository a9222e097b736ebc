import { randomBytes } from 'node:crypto';
import { mkdirSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { PLATFORM_API } from '../../common/signaling/fleet';
import { TechnicianAccountList } from '../../common/staff/technician';
import { createHttpServer, listen, type HttpApp } from '../../http/http-server';
import { runAdmin } from '../admin';
import { KioskCredentials } from '../auth/kiosk-credentials';
import { verifyPassword } from '../auth/password-hash';
import { openPlatformStores, type PlatformStores } from '../platform-stores';
import { recordsDatabaseFile } from '../records/records-database';
import { registerTechnicianRoutes } from './technician-routes';

let app: HttpApp | undefined;
let stores: PlatformStores | undefined;
afterEach(async () => {
  await app?.close();
  stores?.close();
});

/** A platform data folder with its key, as the admin command and the platform open it. */
function dataFolder() {
  const dir = join(mkdtempSync(join(tmpdir(), 'technicians-')), 'data');
  mkdirSync(dir, { mode: 0o700 });
  const key = randomBytes(32);
  return { dir, key, env: { PLATFORM_DATA_KEY: key.toString('base64') } };
}

describe('technician accounts issued on the platform', () => {
  it('add-technician stores a scrypt hash the kiosk verifies; the kiosk route hands active accounts over its credential only', async () => {
    const { dir, key, env } = dataFolder();
    const added = await runAdmin(
      ['add-technician', '--id', 'Tech.Martin', '--name', 'Léa Martin', '--data-dir', dir],
      env,
    );
    const secret = /secret \(shown once, give it to the technician\): (\S+)/.exec(added)?.[1];
    expect(secret).toMatch(/^[a-z2-9]{4}-[a-z2-9]{4}-[a-z2-9]{4}$/);
    await runAdmin(['add-technician', '--id', 'tech.durand', '--name', 'Paul Durand', '--data-dir', dir], {
      ...env,
      PLATFORM_TECHNICIAN_SECRET: 'durand-secret-1',
    });
    await expect(
      runAdmin(['add-technician', '--id', 'x', '--name', 'Too Short', '--data-dir', dir], env),
    ).rejects.toThrow(/--id: 3 to 40/);
    await expect(
      runAdmin(['add-technician', '--id', 'tech.b', '--name', 'B', '--data-dir', dir], {
        ...env,
        PLATFORM_TECHNICIAN_SECRET: 'short',
      }),
    ).rejects.toThrow(/at least 10 characters/);
    await expect(
      runAdmin(['add-technician', '--id', 'tech.b', '--name', 'B', '--data-dir', dir], {
        ...env,
        PLATFORM_TECHNICIAN_SECRET: 'Capital Secret',
      }),
    ).rejects.toThrow(/lower-case letters, digits and \. - _ @ only/);
    expect(await runAdmin(['revoke-technician', 'tech.durand', '--data-dir', dir], env)).toMatch(/revoked/);
    await expect(runAdmin(['revoke-technician', 'tech.nobody', '--data-dir', dir], env)).rejects.toThrow(
      /no active account "tech.nobody"/,
    );

    stores = openPlatformStores(recordsDatabaseFile(dir, key));
    const kioskCredentials = new KioskCredentials(randomBytes(32));
    app = await createHttpServer({ name: 'test:technician-routes' });
    registerTechnicianRoutes(app, { kioskCredentials, technicians: stores.technicians });
    const url = `${await listen(app, 0)}${PLATFORM_API.technicians}`;

    const refused = await fetch(url, { headers: { authorization: 'Bearer kc2.forged.1.2.x.y' } });
    expect(refused.status).toBe(401);
    const res = await fetch(url, { headers: { authorization: `Bearer ${kioskCredentials.issue('kiosk-1')}` } });
    expect(res.status).toBe(200);
    const body = await res.text();
    expect(body).not.toContain(secret!);
    const { technicians } = TechnicianAccountList.parse(JSON.parse(body));
    // The revoked account is not handed out; the identifier was stored lower-case.
    expect(technicians.map((t) => [t.id, t.name])).toEqual([['tech.martin', 'Léa Martin']]);
    expect(await verifyPassword(secret!, technicians[0]!.secretHash)).toBe(true);
    expect(await verifyPassword('wrong-secret', technicians[0]!.secretHash)).toBe(false);
  });
});

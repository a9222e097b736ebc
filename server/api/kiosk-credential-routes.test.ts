import { randomBytes } from 'node:crypto';
import { afterEach, describe, expect, it } from 'vitest';
import { HeartbeatAnswer, PLATFORM_API } from '../../common/signaling/fleet';
import { createHttpServer, listen, type HttpApp } from '../../http/http-server';
import { CallTokens } from '../auth/call-tokens';
import { DoctorSessions } from '../auth/doctor-sessions';
import { KioskCredentials } from '../auth/kiosk-credentials';
import type { CallCenter } from '../calls/call-center';
import { FleetRegistry } from './fleet-registry';
import { registerPlatformRoutes } from './platform-routes';
import { memoryAuthStores } from '../auth/testing/memory-auth-stores';

const DAY = 24 * 3600_000;
const BEAT = { version: '1', uptimeSeconds: 1, devices: [], inSession: false };
let app: HttpApp | undefined;
afterEach(() => app?.close());

/** The kiosk routes on a clock the test moves. */
async function platform() {
  const clock = { t: Date.parse('2026-03-02T09:00:00Z') };
  const secret = randomBytes(32);
  const kioskCredentials = new KioskCredentials(secret, { now: () => clock.t });
  app = await createHttpServer({ name: 'test:kiosk-routes' });
  registerPlatformRoutes(app, {
    kioskCredentials,
    callTokens: new CallTokens(secret),
    sessions: new DoctorSessions(memoryAuthStores().sessions),
    fleet: new FleetRegistry(),
    // The fleet view's queue figures only; no route under test reads them.
    calls: { stats: () => ({}) } as unknown as CallCenter,
  });
  const url = await listen(app, 0);
  const beat = (credential: string) =>
    fetch(`${url}${PLATFORM_API.heartbeat}`, {
      method: 'POST',
      headers: { authorization: `Bearer ${credential}`, 'content-type': 'application/json' },
      body: JSON.stringify(BEAT),
    });
  return { clock, kioskCredentials, beat };
}

describe('kiosk credentials on the kiosk routes', () => {
  it('refuse an expired or a revoked credential with the reason, and a forged one as invalid', async () => {
    const { clock, kioskCredentials, beat } = await platform();
    const expiring = kioskCredentials.issue('kiosk-abc', 1);
    expect((await beat(expiring)).status).toBe(200);
    clock.t += DAY;
    const expired = await beat(expiring);
    expect(expired.status).toBe(401);
    expect(await expired.json()).toMatchObject({
      error: 'credential-expired',
      message: 'credential expired: ask the operator for a new one',
    });
    const good = kioskCredentials.issue('kiosk-abc');
    expect((await beat(good)).status).toBe(200);
    await kioskCredentials.revoke('kiosk-abc');
    expect(await (await beat(good)).json()).toMatchObject({ error: 'credential-revoked' });
    expect(await (await beat('kc2.kiosk-abc.1.2.x.y')).json()).toMatchObject({ error: 'credential-invalid' });
  });

  it('hand a kiosk a new credential on its heartbeat in the last 30 days of the old one', async () => {
    const { clock, kioskCredentials, beat } = await platform();
    const first = kioskCredentials.issue('kiosk-abc');
    expect(HeartbeatAnswer.parse(await (await beat(first)).json())).toEqual({ ok: true });
    clock.t += 61 * DAY;
    const answer = HeartbeatAnswer.parse(await (await beat(first)).json());
    expect(await kioskCredentials.verify(answer.credential!)).toMatchObject({
      kioskId: 'kiosk-abc',
      expiresAtMs: clock.t + 90 * DAY,
    });
  });
});

import { noteOf } from '../common/records/testing/samples';
import { randomBytes } from 'node:crypto';
import { mkdirSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, expect, it } from 'vitest';
import { PLATFORM_API } from '../common/signaling/fleet';
import { sleep, systemClock } from '../common/util/clock';
import type { Platform } from './platform';
import { requireMediasoupWorker } from './testing/mediasoup-stack';
import { requirePostgres } from './testing/postgres-instance';
import { connectDoctor, joinQueue } from './testing/signal-clients';
import { startTestPlatform } from './testing/test-platform';

/**
 * The database lost mid-run, for real: the private PostgreSQL is stopped under a running call. The
 * health endpoint says so (503 with the reason), a kiosk's new call is refused, the running call
 * goes on.
 */
const mediasoup = await requireMediasoupWorker();
const postgres = await requirePostgres();
let platform: Platform | undefined;
afterAll(async () => {
  await platform?.close();
  if (!postgres.missing) await postgres.value.stop();
});

const describeBoth = postgres.missing ? postgres.describe : mediasoup.describe;

describeBoth('the database lost mid-run', () => {
  it('reports it in /healthz, takes no new call, and keeps the running call', async () => {
    const dataDir = join(mkdtempSync(join(tmpdir(), 'db-health-')), 'data');
    mkdirSync(dataDir, { mode: 0o700 });
    const url = await postgres.value.createDatabase();
    platform = await startTestPlatform({ dataDir, dataKey: randomBytes(32), databaseUrl: url });
    const health = async () => {
      const res = await fetch(`${platform!.url}/healthz`);
      return { status: res.status, body: (await res.json()) as { ok: boolean; inCall: number; database: unknown } };
    };
    expect(await health()).toMatchObject({ status: 200, body: { ok: true, database: { state: 'ok' } } });

    const doctor = await connectDoctor(platform);
    const { kiosk, joined } = await joinQueue(platform, 'kiosk-db-health');
    await doctor.request('accept', { consultationId: joined.consultationId });
    await kiosk.events.next('doctor-accepted');

    await postgres.value.stop();
    let seen = await health();
    for (let i = 0; i < 50 && seen.status === 200; i++) {
      await sleep(systemClock, 200);
      seen = await health();
    }
    expect(seen).toMatchObject({ status: 503, body: { ok: false, inCall: 1, database: { state: 'lost' } } });

    // A new call: the kiosk's ticket is refused, saying why.
    const ticket = await fetch(`${platform.url}${PLATFORM_API.callTickets}`, {
      method: 'POST',
      headers: {
        authorization: `Bearer ${platform.kioskCredentials.issue('kiosk-new')}`,
        'content-type': 'application/json',
      },
      body: JSON.stringify({ sessionId: '6f1c1f4e-8d0a-4d4e-9f4a-3b7c2a1d0e91' }),
    });
    expect(ticket.status).toBe(503);
    expect(await ticket.json()).toMatchObject({ error: 'database-lost' });

    // The running call: its signalling still answers both sides.
    await doctor.request('save-notes', { consultationId: joined.consultationId, note: noteOf('Toux') });
    await doctor.request('request-measurement', { consultationId: joined.consultationId, kind: 'oximetry' });
    expect((await kiosk.events.next('measurement-requested')).type).toBe('measurement-requested');
    expect(platform.calls.stats().inCall).toBe(1);
    // Ending it with a prescription, which lives in the lost database: an error the console shows, the call stays.
    const prescription = { lines: [{ item: 'Sirop', dosage: '10 ml', duration: '5 jours', notes: '' }] };
    await expect(
      doctor.request('end-call', { consultationId: joined.consultationId, note: noteOf('Toux'), prescription }),
    ).rejects.toThrow(/the prescription could not be stored, so the consultation is not ended/);
    expect(platform.calls.stats().inCall).toBe(1);
    doctor.close();
    kiosk.close();
  });
});

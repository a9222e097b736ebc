import { randomBytes, randomUUID } from 'node:crypto';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { afterAll, afterEach, expect, it } from 'vitest';
import { requireMediasoupWorker } from '../testing/mediasoup-stack';
import { requirePostgres } from '../testing/postgres-instance';
import { kioskJoins, startPlatformProcess, ticketOf, type PlatformProcess } from './testing/platform-process';

/**
 * Issue 15: the queue outlives the platform's process. The real entry point is SIGKILLed with two
 * patients waiting and started again on the same data (SQLite folder, or PostgreSQL); the kiosks
 * rejoin in reverse order and each gets back its own place and estimate, not the end of the queue.
 */
const mediasoup = await requireMediasoupWorker();
const postgres = await requirePostgres();
afterAll(() => (postgres.missing ? undefined : postgres.value.stop()));

const running: PlatformProcess[] = [];
const closers: (() => unknown)[] = [];
afterEach(async () => {
  for (const close of closers.splice(0)) close();
  for (const p of running.splice(0)) await p.kill();
});

async function keepsPlaces(env: Record<string, string>) {
  const dataDir = join(mkdtempSync(join(tmpdir(), 'queue-restart-')), 'data');
  mkdirSync(dataDir, { recursive: true });
  closers.push(() => rmSync(join(dataDir, '..'), { recursive: true, force: true }));
  const fullEnv = { PLATFORM_DATA_KEY: randomBytes(32).toString('base64'), ...env };
  const kiosks = ['kiosk-first', 'kiosk-second'];
  const first = await startPlatformProcess(dataDir, fullEnv, kiosks);
  running.push(first);
  const patients = [];
  for (const kiosk of kiosks) {
    const sessionId = randomUUID();
    const token = await ticketOf(first.url, dataDir, kiosk, sessionId);
    const { client, joined } = await kioskJoins(first.url, token, sessionId);
    closers.push(() => client.close());
    patients.push({ sessionId, token, joined });
  }
  expect(patients.map((p) => p.joined.position)).toEqual([1, 2]);
  // Killed as soon as both were answered: a place is answered once stored.
  await running.pop()!.kill();

  const second = await startPlatformProcess(dataDir, fullEnv, kiosks);
  running.push(second);
  const back = [];
  for (const patient of [...patients].reverse()) {
    const { client, joined } = await kioskJoins(second.url, patient.token, patient.sessionId);
    closers.push(() => client.close());
    back.unshift(joined);
  }
  for (const [i, joined] of back.entries()) {
    expect(joined.consultationId).toBe(patients[i]!.joined.consultationId);
    expect(joined.state).toBe('waiting');
    expect(joined.position).toBe(patients[i]!.joined.position);
    expect(joined.wait).toEqual(patients[i]!.joined.wait);
  }
}

mediasoup.describe('the queue across a platform SIGKILL', () => {
  it('keeps each waiting patient’s place on the embedded SQLite', () => keepsPlaces({}), 60_000);

  postgres.describe('on PostgreSQL', () => {
    it('keeps each waiting patient’s place on PostgreSQL too', async () => {
      const url = await postgres.value.createDatabase();
      await keepsPlaces({ PLATFORM_DATABASE_URL: url });
      // The queue was there, not in the data folder: its two rows, their entries sealed.
      const client = new pg.Client({ connectionString: url });
      await client.connect();
      const { rows } = await client.query<{ state: string; entry: Buffer }>(
        'SELECT state, entry FROM queue_consultations',
      );
      await client.end();
      expect(rows.map((r) => r.state)).toEqual(['waiting', 'waiting']);
      for (const row of rows) expect(row.entry.includes(Buffer.from('general-practice'))).toBe(false);
      // Another data key: a clear refusal and exit 1, never a platform with an empty queue.
      await running.pop()!.kill();
      const otherKey = { PLATFORM_DATA_KEY: randomBytes(32).toString('base64'), PLATFORM_DATABASE_URL: url };
      const dataDir = mkdtempSync(join(tmpdir(), 'queue-restart-key-'));
      closers.push(() => rmSync(dataDir, { recursive: true, force: true }));
      await expect(startPlatformProcess(join(dataDir, 'data'), otherKey, [])).rejects.toThrow(
        /exited \(1\).*the platform's data key does not open the PostgreSQL records at 127\.0\.0\.1:\d+\/test_\d+/s,
      );
    }, 60_000);
  });
});

import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { MAX_BATCH_ITEMS, type RecordsBatch } from '../common/records/wire';
import { KioskStore } from '../main/db/kiosk-store';
import { bulkFill } from '../main/db/testing/bulk-fill';
import { HttpRecordsTransport } from '../main/sync/records-transport';
import { SyncClient } from '../main/sync/sync-client';
import { createHttpServer, listen } from '../http/http-server';
import { registerRecordsRoutes } from '../server/records/records-routes';
import { SqliteRecordsRepository } from '../server/records/sqlite-records-repository';
import type { BenchResult } from './figure';
import { PlatformCredential } from '../main/platform-credential';

/**
 * Time to drain 100,000 outbox rows from an encrypted kiosk store to the platform's records
 * ingestion on loopback (validation, idempotent SQLite storage with synchronous=FULL, ack, marking),
 * beside a baseline in the same run: the same batches POSTed over the same loopback to a server that
 * only reads the body and answers (the network and JSON floor).
 */
const ROWS = 100_000;
/** The sync client's default batch, which the bare loop posts too. */
const BATCH = MAX_BATCH_ITEMS;

async function drain(dir: string): Promise<number> {
  const key = randomBytes(32);
  const file = join(dir, 'kiosk.sqlite');
  bulkFill(file, key, { measurements: ROWS, perSession: 1000, acknowledged: false });
  // Encrypted under its own key, as the platform keeps its records.
  const repository = new SqliteRecordsRepository({ file: join(dir, 'records.sqlite'), key: randomBytes(32) });
  const platform = await createHttpServer({ name: 'bench:platform' });
  registerRecordsRoutes(platform, {
    repository,
    verifyKiosk: (t) => (t === 'bench' ? 'bench-kiosk' : null),
  });
  const platformUrl = await listen(platform, 0);
  writeFileSync(join(dir, 'credential'), 'bench');
  const store = KioskStore.open({ file, key });
  const client = new SyncClient({
    outbox: store.outbox,
    transport: new HttpRecordsTransport({ platformUrl, credential: new PlatformCredential(join(dir, 'credential')) }),
    backoff: { initialMs: 10, maxMs: 100 },
  });
  const t = performance.now();
  const drained = new Promise<void>((resolve, reject) =>
    client.onEvent((e) => {
      if (e.type === 'idle') resolve();
      if (e.type === 'retry') reject(new Error(`sync failed during the bench: ${e.reason}`));
    }),
  );
  client.start();
  await drained;
  const ms = performance.now() - t;
  const onPlatform = (await repository.measurementIds()).length;
  await client.stop();
  store.close();
  await platform.close();
  await repository.close();
  if (onPlatform !== ROWS) throw new Error(`the platform holds ${onPlatform} measurements, expected ${ROWS}`);
  return ms;
}

async function floor(dir: string): Promise<number> {
  // The same payloads, read back from a fresh unencrypted fill, posted to a server that stores nothing.
  bulkFill(join(dir, 'floor.sqlite'), null, { measurements: ROWS, perSession: 1000, acknowledged: false });
  const source = KioskStore.open({ file: join(dir, 'floor.sqlite'), key: null });
  const batches: RecordsBatch[] = [];
  const pending = source.outbox.pending(ROWS);
  while (pending.length > 0) {
    batches.push({ items: pending.splice(0, BATCH).map((p) => p.item) });
  }
  source.close();
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const body = JSON.parse(Buffer.concat(chunks).toString('utf8')) as RecordsBatch;
      res
        .writeHead(200, { 'content-type': 'application/json' })
        .end(JSON.stringify({ stored: body.items.map((i) => i.id) }));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(server.address() as { port: number }).port}/api/records/batch`;
  const t = performance.now();
  for (const batch of batches) {
    const response = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(batch),
    });
    await response.json();
  }
  const ms = performance.now() - t;
  server.closeAllConnections();
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return ms;
}

export default async function syncBench(): Promise<BenchResult> {
  const dir = mkdtempSync(join(tmpdir(), 'kiosk-bench-sync-'));
  try {
    const drainMs = await drain(dir);
    const floorMs = await floor(dir);
    console.log(
      `drain ${ROWS.toLocaleString('en')} outbox rows to the platform (batches of ${BATCH}): ${(drainMs / 1000).toFixed(2)} s ` +
        `(${Math.round((ROWS / drainMs) * 1000)} rows/s) vs ${(floorMs / 1000).toFixed(2)} s for the bare POST/ack loop → ×${(drainMs / floorMs).toFixed(1)}`,
    );
    return {
      figures: [
        {
          name: `outbox drain of ${ROWS.toLocaleString('en')} readings vs a bare POST loop`,
          ours: drainMs / 1000,
          baseline: floorMs / 1000,
          unit: 's',
          goal: { kind: 'at-most', max: 5 },
        },
      ],
      details: {
        drainSeconds100k: Number((drainMs / 1000).toFixed(2)),
        drainRowsPerSec: Math.round((ROWS / drainMs) * 1000),
        barePostSeconds100k: Number((floorMs / 1000).toFixed(2)),
        ratioToBarePost: Number((drainMs / floorMs).toFixed(2)),
      },
    };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

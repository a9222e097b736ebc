import { afterAll, expect, it } from 'vitest';
import type { PlatformStores } from '../platform-stores';
import { openRecordsDatabase } from '../records/records-database';
import { careEngines, type CareDatabase } from '../testing/care-store-engines';
import { requirePostgres } from '../testing/postgres-instance';
import { SqliteDeliveryOutbox, type DeliveryOutbox } from './delivery-outbox';
import { DeliveryWorker } from './delivery-worker';
import { cleanupsAfterEach } from '../../common/util/testing/cleanups';

/**
 * One contract for the outbox to other health services, both engines: the embedded SQLite and a
 * private PostgreSQL (the payload sealed there, a due delivery claimed by one node at a time).
 */
const postgres = await requirePostgres();
afterAll(() => (postgres.missing ? undefined : postgres.value.stop()));
const cleanups = cleanupsAfterEach();

const REPORT = { kind: 'mssante-report' as const, consultationId: 'c-1', reference: 'c-1:gp@x.mssante.fr' };
const PAYLOAD = { to: 'gp@x.mssante.fr', body: 'COMPTERENDUPATIENT' };

for (const engine of careEngines(postgres, cleanups)) {
  engine.describe(`delivery outbox contract (${engine.name})`, () => {
    it('stores a delivery once per kind and reference, keeps each failure, and leaves the due list once delivered', async () => {
      const database = await engine.fresh();
      const { stores } = await database.open();
      const outbox = outboxOf(database, stores);
      const first = await outbox.enqueue({ ...REPORT, payload: PAYLOAD }, 1_000);
      const again = await outbox.enqueue({ ...REPORT, payload: { other: true } }, 2_000);
      expect(again).toEqual(first);
      expect(first).toMatchObject({ attempts: 0, deliveredAtMs: null, nextAttemptAtMs: 1_000, payload: PAYLOAD });
      expect((await outbox.due(1_000)).map((d) => d.id)).toEqual([first.id]);
      await outbox.markFailed(first.id, 'MSSanté refused the certificate', 61_000);
      expect(await outbox.get(first.id)).toMatchObject({ attempts: 1, lastError: 'MSSanté refused the certificate' });
      expect(await outbox.due(2_000)).toEqual([]);
      expect(await outbox.retryNow(first.id, 3_000)).toBe(true);
      const due = await outbox.due(3_000);
      expect(due.map((d) => d.id)).toEqual([first.id]);
      await outbox.markDelivered(first.id, 'MSG-1', 4_000);
      expect(await outbox.ofConsultation('c-1')).toEqual([
        expect.objectContaining({ attempts: 2, deliveredAtMs: 4_000, receipt: 'MSG-1', lastError: null }),
      ]);
      expect(await outbox.undelivered()).toEqual([]);
      expect(await outbox.retryNow(first.id, 5_000)).toBe(false);
      const dump = database.dump?.();
      if (dump) expect(dump.includes(Buffer.from('COMPTERENDUPATIENT'))).toBe(false);
    });

    it('has two nodes’ workers send each due delivery once', async () => {
      const database = await engine.fresh();
      const nodes = [await database.open(), await database.open()];
      const outboxes = nodes.map(({ stores }) => outboxOf(database, stores));
      for (let i = 0; i < 20; i++)
        await outboxes[0]!.enqueue({ ...REPORT, reference: `c-1:${i}`, payload: { i } }, 1_000);
      const sent: number[] = [];
      const send = async (payload: unknown) => (sent.push((payload as { i: number }).i), 'ok');
      const workers = outboxes.map((o) => new DeliveryWorker(o, { 'mssante-report': send }, { now: () => 2_000 }));
      await Promise.all(workers.map((w) => w.runDue()));
      expect(sent.sort((a, b) => a - b)).toEqual(Array.from({ length: 20 }, (_, i) => i));
      expect(await outboxes[1]!.undelivered()).toEqual([]);
    });
  });
}

/** The node's outbox: PostgreSQL's with the stores, else on its own connection to the records file (compliance-wiring.ts). */
function outboxOf(database: CareDatabase, stores: PlatformStores): DeliveryOutbox {
  if (stores.deliveries) return stores.deliveries;
  const db = openRecordsDatabase(database.sqliteFile!);
  cleanups.push(() => db.close());
  return new SqliteDeliveryOutbox(db);
}

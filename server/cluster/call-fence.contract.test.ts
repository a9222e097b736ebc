import { expect, it } from 'vitest';
import type { QueueChanges, SavedConsultation } from '../calls/queue-journal';
import { careEngines, type CareNode } from '../testing/care-store-engines';
import { requirePostgres } from '../testing/postgres-instance';
import type { PgRecordsRepository } from '../records/pg-records-repository';
import { StaleEpochError, type EpochQueueStore } from './call-fence';
import { cleanupsAfterEach } from '../../common/util/testing/cleanups';

/**
 * The call node's fence (call-fence.ts) on each engine: PostgreSQL, shared by several nodes, refuses
 * a queue write or a takeover whose epoch is older than the highest seen, in the write's transaction;
 * SQLite, one node's file, takes its node's writes whatever their epoch.
 */
const postgres = await requirePostgres();
const cleanups = cleanupsAfterEach();

const ENTRY = { ageYears: 30, specialty: 'general-practice' as const, territory: '75', reason: 'x' };

function consultation(n: number): SavedConsultation {
  const id = `c${n}`;
  const sessionId = `6f1c1f4e-8d0a-4d4e-9f4a-3b7c2a1d0e9${n}`;
  return {
    consultationId: id,
    sessionId,
    kioskId: 'k',
    queueEntry: ENTRY,
    identity: null,
    joinedAt: n,
    state: 'waiting',
  };
}

const put = (...n: number[]): QueueChanges => ({
  put: n.map(consultation),
  remove: [],
  putPlaces: [],
  removePlaces: [],
});

function queueOf(node: CareNode, engine: string): EpochQueueStore {
  return engine === 'PostgreSQL' ? (node.records as PgRecordsRepository).queueStore() : node.stores.queue;
}

async function ids(store: EpochQueueStore, epoch: number): Promise<string[]> {
  return (await store.load(0, epoch)).consultations.map((c) => c.consultationId);
}

const [sqlite, postgresql] = careEngines(postgres, cleanups);

postgresql!.describe('the call node fence on PostgreSQL', () => {
  it('refuses the old reign once a newer one took the queue, and loses none of the new one', async () => {
    const database = await postgresql!.fresh();
    const a = queueOf(await database.open(), 'PostgreSQL');
    const b = queueOf(await database.open(), 'PostgreSQL');
    expect(await a.highestEpoch()).toBe(0);
    expect(await ids(a, 1)).toEqual([]);
    await a.write(put(1), 1);
    // B takes the calls over: its load fences A out before it reads.
    expect(await ids(b, 2)).toEqual(['c1']);
    const refused = await a.write(put(2), 1).catch((error: unknown) => error);
    expect(refused).toBeInstanceOf(StaleEpochError);
    expect(refused).toMatchObject({ epoch: 1, highest: 2 });
    await expect(a.load(0, 1)).rejects.toBeInstanceOf(StaleEpochError);
    // A resigned node writes with epoch 0: refused too.
    await expect(a.write(put(2), 0)).rejects.toBeInstanceOf(StaleEpochError);
    await b.write(put(3), 2);
    expect(await b.highestEpoch()).toBe(2);
    expect(await ids(b, 2)).toEqual(['c1', 'c3']);
  });

  it('orders two reigns writing at once: the older one is refused whole, never half written', async () => {
    const database = await postgresql!.fresh();
    const a = queueOf(await database.open(), 'PostgreSQL');
    const b = queueOf(await database.open(), 'PostgreSQL');
    await a.write(put(1), 1);
    const results = await Promise.allSettled([a.write(put(2, 4), 1), b.load(0, 2), a.write(put(5), 1)]);
    const written = await ids(b, 2);
    // Whatever the order, A's writes after B's takeover are refused and B reads every one before it.
    expect(results[1].status).toBe('fulfilled');
    if (results[0].status === 'rejected') expect(written).not.toContain('c2');
    expect(written.includes('c2')).toBe(written.includes('c4'));
    expect(results[2].status === 'fulfilled').toBe(written.includes('c5'));
    await expect(a.write(put(6), 1)).rejects.toBeInstanceOf(StaleEpochError);
  });
});

sqlite!.describe('the call node fence on SQLite', () => {
  it('takes its single node’s writes whatever their epoch (one node writes the file)', async () => {
    const database = await sqlite!.fresh();
    const store = queueOf(await database.open(), 'SQLite');
    expect(await store.highestEpoch()).toBe(0);
    await store.write(put(1), 5);
    await store.write(put(2), 1);
    expect(await ids(store, 1)).toEqual(['c1', 'c2']);
  });
});

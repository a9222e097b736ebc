import { afterAll, expect, it } from 'vitest';
import { requireMediasoupWorker } from '../testing/mediasoup-stack';
import { WorkerPool } from './worker-pool';

/** Issue 15: each node places a new room on its least-loaded mediasoup worker (real workers). */
const mediasoup = await requireMediasoupWorker();
let pool: WorkerPool | null = null;
afterAll(() => pool?.close());

/** A new room, and the worker it went to (the one whose count grew). */
async function placed(workers: WorkerPool) {
  const before = workers.load();
  const router = await workers.createRouter();
  return { router, worker: workers.load().findIndex((n, i) => n !== before[i]) };
}

mediasoup.describe('the worker pool', () => {
  it('opens each new room on the worker with the fewest rooms open', async () => {
    pool = await WorkerPool.start(2);
    const rooms = [await placed(pool), await placed(pool), await placed(pool)];
    expect(pool.load().sort()).toEqual([1, 2]);
    const busier = pool.load().indexOf(2);
    // The busier worker's rooms end: it is now the lighter one, and takes the next room.
    for (const room of rooms.filter((r) => r.worker === busier)) room.router.close();
    expect(pool.load()[busier]).toBe(0);
    expect((await placed(pool)).worker).toBe(busier);
    expect(pool.load()).toEqual([1, 1]);
  }, 30_000);
});

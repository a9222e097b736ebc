import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { availableParallelism, homedir } from 'node:os';
import { join, resolve } from 'node:path';
import type * as Mediasoup from 'mediasoup';
import type { types } from 'mediasoup';
import { createLogger } from '../../common/util/logger';
import { MEDIA_CODECS, webRtcServerOptions } from './media-config';
import { LOOPBACK_MEDIA, type MediaNetwork } from './media-network';

const log = createLogger('platform:media:workers');

/**
 * Where scripts/build-mediasoup-worker.sh caches the worker; the same rule as
 * scripts/mediasoup-worker-path.mjs (cache folder keyed by the pinned mediasoup version).
 */
export function defaultWorkerPath(root = resolve(import.meta.dirname, '../..')): string {
  const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { dependencies: Record<string, string> };
  const cache = process.env.KIOSK_CACHE_DIR || join(homedir(), '.cache', 'kiosk');
  return join(cache, 'mediasoup-worker', pkg.dependencies.mediasoup!, 'mediasoup-worker');
}

/**
 * Finds the mediasoup worker built by scripts/build-mediasoup-worker.sh and points
 * MEDIASOUP_WORKER_BIN at it (mediasoup reads it when imported). An explicit MEDIASOUP_WORKER_BIN
 * wins. Throws a message saying how to build it when it is missing.
 */
export function resolveWorkerBin(): string {
  const path = process.env.MEDIASOUP_WORKER_BIN || defaultWorkerPath();
  if (!existsSync(path)) {
    throw new Error(
      `mediasoup worker not found at ${path}: build it with \`bash scripts/build-mediasoup-worker.sh\` (or run \`npm run setup\`)`,
    );
  }
  // Exit code 41 = "MEDIASOUP_VERSION missing": the binary loads its libraries and runs.
  const probe = spawnSync(path, [], { env: {}, timeout: 5000 });
  if (probe.status !== 41) {
    throw new Error(
      `mediasoup worker at ${path} does not run (exit ${probe.status}, ${probe.error?.message ?? 'no error'}): rebuild it with \`bash scripts/build-mediasoup-worker.sh\``,
    );
  }
  process.env.MEDIASOUP_WORKER_BIN = path;
  return path;
}

/** What a worker of the pool carries: its place in the pool and, with one media port, its WebRtcServer. */
interface WorkerAppData extends types.AppData {
  index: number;
  webRtcServer?: types.WebRtcServer;
}

/** What a router created by the pool carries: its worker's WebRtcServer, when the media use one port. */
export interface RouterAppData extends types.AppData {
  webRtcServer?: types.WebRtcServer;
}

/**
 * One mediasoup worker per core; a new router (a consultation's room) goes to the worker with the
 * fewest rooms open (ties in turn). A dead worker is replaced (on the same WebRtcServer port). With
 * one media port, worker i owns port + i.
 */
export class WorkerPool {
  private workers: types.Worker<WorkerAppData>[] = [];
  private next = 0;
  /** Routers open on each worker: the load a new room is placed by. */
  private readonly rooms = new WeakMap<types.Worker<WorkerAppData>, number>();
  private closed = false;
  private capabilities: Promise<types.RtpCapabilities> | null = null;
  /** Callers waiting for a replacement worker. */
  private readonly onWorker: (() => void)[] = [];

  private constructor(
    private readonly workerBin: string,
    private readonly mediasoup: typeof Mediasoup,
    private readonly network: MediaNetwork,
  ) {}

  static async start(count = availableParallelism(), network: MediaNetwork = LOOPBACK_MEDIA): Promise<WorkerPool> {
    const workerBin = resolveWorkerBin();
    // Imported only now, after MEDIASOUP_WORKER_BIN is set.
    const mediasoup = await import('mediasoup');
    const pool = new WorkerPool(workerBin, mediasoup, network);
    for (let i = 0; i < Math.max(1, count); i++) pool.workers.push(await pool.spawn(i));
    log.info(`${pool.workers.length} mediasoup worker(s) started`);
    return pool;
  }

  get size(): number {
    return this.workers.length;
  }

  /** Rooms open on each live worker, in the pool's order (the node's load, /healthz and the bus). */
  load(): number[] {
    return this.workers.filter((w) => !w.died && !w.closed).map((w) => this.rooms.get(w) ?? 0);
  }

  /** A new router (the consultation's room) on the least-loaded worker (waits for a replacement worker if all died). */
  async createRouter(): Promise<types.Router<RouterAppData>> {
    let alive = this.workers.filter((w) => !w.died && !w.closed);
    // A room lost with its worker asks for a new router before the pool has seen the death.
    if (alive.length === 0 && !this.closed) {
      await this.nextWorker(10_000);
      alive = this.workers.filter((w) => !w.died && !w.closed);
    }
    if (alive.length === 0) throw new Error('no mediasoup worker is running');
    // Least rooms first; among equals, the one after the last chosen (spreads a burst of accepts).
    const start = this.next++;
    const order = alive.map((_, i) => alive[(start + i) % alive.length]!);
    const worker = order.reduce((best, w) => ((this.rooms.get(w) ?? 0) < (this.rooms.get(best) ?? 0) ? w : best));
    const router = await worker.createRouter<RouterAppData>({
      mediaCodecs: MEDIA_CODECS,
      appData: { webRtcServer: worker.appData.webRtcServer },
    });
    this.rooms.set(worker, (this.rooms.get(worker) ?? 0) + 1);
    router.observer.once('close', () => this.rooms.set(worker, Math.max(0, (this.rooms.get(worker) ?? 1) - 1)));
    return router;
  }

  private nextWorker(timeoutMs: number): Promise<void> {
    return new Promise((resolve) => {
      const timer = setTimeout(resolve, timeoutMs);
      this.onWorker.push(() => {
        clearTimeout(timer);
        resolve();
      });
    });
  }

  /**
   * The RTP capabilities every consultation router has: they follow from MEDIA_CODECS alone, so one
   * router made and closed once answers for all. Lets the kiosk and the console load their
   * mediasoup Device while the patient waits, before the consultation's room exists.
   */
  rtpCapabilities(): Promise<types.RtpCapabilities> {
    this.capabilities ??= this.createRouter().then((router) => {
      const { rtpCapabilities } = router;
      router.close();
      return rtpCapabilities;
    });
    // A failure (no worker yet) is not kept: the next caller tries again.
    this.capabilities.catch(() => (this.capabilities = null));
    return this.capabilities;
  }

  /** Process ids of the running workers (diagnostics, tests). */
  pids(): number[] {
    return this.workers.map((w) => w.pid);
  }

  async close(): Promise<void> {
    this.closed = true;
    for (const worker of this.workers) worker.close();
    this.workers = [];
  }

  private async spawn(index: number): Promise<types.Worker<WorkerAppData>> {
    const worker = await this.mediasoup.createWorker<WorkerAppData>({
      workerBin: this.workerBin,
      logLevel: 'warn',
      appData: { index },
    });
    const serverOptions = webRtcServerOptions(this.network, index);
    if (serverOptions) {
      try {
        worker.appData.webRtcServer = await worker.createWebRtcServer(serverOptions);
      } catch (error) {
        worker.close();
        throw new Error(
          `media port ${serverOptions.listenInfos[0]!.port} on ${this.network.listenIp}: ${(error as Error).message}`,
        );
      }
    }
    worker.on('died', (error) => {
      log.error(`mediasoup worker ${worker.pid} died: ${error.message}`);
      this.workers = this.workers.filter((w) => w !== worker);
      if (!this.closed) {
        this.spawn(worker.appData.index).then(
          (replacement) => {
            this.workers.push(replacement);
            for (const notify of this.onWorker.splice(0)) notify();
            log.info(`mediasoup worker replaced (pid ${replacement.pid})`);
          },
          (e: unknown) => log.error(`could not replace the mediasoup worker: ${(e as Error).message}`),
        );
      }
    });
    return worker;
  }
}

import { createLogger } from '../../common/util/logger';
import type { ClusterBus } from './cluster-bus';
import { MEDIA_BEAT_MS, MEDIA_LOAD_TOPIC, MEDIA_SILENT_MS, MediaLoad, parseMedia } from './media-rpc';

const log = createLogger('platform:media-nodes');

/** A live media node and the rooms open on each of its workers (as last heard, or as placed since). */
export interface MediaNodeLoad {
  node: string;
  rooms: number[];
}

/**
 * The media nodes of the cluster: every node tells its load (rooms per worker) every MEDIA_BEAT_MS;
 * a node not heard of for MEDIA_SILENT_MS is gone (SIGKILL, network cut), and whoever depends on it
 * is told (its rooms reopened elsewhere by the call node; rooms the call node owned closed by their
 * host). This node is always live, with its load read at the moment.
 */
export class MediaNodes {
  private readonly heard = new Map<string, { rooms: number[]; at: number }>();
  private readonly goneListeners: ((node: string) => void)[] = [];
  private readonly timer: ReturnType<typeof setInterval>;
  private readonly unsubscribe: () => void;
  /** When this node lost the bus, while it is lost. */
  private cutAt: number | null = null;

  constructor(
    private readonly bus: ClusterBus,
    /** Rooms open on each of this node's live workers (WorkerPool.load). */
    private readonly localLoad: () => number[],
    private readonly now: () => number = Date.now,
  ) {
    this.unsubscribe = bus.subscribe(MEDIA_LOAD_TOPIC, ({ from, payload }) => {
      if (from === bus.nodeId) return;
      const load = parseMedia(MediaLoad, payload, from);
      if (!load) return;
      if (!this.heard.has(from)) log.info(`media node ${from} joined (${load.rooms.length} worker(s))`);
      this.heard.set(from, { rooms: load.rooms, at: this.now() });
    });
    this.timer = setInterval(() => this.beat(), MEDIA_BEAT_MS);
    this.timer.unref();
    this.beat();
  }

  get self(): string {
    return this.bus.nodeId;
  }

  /**
   * Live media nodes with their load, this one first; with `withinMs`, only those heard of that
   * recently (a new room is not placed on a node whose last beat is late: it may have just died).
   */
  live(withinMs = MEDIA_SILENT_MS): MediaNodeLoad[] {
    const now = this.now();
    const fresh = [...this.heard].filter(([, { at }]) => this.cutAt !== null || now - at <= withinMs);
    const others = fresh.map(([node, { rooms }]) => ({ node, rooms: [...rooms] }));
    return [{ node: this.self, rooms: this.localLoad() }, ...others];
  }

  isLive(node: string): boolean {
    return node === this.self || this.heard.has(node);
  }

  /**
   * A room just placed on another node: counted at once on its least-loaded worker, so a burst of
   * accepts spreads before that node's next beat tells its real load.
   */
  placed(node: string): void {
    const entry = this.heard.get(node);
    if (!entry || entry.rooms.length === 0) return;
    const least = entry.rooms.indexOf(Math.min(...entry.rooms));
    entry.rooms[least]! += 1;
  }

  onGone(listener: (node: string) => void): void {
    this.goneListeners.push(listener);
  }

  private beat(): void {
    const load: MediaLoad = { rooms: this.localLoad() };
    void this.bus.publish(MEDIA_LOAD_TOPIC, load).catch(() => {});
    const now = this.now();
    // This node off the bus (Redis lost) hears nobody: the others are not gone for that, and the
    // rooms it hosts or placed keep their media flowing; the table is kept as it was until it is back.
    if (!this.bus.health().ok) {
      this.cutAt ??= now;
      return;
    }
    if (this.cutAt !== null) this.backOnBus(now - this.cutAt);
    for (const [node, { at }] of this.heard) if (now - at > MEDIA_SILENT_MS) this.gone(node, now - at);
  }

  /**
   * Back on the bus after a cut: a cut longer than the others' patience made this node gone for
   * them (they reopened the rooms it hosted; it closed, as their host, the rooms they owned), so
   * they are gone for it too, each back at its next beat. A shorter cut changes nothing.
   */
  private backOnBus(cutMs: number): void {
    this.cutAt = null;
    if (cutMs <= MEDIA_SILENT_MS) {
      for (const entry of this.heard.values()) entry.at += cutMs;
      return;
    }
    for (const node of [...this.heard.keys()]) this.gone(node, cutMs);
  }

  private gone(node: string, silentMs: number): void {
    this.heard.delete(node);
    log.warn(`media node ${node} silent for ${silentMs} ms: gone`);
    for (const listener of this.goneListeners) {
      try {
        listener(node);
      } catch (error) {
        log.error(`media node ${node} gone: ${(error as Error).message}`);
      }
    }
  }

  close(): void {
    clearInterval(this.timer);
    this.unsubscribe();
  }
}

/**
 * Where a new room goes: the live node with the fewest rooms per worker, the least-loaded worker's
 * count breaking ties, then the other nodes before this one (the call node, which already carries
 * the queue and every call's signalling), then the node id. The node's own pool then takes its
 * least-loaded worker (WorkerPool.createRouter).
 */
export function leastLoadedNode(nodes: MediaNodeLoad[], self: string): string {
  const score = (n: MediaNodeLoad) => [
    n.rooms.reduce((a, b) => a + b, 0) / n.rooms.length,
    Math.min(...n.rooms),
    n.node === self ? 1 : 0,
  ];
  const candidates = nodes.filter((n) => n.rooms.length > 0);
  if (candidates.length === 0) return self;
  const better = (a: MediaNodeLoad, b: MediaNodeLoad) => {
    const [x, y] = [score(a), score(b)];
    for (let i = 0; i < x.length; i++) if (x[i] !== y[i]) return x[i]! < y[i]!;
    return a.node < b.node;
  };
  return candidates.reduce((best, n) => (better(n, best) ? n : best)).node;
}

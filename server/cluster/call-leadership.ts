import { Redis } from 'ioredis';
import { createLogger } from '../../common/util/logger';
import { describeRedisUrl } from './redis-bus';

const log = createLogger('platform:cluster');

/** The lease's key in Redis: the id of the node that holds the calls. */
const LEASE_KEY = 'platform:call-node';
/** A leader not heard of this long is dead; a live one renews 3 times within. */
export const LEASE_MS = 3_000;
const RENEW_MS = 1_000;

/** Extends the lease only if this node still holds it (never another node's). */
const RENEW = `if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('PEXPIRE', KEYS[1], ARGV[2]) else return 0 end`;

/**
 * Which node holds the calls (queue, consultations, doctors' and kiosks' signalling): exactly one at
 * a time. The others relay their sockets to it over the bus (signal-relay.ts); when it dies its
 * lease lapses within LEASE_MS and another node takes the calls over from the shared queue store.
 */
export interface CallLeadership {
  readonly nodeId: string;
  /** The node holding the calls now, or null while none does (a failover under way). */
  leader(): string | null;
  /** Told each time the leader changes (null: none known). */
  onChange(listener: (leader: string | null) => void): void;
  close(): Promise<void>;
}

/** One node: it holds the calls, always. */
export function soloLeadership(nodeId: string): CallLeadership {
  return { nodeId, leader: () => nodeId, onChange: () => {}, close: () => Promise.resolve() };
}

/**
 * The lease in Redis (SET NX PX, renewed every second by its holder). A node that finds the lease
 * taken by another after holding it (Redis lost longer than the lease) has been replaced: it is
 * told so (onDeposed) and must stop, or two nodes would hold the same calls.
 */
export class RedisLeadership implements CallLeadership {
  private current: string | null = null;
  private readonly listeners: ((leader: string | null) => void)[] = [];
  private timer: ReturnType<typeof setInterval> | null = null;
  private ticking = false;

  private constructor(
    readonly nodeId: string,
    private readonly redis: Redis,
    private readonly onDeposed: () => void,
  ) {}

  static async open(url: string, nodeId: string, onDeposed: () => void): Promise<RedisLeadership> {
    const redis = new Redis(url, { lazyConnect: true, enableOfflineQueue: false, maxRetriesPerRequest: 1 });
    redis.on('error', () => {}); // The bus reports Redis lost (redis-bus.ts).
    await redis.connect();
    const leadership = new RedisLeadership(nodeId, redis, onDeposed);
    await leadership.tick();
    leadership.timer = setInterval(() => void leadership.tick(), RENEW_MS);
    leadership.timer.unref();
    log.info(`call node lease on Redis at ${describeRedisUrl(url)}: ${leadership.current ?? 'none'}`);
    return leadership;
  }

  leader(): string | null {
    return this.current;
  }

  onChange(listener: (leader: string | null) => void): void {
    this.listeners.push(listener);
  }

  private async tick(): Promise<void> {
    if (this.ticking) return;
    this.ticking = true;
    try {
      if (this.current === this.nodeId && (await this.redis.eval(RENEW, 1, LEASE_KEY, this.nodeId, LEASE_MS)) === 1)
        return;
      await this.redis.set(LEASE_KEY, this.nodeId, 'PX', LEASE_MS, 'NX');
      this.settle(await this.redis.get(LEASE_KEY));
    } catch {
      // Redis away: the holder keeps its calls running (it takes no new ones: health), the others wait.
    } finally {
      this.ticking = false;
    }
  }

  private settle(leader: string | null): void {
    if (leader === this.current) return;
    const was = this.current;
    this.current = leader;
    if (was === this.nodeId && leader !== this.nodeId) {
      log.error(`node ${leader ?? 'none'} took the calls over from this node: stopping`);
      this.onDeposed();
      return;
    }
    log.info(leader === this.nodeId ? 'this node now holds the calls' : `calls held by node ${leader ?? 'none'}`);
    for (const listener of this.listeners) listener(leader);
  }

  async close(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    // Released at once on a clean stop: another node need not wait for the lease to lapse.
    if (this.current === this.nodeId)
      await this.redis
        .eval(
          `if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('DEL', KEYS[1]) else return 0 end`,
          1,
          LEASE_KEY,
          this.nodeId,
        )
        .catch(() => {});
    this.redis.disconnect();
  }
}

import { Redis } from 'ioredis';
import { createLogger } from '../../common/util/logger';
import { describeRedisUrl } from './redis-bus';

const log = createLogger('platform:cluster');

/** The lease's key in Redis: the id of the node that holds the calls. */
const LEASE_KEY = 'platform:call-node';
/** The counter of reigns: each acquisition of the lease takes the next epoch (the fencing token). */
const EPOCH_KEY = 'platform:call-node:epoch';
/** A leader not heard of this long is dead; a live one renews 3 times within. */
export const LEASE_MS = 3_000;
const RENEW_MS = 1_000;

/** Extends the lease only if this node still holds it (never another node's). */
const RENEW = `if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('PEXPIRE', KEYS[1], ARGV[2]) else return 0 end`;

/**
 * Takes the lease if free and, in the same step, the next epoch: never below `floor + 1` (the
 * highest epoch storage has seen), so a Redis that lost its counter (restarted without persistence)
 * still hands out epochs above every earlier reign's. Returns the epoch, or 0 when the lease is taken.
 */
const ACQUIRE = `if not redis.call('SET', KEYS[1], ARGV[1], 'PX', ARGV[2], 'NX') then return 0 end
local e = redis.call('INCR', KEYS[2])
local floor = tonumber(ARGV[3])
if e <= floor then e = floor + 1; redis.call('SET', KEYS[2], e) end
return e`;

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
  /**
   * The epoch of this node's reign (its fencing token, call-fence.ts), carried by each write of the
   * queue; 0 while it does not hold the calls.
   */
  epoch(): number;
  /** Stops holding the calls for good (storage refused this node's epoch: another node reigns). */
  resign(): void;
  close(): Promise<void>;
}

/**
 * One node: it holds the calls, always, under the epoch after the highest storage has seen (a second
 * node started on the same database without Redis fences the first one out, never the reverse).
 */
export function soloLeadership(nodeId: string, epoch: number): CallLeadership {
  let held = true;
  return {
    nodeId,
    leader: () => (held ? nodeId : null),
    onChange: () => {},
    epoch: () => (held ? epoch : 0),
    resign: () => void (held = false),
    close: () => Promise.resolve(),
  };
}

/**
 * The lease in Redis (SET NX PX, renewed every second by its holder), each acquisition with its
 * epoch. A node that finds the lease taken by another after holding it (Redis lost longer than the
 * lease) has been replaced: it is told so (onDeposed) and must stop, or two nodes would hold the
 * same calls. One that finds its lease lapsed and takes it again keeps the calls only when no other
 * node reigned in between (its new epoch follows its last one); else it is deposed too. A node that
 * cannot tell (paused, or cut from Redis, longer than the lease) is stopped by storage's fence.
 */
export class RedisLeadership implements CallLeadership {
  private current: string | null = null;
  private reign = 0;
  private readonly listeners: ((leader: string | null) => void)[] = [];
  private timer: ReturnType<typeof setInterval> | null = null;
  private ticking = false;
  private stopped = false;

  private constructor(
    readonly nodeId: string,
    private readonly redis: Redis,
    private readonly onDeposed: (reason: string) => void,
    private readonly floor: () => Promise<number>,
  ) {}

  static async open(
    url: string,
    nodeId: string,
    onDeposed: (reason: string) => void,
    floor: () => Promise<number>,
  ): Promise<RedisLeadership> {
    const redis = new Redis(url, { lazyConnect: true, enableOfflineQueue: false, maxRetriesPerRequest: 1 });
    redis.on('error', () => {}); // The bus reports Redis lost (redis-bus.ts).
    await redis.connect();
    const leadership = new RedisLeadership(nodeId, redis, onDeposed, floor);
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

  epoch(): number {
    return this.current === this.nodeId ? this.reign : 0;
  }

  resign(): void {
    if (this.timer) clearInterval(this.timer);
    this.stopped = true;
    this.current = null;
    this.reign = 0;
  }

  private async tick(): Promise<void> {
    if (this.ticking || this.stopped) return;
    this.ticking = true;
    try {
      const held = this.current === this.nodeId;
      if (held && (await this.redis.eval(RENEW, 1, LEASE_KEY, this.nodeId, LEASE_MS)) === 1) return;
      const holder = await this.redis.get(LEASE_KEY);
      if (holder === null) await this.acquire(held);
      this.settle(await this.redis.get(LEASE_KEY));
    } catch {
      // Redis away: the holder keeps its calls running (it takes no new ones: health), the others wait.
    } finally {
      this.ticking = false;
    }
  }

  /** The lease is free: takes it with the next epoch (the floor read from storage, 0 when it is away). */
  private async acquire(held: boolean): Promise<void> {
    const floor = await this.floor().catch(() => 0);
    const epoch = Number(await this.redis.eval(ACQUIRE, 2, LEASE_KEY, EPOCH_KEY, this.nodeId, LEASE_MS, floor));
    if (epoch === 0) return;
    if (held && epoch !== this.reign + 1) {
      await this.release();
      return this.depose(`another node held the calls while this node's lease lapsed`);
    }
    if (held) log.warn(`the lease lapsed and was taken again (epoch ${epoch}): no other node held the calls`);
    this.reign = epoch;
  }

  private depose(reason: string): void {
    log.error(`${reason}: stopping`);
    this.resign();
    this.onDeposed(reason);
  }

  private settle(leader: string | null): void {
    if (this.stopped || leader === this.current) return;
    const was = this.current;
    this.current = leader;
    if (was === this.nodeId && leader !== this.nodeId)
      return this.depose(`node ${leader ?? 'none'} took the calls over from this node`);
    log.info(
      leader === this.nodeId
        ? `this node now holds the calls (epoch ${this.reign})`
        : `calls held by ${leader ?? 'none'}`,
    );
    for (const listener of this.listeners) listener(leader);
  }

  async close(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    // Released at once on a clean stop: another node need not wait for the lease to lapse.
    if (this.current === this.nodeId) await this.release();
    this.redis.disconnect();
  }

  /** Deletes the lease if it is this node's (never another node's). */
  private async release(): Promise<void> {
    const script = `if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('DEL', KEYS[1]) else return 0 end`;
    await this.redis.eval(script, 1, LEASE_KEY, this.nodeId).catch(() => {});
  }
}

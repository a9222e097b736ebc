import { Redis } from 'ioredis';
import type { Clock } from '../../common/util/clock';
import { createLogger } from '../../common/util/logger';
import { SignedBus, type BusHealth } from './cluster-bus';

const log = createLogger('platform:bus');

export const REDIS_URL_ENV = 'PLATFORM_REDIS_URL';

/** The one channel every node publishes to and listens on (the topic travels inside the message). */
const CHANNEL = 'platform:bus';
const CONNECT_MS = 5_000;

/** host:port of a Redis URL, for messages: never its password. */
export function describeRedisUrl(url: string): string {
  try {
    const parsed = new URL(url);
    return `${parsed.hostname}:${parsed.port || '6379'}`;
  } catch {
    return 'an unparsable URL';
  }
}

/** PLATFORM_REDIS_URL checked (redis:// or rediss://, a host); null when unset (a single node). */
export function redisUrlFrom(text: string | undefined): string | null {
  if (!text) return null;
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    throw new Error(`${REDIS_URL_ENV}: not a URL (expected redis://host:6379)`);
  }
  if (url.protocol !== 'redis:' && url.protocol !== 'rediss:')
    throw new Error(`${REDIS_URL_ENV}: expected redis://…, got a ${url.protocol} URL`);
  if (!url.hostname) throw new Error(`${REDIS_URL_ENV}: no host (expected redis://host:6379)`);
  return text;
}

function client(url: string): Redis {
  return new Redis(url, {
    lazyConnect: true,
    // Nothing queued while Redis is away: a publish then fails at once and the caller knows.
    enableOfflineQueue: false,
    maxRetriesPerRequest: 1,
    connectTimeout: CONNECT_MS,
    // Reconnects forever, at most every 2 s: the node comes back to the bus when Redis does.
    retryStrategy: (times) => Math.min(times * 200, 2_000),
  });
}

/** Connects once; a refusal is a clear error naming the server (without its password) and why it refused. */
export async function connected(redis: Redis, url: string): Promise<void> {
  let cause: Error | null = null;
  const keep = (error: Error) => (cause ??= error);
  redis.on('error', keep);
  try {
    await redis.connect();
  } catch (error) {
    redis.disconnect();
    const why = (cause ?? (error as Error)).message;
    throw new Error(`${REDIS_URL_ENV}: cannot connect to Redis at ${describeRedisUrl(url)}: ${why}`);
  } finally {
    redis.off('error', keep);
  }
}

/**
 * The bus between nodes: Redis pub/sub on one channel, a connection to publish and one to listen.
 * Losing Redis mid-run shows in `health()` (the node then takes no new calls); ioredis reconnects
 * and resubscribes by itself.
 */
export class RedisBus extends SignedBus {
  private down: string | null = null;

  private constructor(
    nodeId: string,
    secret: Buffer,
    private readonly url: string,
    private readonly pub: Redis,
    private readonly sub: Redis,
    clock?: Clock,
  ) {
    super(nodeId, secret, clock);
  }

  static async open(url: string, nodeId: string, secret: Buffer, clock?: Clock): Promise<RedisBus> {
    const pub = client(url);
    const sub = client(url);
    // Errors are reported by 'close' (watch); ioredis would print each retry otherwise.
    for (const redis of [pub, sub]) redis.on('error', () => {});
    await connected(pub, url);
    try {
      await connected(sub, url);
    } catch (error) {
      pub.disconnect();
      throw error;
    }
    const bus = new RedisBus(nodeId, secret, url, pub, sub, clock);
    sub.on('message', (_channel: string, raw: string) => bus.receive(raw));
    await sub.subscribe(CHANNEL);
    for (const redis of [pub, sub]) bus.watch(redis);
    log.info(`cross-node bus on Redis at ${describeRedisUrl(url)} as node ${nodeId}`);
    return bus;
  }

  /** Either connection lost is the bus lost, until both are ready again. */
  private watch(redis: Redis): void {
    redis.on('close', () => {
      if (this.down === null) log.error(`lost Redis at ${describeRedisUrl(this.url)}: taking no new calls`);
      this.down = `Redis at ${describeRedisUrl(this.url)} unreachable`;
    });
    redis.on('ready', () => {
      if (this.pub.status !== 'ready' || this.sub.status !== 'ready') return;
      if (this.down !== null) log.info(`Redis at ${describeRedisUrl(this.url)} back`);
      this.down = null;
    });
  }

  protected async send(raw: string): Promise<void> {
    await this.pub.publish(CHANNEL, raw);
  }

  /** A test's forger or replayer: a raw message on the channel, as any Redis client could write. */
  async sendRaw(raw: string): Promise<void> {
    await this.pub.publish(CHANNEL, raw);
  }

  health(): BusHealth {
    return this.down === null ? { ok: true } : { ok: false, reason: this.down };
  }

  async close(): Promise<void> {
    this.sub.disconnect();
    await this.pub.quit().catch(() => this.pub.disconnect());
  }
}

import { Redis } from 'ioredis';
import { RateLimiterMemory, RateLimiterRedis } from 'rate-limiter-flexible';
import { createLogger } from '../../common/util/logger';
import { connected, describeRedisUrl } from '../cluster/redis-bus';
import { RedisPscFlowStore } from './pro-sante-connect/psc-flow-store-redis';
import type { PscFlowStore } from './pro-sante-connect/psc-flows';
import type { LimiterFactory } from './sign-in-throttle';

const log = createLogger('platform:auth');

/**
 * What the sign-ins keep between two requests that may land on two nodes: the sign-in throttle's
 * counts, the wrong booking codes per kiosk, and the Pro Santé Connect flows. On a cluster they are
 * in its Redis (PLATFORM_REDIS_URL): every node already needs it (the bus, the call node's lease),
 * it expires keys by itself and counts and takes atomically (INCR, GETDEL), and this state lives
 * minutes, so it needs neither PostgreSQL's durability nor a purge. One node without Redis keeps it
 * in memory, which is then shared by every request (a restart loses sign-ins under way: start again).
 */
export interface SharedAuthState {
  /** Whether the state is in Redis (shared by the nodes) rather than this node's memory. */
  readonly onRedis: boolean;
  /** Where the throttles count: Redis (this node's memory while Redis is lost), or memory. */
  limiter: LimiterFactory;
  /** The Pro Santé Connect flows' store, sealed under the platform secret; null: this node's memory. */
  pscFlows(platformSecret: Buffer): PscFlowStore | null;
  close(): Promise<void>;
}

const memoryLimiter: LimiterFactory = (options) =>
  new RateLimiterMemory({ ...options, blockDuration: options.duration });

/** In this node's memory: one node, no Redis. */
export const LOCAL_AUTH_STATE: SharedAuthState = {
  onRedis: false,
  limiter: memoryLimiter,
  pscFlows: () => null,
  close: () => Promise.resolve(),
};

/** On Redis when a URL is given (an unreachable one rejects with a clear error, before anything listens). */
export async function openSharedAuthState(redisUrl: string | null | undefined): Promise<SharedAuthState> {
  if (!redisUrl) return LOCAL_AUTH_STATE;
  const redis = new Redis(redisUrl, { lazyConnect: true, enableOfflineQueue: false, maxRetriesPerRequest: 1 });
  // The first refusal's cause (ECONNREFUSED, a wrong password) is named; ioredis's own reject says only "Connection is closed".
  await connected(redis, redisUrl);
  redis.on('error', () => {}); // The bus reports Redis lost (redis-bus.ts); the limiters fall back meanwhile.
  log.info(`sign-in throttle and Pro Santé Connect flows on Redis at ${describeRedisUrl(redisUrl)}`);
  return {
    onRedis: true,
    // Redis lost: each node counts alone (still limited, N× looser) rather than refusing every sign-in.
    limiter: (options) =>
      new RateLimiterRedis({
        ...options,
        keyPrefix: `platform:${options.keyPrefix}`,
        storeClient: redis,
        blockDuration: options.duration,
        rejectIfRedisNotReady: true,
        insuranceLimiter: memoryLimiter(options),
      }),
    pscFlows: (platformSecret) => new RedisPscFlowStore(redis, platformSecret),
    close: async () => void (await redis.quit().catch(() => redis.disconnect())),
  };
}

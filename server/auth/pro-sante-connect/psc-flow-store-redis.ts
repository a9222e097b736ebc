import { createHash, hkdfSync } from 'node:crypto';
import type { Redis } from 'ioredis';
import { createLogger } from '../../../common/util/logger';
import { ColumnCipher } from '../../records/column-cipher';
import type { PscFlow, PscFlowStore } from './psc-flows';

const log = createLogger('platform:psc');

const PREFIX = 'platform:psc-flow:';

/**
 * The Pro Santé Connect flows in Redis, shared by every node: a callback landing on another node
 * than the start, or on a node restarted meanwhile, completes. Each flow expires with its stage
 * (PX) and is taken once (GETDEL: two callbacks racing on two nodes cannot both get it). The key is
 * the SHA-256 of the browser's flow id (what Redis shows cannot be replayed as a cookie) and the
 * value is sealed under a key derived from the platform secret, bound to that key: a copy of Redis
 * reveals no PKCE verifier, nonce or session token.
 */
export class RedisPscFlowStore implements PscFlowStore {
  private readonly cipher: ColumnCipher;

  constructor(
    private readonly redis: Redis,
    platformSecret: Buffer,
  ) {
    this.cipher = new ColumnCipher(Buffer.from(hkdfSync('sha256', platformSecret, '', 'psc-flows', 32)));
  }

  async put(id: string, flow: PscFlow, ttlMs: number): Promise<void> {
    const key = keyOf(id);
    await this.redis.set(key, this.cipher.sealJson(flow, key).toString('base64'), 'PX', ttlMs);
  }

  async take(id: string): Promise<PscFlow | null> {
    const key = keyOf(id);
    const sealed = await this.redis.getdel(key);
    if (sealed === null) return null;
    try {
      return this.cipher.openJson<PscFlow>(Buffer.from(sealed, 'base64'), key);
    } catch (error) {
      // Another platform's secret (a node not given the shared one): the doctor starts again.
      log.error(`a Pro Santé Connect flow this node cannot open: ${(error as Error).message}`);
      return null;
    }
  }
}

function keyOf(id: string): string {
  return PREFIX + createHash('sha256').update(id).digest('base64url');
}

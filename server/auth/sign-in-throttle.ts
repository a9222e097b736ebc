import { RateLimiterMemory, RateLimiterRes, type RateLimiterAbstract } from 'rate-limiter-flexible';

export interface SignInLimits {
  /** Failed attempts one account may take per window before it is locked for a window. */
  readonly perAccount: number;
  /** Failed attempts one client address may take per window, whatever the accounts. */
  readonly perAddress: number;
  /**
   * Failed attempts of the whole platform per window. It bounds the limiters' memory: past it no
   * new account or address is tracked, sign-in pauses until the window ends, sessions carry on.
   */
  readonly overall: number;
  readonly windowSeconds: number;
}

export const DEFAULT_SIGN_IN_LIMITS: SignInLimits = {
  perAccount: 10,
  perAddress: 30,
  overall: 50_000,
  windowSeconds: 15 * 60,
};

/** Builds one limiter; the default keeps counts in memory, a RateLimiterRedis shares them across nodes. */
export type LimiterFactory = (options: { keyPrefix: string; points: number; duration: number }) => RateLimiterAbstract;

const inMemory: LimiterFactory = (options) => new RateLimiterMemory({ ...options, blockDuration: options.duration });

export type SignInOutcome<T> =
  | { readonly kind: 'signed-in'; readonly value: T }
  | { readonly kind: 'refused' }
  | { readonly kind: 'locked'; readonly retryAfterSeconds: number };

/**
 * Slows password guessing, on the HTTP sign-in and the signalling one alike. Every attempt first
 * takes a point from the platform, its address and its account, in that order and atomically in
 * the store, before the password is checked: parallel requests cannot slip past the count. A
 * success gives the points back (and clears the account's count); a failure keeps them; an account
 * or address out of points is locked for a window, right password or not.
 */
export class SignInThrottle {
  private readonly overall: RateLimiterAbstract;
  private readonly byAddress: RateLimiterAbstract;
  private readonly byAccount: RateLimiterAbstract;

  constructor(limits: SignInLimits = DEFAULT_SIGN_IN_LIMITS, limiter: LimiterFactory = inMemory) {
    const duration = limits.windowSeconds;
    this.overall = limiter({ keyPrefix: 'sign-in-all', points: limits.overall, duration });
    this.byAddress = limiter({ keyPrefix: 'sign-in-address', points: limits.perAddress, duration });
    this.byAccount = limiter({ keyPrefix: 'sign-in-account', points: limits.perAccount, duration });
  }

  async attempt<T>(account: string, address: string, verify: () => Promise<T | null>): Promise<SignInOutcome<T>> {
    const keys: [RateLimiterAbstract, string][] = [
      [this.overall, 'all'],
      [this.byAddress, normalisedAddress(address)],
      [this.byAccount, account.trim().toLowerCase()],
    ];
    const taken: [RateLimiterAbstract, string][] = [];
    for (const [limiter, key] of keys) {
      try {
        await limiter.consume(key);
        taken.push([limiter, key]);
      } catch (refusal) {
        if (!(refusal instanceof RateLimiterRes)) throw refusal;
        // This attempt never reached the password check: it costs the other counts nothing.
        await Promise.all(taken.map(([l, k]) => l.reward(k)));
        return { kind: 'locked', retryAfterSeconds: Math.max(1, Math.ceil(refusal.msBeforeNext / 1000)) };
      }
    }
    const value = await verify();
    if (value === null) return { kind: 'refused' };
    await Promise.all([
      this.overall.reward('all'),
      this.byAddress.reward(keys[1]![1]),
      this.byAccount.delete(keys[2]![1]),
    ]);
    return { kind: 'signed-in', value };
  }
}

/** An IPv4 client seen through an IPv6 socket (`::ffff:a.b.c.d`) counts as its IPv4 address. */
function normalisedAddress(address: string): string {
  return address.replace(/^::ffff:(\d+\.\d+\.\d+\.\d+)$/i, '$1');
}

/** What a locked-out person reads. */
export function tryAgainLater(retryAfterSeconds: number): string {
  return `too many failed attempts: try again in ${Math.ceil(retryAfterSeconds / 60)} minute(s)`;
}

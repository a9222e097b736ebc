import { createHash, randomBytes } from 'node:crypto';
import { systemClock, type Clock } from '../../common/util/clock';
import type { SessionStore, StaffKind } from './auth-stores';

export interface BearerSession<T> {
  readonly token: string;
  /** Who the session speaks for (a doctor, a pharmacist). */
  readonly holder: T;
  /** ms since the epoch. */
  readonly expiresAt: number;
}

/**
 * How long a node trusts a session it read from the store without reading it again. A sign-out on
 * another node counts here within this bound; bounded by time rather than invalidated over the
 * cluster bus because a bus message can be lost (Redis restarting) and a time bound cannot.
 */
export const SESSION_CACHE_MS = 3_000;
/** Sessions a node keeps read at most; beyond, the oldest reads are dropped (read again when used). */
const CACHE_LIMIT = 10_000;

/** The SHA-256 of a bearer token: what the store keeps (the tokens are 192 random bits: no salt needed). */
export const tokenHash = (token: string): string => createHash('sha256').update(token).digest('hex');

/**
 * Signed-in people's sessions, by random bearer token, in the platform's store (auth-stores.ts), so
 * a restart signs nobody out and every node accepts a session any node made. Only the token's hash
 * is stored. Default lifetime 12 h. The doctors' and the pharmacists' are two instances.
 */
export class BearerSessions<T> {
  private readonly cache = new Map<string, { session: BearerSession<T>; readAt: number }>();

  constructor(
    private readonly store: SessionStore,
    private readonly kind: StaffKind,
    private readonly clock: Clock = systemClock,
    private readonly lifetimeMs = 12 * 3600_000,
  ) {}

  async create(holder: T): Promise<BearerSession<T>> {
    const now = this.clock.now();
    const session = { token: randomBytes(24).toString('base64url'), holder, expiresAt: now + this.lifetimeMs };
    const stored = { tokenHash: tokenHash(session.token), kind: this.kind, holder, createdAtMs: now };
    await this.store.create({ ...stored, expiresAtMs: session.expiresAt }, now);
    return session;
  }

  /** The live session for a token, or null when unknown, expired or signed out. */
  async get(token: string): Promise<BearerSession<T> | null> {
    const now = this.clock.now();
    const hash = tokenHash(token);
    const cached = this.cache.get(hash);
    if (cached && now - cached.readAt < SESSION_CACHE_MS && cached.session.expiresAt > now) return cached.session;
    let stored;
    try {
      stored = await this.store.find(this.kind, hash, now);
    } catch (error) {
      // The store lost (a node cut from its database): a session this node read before goes on until
      // its expiry, so the calls under way keep their doctor; a sign-out elsewhere counts once it is back.
      if (cached && cached.session.expiresAt > now) return cached.session;
      throw error;
    }
    this.cache.delete(hash);
    if (!stored) return null;
    const session = { token, holder: stored.holder as T, expiresAt: stored.expiresAtMs };
    if (this.cache.size >= CACHE_LIMIT) this.cache.delete(this.cache.keys().next().value!);
    this.cache.set(hash, { session, readAt: now });
    return session;
  }

  /** Replaces who a live session speaks for; false when it is gone (expired or signed out). */
  async update(token: string, holder: T): Promise<boolean> {
    const hash = tokenHash(token);
    this.cache.delete(hash);
    return this.store.replaceHolder(this.kind, hash, holder, this.clock.now());
  }

  async revoke(token: string): Promise<void> {
    const hash = tokenHash(token);
    this.cache.delete(hash);
    await this.store.revoke(this.kind, hash);
  }

  /** A session from an `Authorization: Bearer <token>` header value. */
  async fromAuthorization(header: string | undefined): Promise<BearerSession<T> | null> {
    const match = /^Bearer ([A-Za-z0-9_-]{16,200})$/.exec(header ?? '');
    return match ? this.get(match[1]!) : null;
  }
}

import { randomBytes } from 'node:crypto';
import { systemClock, type Clock } from '../../common/util/clock';

export interface BearerSession<T> {
  readonly token: string;
  /** Who the session speaks for (a doctor, a pharmacist). */
  readonly holder: T;
  /** ms since the epoch. */
  readonly expiresAt: number;
}

/**
 * Signed-in people's sessions, by random bearer token (in memory: a platform restart signs
 * everyone out). Default lifetime 12 h. The doctors' and the pharmacists' are two instances.
 */
export class BearerSessions<T> {
  private readonly sessions = new Map<string, BearerSession<T>>();

  constructor(
    private readonly clock: Clock = systemClock,
    private readonly lifetimeMs = 12 * 3600_000,
  ) {}

  create(holder: T): BearerSession<T> {
    this.purge();
    const session = {
      token: randomBytes(24).toString('base64url'),
      holder,
      expiresAt: this.clock.now() + this.lifetimeMs,
    };
    this.sessions.set(session.token, session);
    return session;
  }

  /** The live session for a token, or null when unknown or expired. */
  get(token: string): BearerSession<T> | null {
    const session = this.sessions.get(token);
    if (!session) return null;
    if (session.expiresAt <= this.clock.now()) {
      this.sessions.delete(token);
      return null;
    }
    return session;
  }

  revoke(token: string): void {
    this.sessions.delete(token);
  }

  /** A session from an `Authorization: Bearer <token>` header value. */
  fromAuthorization(header: string | undefined): BearerSession<T> | null {
    const match = /^Bearer ([A-Za-z0-9_-]{16,200})$/.exec(header ?? '');
    return match ? this.get(match[1]!) : null;
  }

  private purge() {
    const now = this.clock.now();
    for (const [token, session] of this.sessions) if (session.expiresAt <= now) this.sessions.delete(token);
  }
}

import { randomBytes } from 'node:crypto';
import type { DoctorInfo } from '../../common/signaling/messages';
import { systemClock, type Clock } from '../../common/util/clock';

export interface DoctorSession {
  readonly token: string;
  readonly doctor: DoctorInfo;
  /** ms since the epoch. */
  readonly expiresAt: number;
  /**
   * On duty for the live queue (the console's toggle): kept with the session so a reload or a
   * reconnection finds it as the doctor left it; off at sign-in, the doctor says when they start.
   */
  onDuty: boolean;
}

/** Doctors' sessions (in memory: a platform restart signs everyone out). Default lifetime 12 h. */
export class DoctorSessions {
  private readonly sessions = new Map<string, DoctorSession>();

  constructor(
    private readonly clock: Clock = systemClock,
    private readonly lifetimeMs = 12 * 3600_000,
  ) {}

  create(doctor: DoctorInfo): DoctorSession {
    this.purge();
    const session = {
      token: randomBytes(24).toString('base64url'),
      doctor,
      expiresAt: this.clock.now() + this.lifetimeMs,
      onDuty: false,
    };
    this.sessions.set(session.token, session);
    return session;
  }

  /** The live session for a token, or null when unknown or expired. */
  get(token: string): DoctorSession | null {
    const session = this.sessions.get(token);
    if (!session) return null;
    if (session.expiresAt <= this.clock.now()) {
      this.sessions.delete(token);
      return null;
    }
    return session;
  }

  /** Sets the session's duty; false when the session is gone (expired or signed out). */
  setOnDuty(token: string, onDuty: boolean): boolean {
    const session = this.get(token);
    if (!session) return false;
    session.onDuty = onDuty;
    return true;
  }

  revoke(token: string): void {
    this.sessions.delete(token);
  }

  /** A session from an `Authorization: Bearer <token>` header value. */
  fromAuthorization(header: string | undefined): DoctorSession | null {
    const match = /^Bearer ([A-Za-z0-9_-]{16,200})$/.exec(header ?? '');
    return match ? this.get(match[1]!) : null;
  }

  private purge() {
    const now = this.clock.now();
    for (const [token, session] of this.sessions) if (session.expiresAt <= now) this.sessions.delete(token);
  }
}

import type { DoctorInfo } from '../../common/signaling/messages';
import type { Clock } from '../../common/util/clock';
import { BearerSessions, type BearerSession } from './bearer-sessions';

export interface DoctorSession {
  readonly token: string;
  readonly doctor: DoctorInfo;
  /** ms since the epoch. */
  readonly expiresAt: number;
  /**
   * On duty for the live queue (the console's toggle): kept with the session so a reload or a
   * reconnection finds it as the doctor left it; off at sign-in, the doctor says when they start.
   */
  readonly onDuty: boolean;
}

/** What a doctor's bearer session holds: who, and their duty, which the console's toggle changes. */
interface DoctorHolder {
  readonly doctor: DoctorInfo;
  onDuty: boolean;
}

const asDoctor = (s: BearerSession<DoctorHolder> | null): DoctorSession | null =>
  s && { token: s.token, doctor: s.holder.doctor, expiresAt: s.expiresAt, onDuty: s.holder.onDuty };

/** Doctors' sessions (bearer-sessions.ts; in memory: a platform restart signs everyone out). Default lifetime 12 h. */
export class DoctorSessions {
  private readonly sessions: BearerSessions<DoctorHolder>;

  constructor(clock?: Clock, lifetimeMs?: number) {
    this.sessions = new BearerSessions(clock, lifetimeMs);
  }

  create(doctor: DoctorInfo): DoctorSession {
    return asDoctor(this.sessions.create({ doctor, onDuty: false }))!;
  }

  /** The live session for a token, or null when unknown or expired. */
  get(token: string): DoctorSession | null {
    return asDoctor(this.sessions.get(token));
  }

  /** Sets the session's duty; false when the session is gone (expired or signed out). */
  setOnDuty(token: string, onDuty: boolean): boolean {
    const session = this.sessions.get(token);
    if (!session) return false;
    session.holder.onDuty = onDuty;
    return true;
  }

  revoke(token: string): void {
    this.sessions.revoke(token);
  }

  /** A session from an `Authorization: Bearer <token>` header value. */
  fromAuthorization(header: string | undefined): DoctorSession | null {
    return asDoctor(this.sessions.fromAuthorization(header));
  }
}

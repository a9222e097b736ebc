import type { DoctorInfo } from '../../common/signaling/messages';
import type { Clock } from '../../common/util/clock';
import type { SessionStore } from './auth-stores';
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
  readonly onDuty: boolean;
}

const asDoctor = (s: BearerSession<DoctorHolder> | null): DoctorSession | null =>
  s && { token: s.token, doctor: s.holder.doctor, expiresAt: s.expiresAt, onDuty: s.holder.onDuty };

/**
 * Doctors' sessions (bearer-sessions.ts), in the platform's store: a restart or the loss of a node
 * signs nobody out, and a sign-out counts on every node. Default lifetime 12 h.
 */
export class DoctorSessions {
  private readonly sessions: BearerSessions<DoctorHolder>;

  constructor(store: SessionStore, clock?: Clock, lifetimeMs?: number) {
    this.sessions = new BearerSessions(store, 'doctor', clock, lifetimeMs);
  }

  async create(doctor: DoctorInfo): Promise<DoctorSession> {
    return asDoctor(await this.sessions.create({ doctor, onDuty: false }))!;
  }

  /** The live session for a token, or null when unknown, expired or signed out. */
  async get(token: string): Promise<DoctorSession | null> {
    return asDoctor(await this.sessions.get(token));
  }

  /** Sets the session's duty; false when the session is gone (expired or signed out). */
  async setOnDuty(token: string, onDuty: boolean): Promise<boolean> {
    const session = await this.sessions.get(token);
    return session !== null && this.sessions.update(token, { ...session.holder, onDuty });
  }

  async revoke(token: string): Promise<void> {
    await this.sessions.revoke(token);
  }

  /** A session from an `Authorization: Bearer <token>` header value. */
  async fromAuthorization(header: string | undefined): Promise<DoctorSession | null> {
    return asDoctor(await this.sessions.fromAuthorization(header));
  }
}

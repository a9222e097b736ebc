import type { DeviceStatus } from '../../common/devices/device-status';
import type { FlowView } from '../../common/flow/flow-view';
import {
  HYGIENE_CHECKLIST,
  type HygieneItem,
  type SessionCounters,
  type StaffOverview,
  type StaffRole,
  type StaffSignInResponse,
} from '../../common/staff/staff';
import type { TechnicianSignInResponse } from '../../common/staff/technician';
import type { Clock } from '../../common/util/clock';
import { isoDay } from '../../common/util/dates';
import { createLogger } from '../../common/util/logger';
import { verifyAnyPin } from '../auth/pin';
import type { SessionSummary } from '../flow/flow-service';
import { HandlerError } from '../ipc/dispatch';
import { technicianActor } from './technician-sign-in';

/** The audit log's action for a confirmed hygiene checklist. */
export const HYGIENE_CONFIRMED_ACTION = 'hygiene-checklist-confirmed';

const log = createLogger('kiosk:main:staff');

/** Wrong PINs in a row before the lockout. */
export const MAX_PIN_FAILURES = 5;
/** How long the lockout lasts (ms). */
export const PIN_LOCKOUT_MS = 60_000;
/** A staff sign-in lapses after this long without a staff action (ms): the kiosk is public. */
export const STAFF_SESSION_MS = 15 * 60_000;

/** What the staff mode needs from the patient flow. */
export interface StaffFlowPort {
  view(): FlowView;
  /** False while a patient is in session. */
  confirmHygiene(): boolean;
  hygieneDue(): boolean;
  answerHelp(): void;
  onSessionOpened(listener: (sessionId: string) => void): () => void;
  onSessionClosed(listener: (summary: SessionSummary) => void): () => void;
}

export interface StaffServiceOptions {
  /** The pharmacist's PINs; a technician signs in with their own account (`technicians`). */
  pinHashes: { pharmacist: readonly string[] };
  /** The technicians' accounts check (main/staff/technician-sign-in.ts); without it, no technician signs in. */
  technicians?: { check(identifier: string, secret: string): TechnicianSignInResponse };
  /** Where the technician's sign-out is written (the kiosk's audit log). */
  audit?: { append(entry: { actor: string; action: string; subject: string | null }): void };
  clock: Clock;
  flow: StaffFlowPort;
  devices: () => DeviceStatus[];
  /** The devices' calibrations from the maintenance register; none when not given. */
  maintenance?: () => StaffOverview['maintenance'];
  /** The platform credential's state as the kiosk last saw it (main/platform-credential.ts); default fine. */
  platformCredential?: () => StaffOverview['platformCredential'];
  /** PIN check (scrypt, main/auth/pin.ts); injectable so tests do not pay for scrypt. */
  verify?: (pin: string, hashes: readonly string[]) => boolean;
}

const OUTCOME_COUNTER = {
  completed: 'completed',
  cancelled: 'cancelled',
  emergency: 'emergency',
  'idle-timeout': 'idleTimeout',
  'consent-refused': 'consentRefused',
  'left-queue': 'leftQueue',
} as const;

/**
 * The pharmacist's / technician's mode: PIN sign-in with a lockout, the hygiene checklist that
 * unlocks the next patient, the help answer and today's counters. One kiosk, one screen: a single
 * signed-in staff member at a time.
 */
export class StaffService {
  private failures = 0;
  private lockedUntil = 0;
  private signedIn: { role: StaffRole; until: number; technician?: { id: string; name: string } } | null = null;
  private counters: SessionCounters;
  private readonly verify: (pin: string, hashes: readonly string[]) => boolean;

  constructor(private readonly opts: StaffServiceOptions) {
    this.verify = opts.verify ?? verifyAnyPin;
    this.counters = emptyCounters(this.today());
    opts.flow.onSessionOpened(() => {
      this.rollDay();
      this.counters.started += 1;
    });
    opts.flow.onSessionClosed((summary) => {
      this.rollDay();
      this.counters[OUTCOME_COUNTER[summary.outcome]] += 1;
      if (summary.assisted) this.counters.assistedTeleconsultations += 1;
    });
  }

  signIn(role: StaffRole, pin: string): StaffSignInResponse {
    // The technician PIN is gone: their screens open with their own account only.
    if (role === 'technician')
      return { ok: false, error: 'technician-account-required', retryAfterSeconds: null, attemptsLeft: null };
    const now = this.opts.clock.now();
    if (now < this.lockedUntil)
      return {
        ok: false,
        error: 'locked',
        retryAfterSeconds: Math.ceil((this.lockedUntil - now) / 1000),
        attemptsLeft: null,
      };
    if (this.verify(pin, this.opts.pinHashes.pharmacist)) {
      this.failures = 0;
      this.signedIn = { role, until: now + STAFF_SESSION_MS };
      log.info(`staff sign-in ${role}`);
      return { ok: true, role };
    }
    this.failures += 1;
    log.warn(`staff sign-in refused (${role}, failure ${this.failures})`);
    if (this.failures >= MAX_PIN_FAILURES) {
      this.failures = 0;
      this.lockedUntil = now + PIN_LOCKOUT_MS;
      return { ok: false, error: 'locked', retryAfterSeconds: PIN_LOCKOUT_MS / 1000, attemptsLeft: null };
    }
    return { ok: false, error: 'wrong-pin', retryAfterSeconds: null, attemptsLeft: MAX_PIN_FAILURES - this.failures };
  }

  /** A technician's own account (identifier and secret); the lockout and audit are the check's. */
  signInTechnician(identifier: string, secret: string): TechnicianSignInResponse {
    if (!this.opts.technicians) return { ok: false, error: 'no-accounts', retryAfterSeconds: null, attemptsLeft: null };
    const answer = this.opts.technicians.check(identifier, secret);
    if (answer.ok)
      this.signedIn = {
        role: 'technician',
        until: this.opts.clock.now() + STAFF_SESSION_MS,
        technician: answer.technician,
      };
    return answer;
  }

  signOut(): void {
    const technician = this.signedIn?.technician;
    if (technician)
      this.opts.audit?.append({
        actor: technicianActor(technician.id),
        action: 'technician-signed-out',
        subject: null,
      });
    this.signedIn = null;
  }

  /** The signed-in technician's account, or null (nobody, the pharmacist, or a lapsed sign-in). */
  technician(): { id: string; name: string } | null {
    return this.role() === 'technician' ? (this.signedIn?.technician ?? null) : null;
  }

  /** The signed-in role, or null (a lapsed sign-in is signed out). */
  role(): StaffRole | null {
    if (this.signedIn && this.opts.clock.now() >= this.signedIn.until) this.signedIn = null;
    return this.signedIn?.role ?? null;
  }

  /** Every checklist item must be ticked; throws HandlerError('checklist-incomplete') naming the missing ones. */
  confirmHygiene(items: readonly HygieneItem[]): void {
    const role = this.requireSignIn();
    const missing = HYGIENE_CHECKLIST.filter((item) => !items.includes(item));
    if (missing.length > 0)
      throw new HandlerError('checklist-incomplete', `hygiene checklist items not ticked: ${missing.join(', ')}`);
    if (!this.opts.flow.confirmHygiene())
      throw new HandlerError('patient-in-session', 'the hygiene checklist is confirmed between two patients');
    log.info('hygiene checklist confirmed');
    // Durable: the pharmacist's portal says when it was last done, after a restart too (HygieneTracker).
    this.opts.audit?.append({ actor: role, action: HYGIENE_CONFIRMED_ACTION, subject: null });
  }

  answerHelp(): void {
    this.requireSignIn();
    log.info('help request answered');
    this.opts.flow.answerHelp();
  }

  overview(): StaffOverview {
    const role = this.requireSignIn();
    this.rollDay();
    const view = this.opts.flow.view();
    return {
      signedIn: role,
      technician: this.technician(),
      hygieneDue: this.opts.flow.hygieneDue(),
      helpRequested: view.helpRequested,
      step: view.step,
      devices: this.opts.devices(),
      maintenance: this.opts.maintenance?.() ?? [],
      counters: { ...this.counters },
      platformCredential: this.opts.platformCredential?.() ?? null,
    };
  }

  /**
   * For what only one role may do (a technician calibrates): refreshes the sign-in's lapse time;
   * throws HandlerError('forbidden') unless that role is signed in.
   */
  requireRole(role: StaffRole): void {
    if (this.requireSignIn() !== role) throw new HandlerError('forbidden', `${role} sign-in required`);
  }

  /** The signed-in technician's own account (who the register names); throws HandlerError('forbidden'). */
  requireTechnician(): { id: string; name: string } {
    this.requireRole('technician');
    const account = this.technician();
    if (account === null) throw new HandlerError('forbidden', 'a technician account sign-in is required');
    return account;
  }

  /** Refreshes the sign-in's lapse time; throws HandlerError('forbidden') when nobody is signed in. */
  private requireSignIn(): StaffRole {
    const role = this.role();
    if (role === null || this.signedIn === null) throw new HandlerError('forbidden', 'staff sign-in required');
    this.signedIn.until = this.opts.clock.now() + STAFF_SESSION_MS;
    return role;
  }

  private today(): string {
    return isoDay(this.opts.clock.now());
  }

  private rollDay(): void {
    const today = this.today();
    if (this.counters.date !== today) this.counters = emptyCounters(today);
  }
}

function emptyCounters(date: string): SessionCounters {
  return {
    date,
    started: 0,
    completed: 0,
    cancelled: 0,
    emergency: 0,
    idleTimeout: 0,
    consentRefused: 0,
    leftQueue: 0,
    assistedTeleconsultations: 0,
  };
}

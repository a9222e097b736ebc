import type {
  DoctorEvent,
  DoctorInfo,
  KioskEvent,
  PharmacistEvent,
  PharmacistInfo,
} from '../../common/signaling/messages';
import type { BearerSessions } from '../auth/bearer-sessions';
import type { AccessLogStore } from '../access/access-store';
import type { CallTokens } from '../auth/call-tokens';
import type { DoctorAccounts } from '../auth/doctor-accounts';
import type { DoctorSessions } from '../auth/doctor-sessions';
import type { PharmacistAccounts } from '../auth/pharmacist-accounts';
import type { SignInThrottle } from '../auth/sign-in-throttle';
import type { CallCenter, DoctorLink, KioskLink } from '../calls/call-center';
import type { AlertDesk } from '../pharmacy/alert-desk';
import type { PharmacistLink, PharmacyBoards } from '../pharmacy/pharmacy-boards';
import type { PharmacyDirectory } from '../pharmacy/pharmacy-directory';

/** The pharmacy side: accounts and sessions of the pharmacists, the pharmacies, their boards and alerts. */
export interface PharmacyDeps {
  accounts: PharmacistAccounts;
  sessions: BearerSessions<PharmacistInfo>;
  directory: PharmacyDirectory;
  boards: PharmacyBoards;
  alerts: AlertDesk;
}

export interface SignalingDeps {
  calls: CallCenter;
  callTokens: CallTokens;
  accounts: DoctorAccounts;
  sessions: DoctorSessions;
  throttle: SignInThrottle;
  /** Doctors may sign in with a password here (development); else only `resume-session` after Pro Santé Connect. */
  passwordSignIn: boolean;
  /** Where the console's reads of a consultation (accept, rejoin) are logged. */
  accessLog: Pick<AccessLogStore, 'append'>;
  pharmacy: PharmacyDeps;
  /**
   * Null while this node takes new calls; else why not (server/cluster: Redis or PostgreSQL lost).
   * New patients and accepts are refused; kiosks coming back to their place or call are not.
   */
  admission?(): string | null;
}

/** Who a socket speaks for: nobody yet, a kiosk that joined the queue, a signed-in doctor or pharmacist. */
export type SocketRole =
  | { kind: 'none' }
  | { kind: 'kiosk'; link: KioskLink }
  | { kind: 'doctor'; link: DoctorLink; token: string; doctor: DoctorInfo }
  | { kind: 'pharmacist'; link: PharmacistLink; token: string; pharmacist: PharmacistInfo };

/** What every request handler of a socket may use. */
export interface SocketContext {
  readonly deps: SignalingDeps;
  /** Short random id of the socket, for logs. */
  readonly socketId: string;
  /** The client's address (the sign-in throttle counts failures per address too). */
  readonly address: string;
  /** The role when the request arrived. */
  readonly role: SocketRole;
  /** Pushes an event to this socket. */
  send(event: KioskEvent | DoctorEvent | PharmacistEvent): void;
  /** The socket now speaks for someone else (joined, signed in, signed out). */
  become(role: SocketRole): void;
}

export type KioskContext = SocketContext & { readonly role: Extract<SocketRole, { kind: 'kiosk' }> };
export type DoctorContext = SocketContext & { readonly role: Extract<SocketRole, { kind: 'doctor' }> };
export type PharmacistContext = SocketContext & { readonly role: Extract<SocketRole, { kind: 'pharmacist' }> };

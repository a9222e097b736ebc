import type { DoctorEvent, DoctorInfo, KioskEvent } from '../../common/signaling/messages';
import type { AccessLog } from '../access/access-log';
import type { CallTokens } from '../auth/call-tokens';
import type { DoctorAccounts } from '../auth/doctor-accounts';
import type { DoctorSessions } from '../auth/doctor-sessions';
import type { SignInThrottle } from '../auth/sign-in-throttle';
import type { CallCenter, DoctorLink, KioskLink } from '../calls/call-center';

export interface SignalingDeps {
  calls: CallCenter;
  callTokens: CallTokens;
  accounts: DoctorAccounts;
  sessions: DoctorSessions;
  throttle: SignInThrottle;
  /** Doctors may sign in with a password here (development); else only `resume-session` after Pro Santé Connect. */
  passwordSignIn: boolean;
  /** Where the console's reads of a consultation (accept, rejoin) are logged. */
  accessLog: Pick<AccessLog, 'append'>;
}

/** Who a socket speaks for: nobody yet, a kiosk that joined the queue, or a signed-in doctor. */
export type SocketRole =
  | { kind: 'none' }
  | { kind: 'kiosk'; link: KioskLink }
  | { kind: 'doctor'; link: DoctorLink; token: string; doctor: DoctorInfo };

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
  send(event: KioskEvent | DoctorEvent): void;
  /** The socket now speaks for someone else (joined, signed in, signed out). */
  become(role: SocketRole): void;
}

export type KioskContext = SocketContext & { readonly role: Extract<SocketRole, { kind: 'kiosk' }> };
export type DoctorContext = SocketContext & { readonly role: Extract<SocketRole, { kind: 'doctor' }> };

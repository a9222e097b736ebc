import {
  SIGNAL_ENTRY_TIMEOUT_MS,
  SignalCloseCode,
  type DoctorEvent,
  type KioskEvent,
  type PharmacistEvent,
  type SignalError,
} from '../../common/signaling/messages';
import { systemClock, type Clock } from '../../common/util/clock';
import { createLogger } from '../../common/util/logger';
import { SignalFailure } from '../calls/signal-failure';
import { readRequest, type IncomingRequest } from './frame-intake';
import { route, type SignalResult } from './request-router';
import type { SignalingDeps, SocketContext, SocketRole } from './socket-context';

const log = createLogger('platform:signaling');

/** Refused frames tolerated per socket before it is closed (a client that only sends garbage). */
export const MAX_REFUSALS = 20;
/** Frames per socket per FRAME_WINDOW_MS before it is closed (a runaway client). */
export const MAX_FRAMES_PER_WINDOW = 400;
const FRAME_WINDOW_MS = 10_000;

/** The transport under one signalling socket (a WebSocket in production, a fake in tests). */
export interface SocketPort {
  readonly isOpen: boolean;
  send(text: string): void;
  close(code: number, reason: string): void;
}

export interface SignalSocketOptions {
  /** Frame-rate windows and the entry deadline; default the system's. */
  clock?: Clock;
  /** How long the socket may stay without a role (default SIGNAL_ENTRY_TIMEOUT_MS). */
  entryTimeoutMs?: number;
  /** The socket gained a role (`true`) or lost it again (`false`, a doctor signed out). */
  onAuthenticated?(authenticated: boolean): void;
}

type Outgoing =
  | KioskEvent
  | DoctorEvent
  | PharmacistEvent
  | { type: 'response'; id: string; ok: true; result: SignalResult }
  | { type: 'response'; id: string; ok: false; error: SignalError }
  | { type: 'error'; error: SignalError };

/**
 * One signalling socket: validates each frame, answers each request exactly once, in order
 * (mediasoup negotiation depends on it), refuses what is wrong with a reason logged by type only,
 * and never throws on input. A socket without a role is closed once its entry deadline passes, so
 * an idle connection costs the platform nothing for long.
 */
export class SignalSocket {
  private role: SocketRole = { kind: 'none' };
  private refusals = 0;
  private windowStart: number;
  private frames = 0;
  private chain: Promise<void> = Promise.resolve();
  private readonly clock: Clock;
  private entryDeadline: unknown = null;

  constructor(
    private readonly port: SocketPort,
    private readonly deps: SignalingDeps,
    private readonly peer: { socketId: string; address: string },
    private readonly options: SignalSocketOptions = {},
  ) {
    this.clock = options.clock ?? systemClock;
    this.windowStart = this.clock.now();
    this.armEntryDeadline();
  }

  /** One frame from the client; `null` for a binary frame (refused: the protocol is text). */
  receive(text: string | null): void {
    if (!this.withinRate()) return;
    if (text === null)
      return this.refuse(undefined, { code: 'bad-message', message: 'binary frames are not accepted' });
    const read = readRequest(text, this.role.kind);
    if (!read.ok) return this.refuse(read.error.id, read.error.error);
    this.chain = this.chain.then(() => this.answer(read.value));
  }

  /** The socket closed: once its pending requests are done, the call center hears of it. */
  closed(): Promise<void> {
    this.disarmEntryDeadline();
    return this.chain.then(() => {
      if (this.role.kind === 'kiosk') this.deps.calls.kioskDisconnected(this.role.link);
      if (this.role.kind === 'doctor') this.deps.calls.doctorOffline(this.role.link);
      if (this.role.kind === 'pharmacist') this.deps.pharmacy.boards.unsubscribe(this.role.link);
    });
  }

  private async answer(incoming: IncomingRequest) {
    const { id, type } = incoming.request;
    try {
      const result = await route(this.context(), incoming);
      this.send({ type: 'response', id, ok: true, result });
    } catch (error) {
      if (error instanceof SignalFailure) return this.refuse(id, { code: error.code, message: error.message });
      log.error(`socket ${this.peer.socketId}: ${type} failed: ${(error as Error).message}`);
      this.refuse(id, { code: 'internal', message: 'internal error' });
    }
  }

  private context(): SocketContext {
    return {
      deps: this.deps,
      socketId: this.peer.socketId,
      address: this.peer.address,
      role: this.role,
      send: (event) => this.send(event),
      become: (role) => this.become(role),
    };
  }

  private become(role: SocketRole) {
    const had = this.role.kind !== 'none';
    this.role = role;
    const has = role.kind !== 'none';
    if (had === has) return;
    if (has) this.disarmEntryDeadline();
    else this.armEntryDeadline();
    this.options.onAuthenticated?.(has);
  }

  private armEntryDeadline() {
    const ms = this.options.entryTimeoutMs ?? SIGNAL_ENTRY_TIMEOUT_MS;
    this.entryDeadline = this.clock.setTimeout(() => {
      this.entryDeadline = null;
      if (this.role.kind !== 'none' || !this.port.isOpen) return;
      log.info(`socket ${this.peer.socketId}: no join or sign-in within ${ms} ms, closing`);
      this.port.close(SignalCloseCode.entryTimeout, `join the queue or sign in within ${ms / 1000} s of connecting`);
    }, ms);
  }

  private disarmEntryDeadline() {
    if (this.entryDeadline === null) return;
    this.clock.clearTimeout(this.entryDeadline);
    this.entryDeadline = null;
  }

  private withinRate(): boolean {
    const now = this.clock.now();
    if (now - this.windowStart > FRAME_WINDOW_MS) {
      this.windowStart = now;
      this.frames = 0;
    }
    if (++this.frames <= MAX_FRAMES_PER_WINDOW) return true;
    log.warn(`socket ${this.peer.socketId}: too many frames, closing`);
    this.port.close(1008, 'rate limit');
    return false;
  }

  private refuse(id: string | undefined, error: SignalError) {
    this.refusals += 1;
    log.warn(`socket ${this.peer.socketId} (${this.role.kind}): refused: ${error.code}: ${error.message}`);
    this.send(id ? { type: 'response', id, ok: false, error } : { type: 'error', error });
    if (error.code === 'bad-message' && this.refusals >= MAX_REFUSALS)
      this.port.close(1008, 'too many malformed frames');
  }

  private send(frame: Outgoing) {
    if (this.port.isOpen) this.port.send(JSON.stringify(frame));
  }
}

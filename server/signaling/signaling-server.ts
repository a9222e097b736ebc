import websocket from '@fastify/websocket';
import { randomUUID } from 'node:crypto';
import type { RawData, WebSocket } from 'ws';
import { z } from 'zod';
import {
  DoctorToPlatform,
  KioskToPlatform,
  MAX_SIGNAL_FRAME_BYTES,
  MediaMethods,
  RequestId,
  SIGNALING_PATH,
  type DoctorEvent,
  type DoctorInfo,
  type KioskEvent,
  type SignalError,
} from '../../common/signaling/messages';
import { createLogger } from '../../common/util/logger';
import type { HttpApp } from '../../http/http-server';
import type { CallTokens } from '../auth/call-tokens';
import type { DoctorAccounts } from '../auth/doctor-accounts';
import type { DoctorSessions } from '../auth/doctor-sessions';
import { tryAgainLater, type SignInThrottle } from '../auth/sign-in-throttle';
import type { CallCenter, DoctorLink, KioskLink } from '../calls/call-center';
import type { MediaRequest } from '../calls/room';
import { SignalFailure } from '../calls/signal-failure';

const log = createLogger('platform:signaling');

/** Refused frames tolerated per socket before it is closed (a client that only sends garbage). */
const MAX_REFUSALS = 20;
/** Frames per socket per 10 s before it is closed (a runaway client). */
const MAX_FRAMES_PER_WINDOW = 400;

export interface SignalingDeps {
  calls: CallCenter;
  callTokens: CallTokens;
  accounts: DoctorAccounts;
  sessions: DoctorSessions;
  throttle: SignInThrottle;
}

type Role =
  | { kind: 'none' }
  | { kind: 'kiosk'; link: KioskLink }
  | { kind: 'doctor'; link: DoctorLink; token: string; doctor: DoctorInfo };

const Peek = z.object({ type: z.string().max(64), id: RequestId.optional() });
const MEDIA_TYPES = new Set(Object.keys(MediaMethods));

/**
 * The signalling WebSocket at SIGNALING_PATH. Each socket becomes a kiosk (first frame
 * `join-queue` with a valid call token) or a doctor (`sign-in` / `resume-session`). Every frame is
 * validated; a refused one gets a response with the reason and is logged by type only (frames can
 * hold patient data); the process never throws on input.
 */
export class SignalingServer {
  private readonly clients = new Set<WebSocket>();
  /** Client address of each socket, for the sign-in throttle. */
  private readonly addresses = new Map<string, string>();
  private readonly alive = new WeakMap<WebSocket, boolean>();
  private readonly keepalive: ReturnType<typeof setInterval>;

  constructor(
    private readonly deps: SignalingDeps,
    /** Ping interval; a socket that missed one pong is dropped (a pulled cable sends no FIN). */
    pingIntervalMs = 15_000,
  ) {
    this.keepalive = setInterval(() => {
      for (const ws of this.clients) {
        if (this.alive.get(ws) === false) {
          ws.terminate();
          continue;
        }
        this.alive.set(ws, false);
        ws.ping();
      }
    }, pingIntervalMs);
    this.keepalive.unref();
  }

  /** Accepts WebSocket upgrades at SIGNALING_PATH on the platform's HTTP server. */
  async attach(app: HttpApp): Promise<void> {
    await app.register(websocket, { options: { maxPayload: MAX_SIGNAL_FRAME_BYTES } });
    app.get(SIGNALING_PATH, { websocket: true }, (ws, request) => this.onConnection(ws, request.ip));
  }

  close(): Promise<void> {
    clearInterval(this.keepalive);
    for (const ws of this.clients) ws.terminate();
    this.clients.clear();
    return Promise.resolve();
  }

  private onConnection(ws: WebSocket, address: string) {
    const socketId = randomUUID().slice(0, 8);
    this.clients.add(ws);
    this.addresses.set(socketId, address);
    this.alive.set(ws, true);
    ws.on('pong', () => this.alive.set(ws, true));
    let role: Role = { kind: 'none' };
    let refusals = 0;
    let windowStart = Date.now();
    let frames = 0;
    // Requests of one socket are handled in order (mediasoup negotiation depends on it).
    let chain: Promise<void> = Promise.resolve();

    const send = (frame: object) => {
      if (ws.readyState === ws.OPEN) ws.send(JSON.stringify(frame));
    };
    const refuse = (id: string | undefined, error: SignalError) => {
      refusals += 1;
      log.warn(`socket ${socketId} (${role.kind}): refused: ${error.code}: ${error.message}`);
      if (id) send({ type: 'response', id, ok: false, error });
      else send({ type: 'error', error });
      if (error.code === 'bad-message' && refusals >= MAX_REFUSALS) ws.close(1008, 'too many malformed frames');
    };

    ws.on('message', (data: RawData, isBinary: boolean) => {
      const now = Date.now();
      if (now - windowStart > 10_000) {
        windowStart = now;
        frames = 0;
      }
      if (++frames > MAX_FRAMES_PER_WINDOW) {
        log.warn(`socket ${socketId}: too many frames, closing`);
        ws.close(1008, 'rate limit');
        return;
      }
      if (isBinary) return refuse(undefined, { code: 'bad-message', message: 'binary frames are not accepted' });
      const text = data.toString();
      let json: unknown;
      try {
        json = JSON.parse(text);
      } catch {
        return refuse(undefined, { code: 'bad-message', message: 'frame is not JSON' });
      }
      const peek = Peek.safeParse(json);
      if (!peek.success)
        return refuse(undefined, { code: 'bad-message', message: 'frame needs a string "type" and "id"' });
      const { type, id } = peek.data;
      if (!id) return refuse(undefined, { code: 'bad-message', message: `${type}: missing "id"` });
      const schema = this.schemaFor(role, type);
      if (!schema)
        return refuse(id, {
          code: 'unauthorised',
          message: `${type}: join the queue (kiosk) or sign in (doctor) first`,
        });
      const parsed = schema.safeParse(json);
      if (!parsed.success) {
        const issue = parsed.error.issues[0];
        return refuse(id, {
          code: 'bad-message',
          message: `${type}: ${issue?.path.join('.') || 'frame'}: ${issue?.message ?? 'invalid'}`.slice(0, 400),
        });
      }
      const request = parsed.data as { type: string; id: string } & Record<string, unknown>;
      chain = chain.then(async () => {
        try {
          const result = await this.handle(request, role, (next) => (role = next), send, socketId);
          send({ type: 'response', id, ok: true, result });
        } catch (error) {
          if (error instanceof SignalFailure) refuse(id, { code: error.code, message: error.message });
          else {
            log.error(`socket ${socketId}: ${type} failed: ${(error as Error).message}`);
            refuse(id, { code: 'internal', message: 'internal error' });
          }
        }
      });
    });

    ws.on('close', () => {
      this.clients.delete(ws);
      void chain.then(() => {
        this.addresses.delete(socketId);
        if (role.kind === 'kiosk') this.deps.calls.kioskDisconnected(role.link);
        if (role.kind === 'doctor') this.deps.calls.doctorOffline(role.link);
      });
    });
    ws.on('error', (error) => log.warn(`socket ${socketId}: ${error.message}`));
  }

  private schemaFor(role: Role, type: string): z.ZodType | null {
    if (role.kind === 'none') {
      if (type === 'join-queue') return KioskToPlatform;
      if (type === 'sign-in' || type === 'resume-session') return DoctorToPlatform;
      return null;
    }
    return role.kind === 'kiosk' ? KioskToPlatform : DoctorToPlatform;
  }

  private async handle(
    request: { type: string; id: string } & Record<string, unknown>,
    role: Role,
    setRole: (role: Role) => void,
    send: (frame: object) => void,
    socketId: string,
  ): Promise<unknown> {
    const { calls } = this.deps;
    const kioskFrame = request as KioskToPlatform;
    const doctorFrame = request as DoctorToPlatform;
    if (
      role.kind === 'none' ||
      (role.kind === 'doctor' && (request.type === 'sign-in' || request.type === 'resume-session'))
    ) {
      if (kioskFrame.type === 'join-queue') {
        const r = kioskFrame;
        const grant = this.deps.callTokens.verify(r.token);
        if (!grant) throw new SignalFailure('unauthorised', 'the call ticket is invalid or expired');
        const link: KioskLink = { id: socketId, send: (event: KioskEvent) => send(event) };
        const result = calls.joinQueue(link, grant, r);
        setRole({ kind: 'kiosk', link });
        return result;
      }
      const session =
        doctorFrame.type === 'sign-in'
          ? await this.signIn(doctorFrame.email, doctorFrame.password, socketId)
          : doctorFrame.type === 'resume-session'
            ? (this.deps.sessions.get(doctorFrame.token) ??
              this.fail('unauthorised', 'the session is invalid or expired'))
            : this.fail('unauthorised', 'sign in first');
      if (role.kind === 'doctor') calls.doctorOffline(role.link);
      const link: DoctorLink = { id: socketId, send: (event: DoctorEvent) => send(event) };
      setRole({ kind: 'doctor', link, token: session.token, doctor: session.doctor });
      calls.doctorOnline(link, session.doctor);
      log.info(`socket ${socketId}: doctor ${session.doctor.id} signed in`);
      return { token: session.token, expiresAt: new Date(session.expiresAt).toISOString(), doctor: session.doctor };
    }
    if (role.kind === 'kiosk') {
      if (MEDIA_TYPES.has(request.type)) return calls.kioskMedia(role.link, request as unknown as MediaRequest);
      const r = kioskFrame;
      // eslint-disable-next-line @typescript-eslint/switch-exhaustiveness-check -- media requests are routed above; typed per-message handlers replace this switch
      switch (r.type) {
        case 'join-queue':
          throw new SignalFailure('conflict', 'this socket already joined');
        case 'leave-queue':
          calls.leaveQueue(role.link);
          return {};
        case 'update-devices':
          calls.updateDevices(role.link, r.devices);
          return {};
        case 'report-media-state':
          calls.reportMediaState(role.link, r.state);
          return {};
      }
      throw new SignalFailure('bad-message', `${request.type}: not a kiosk request`);
    }
    // Doctor: every request re-checks the session (it may have expired or been signed out).
    if (!this.deps.sessions.get(role.token)) {
      send({ type: 'session-ended', reason: 'expired' });
      throw new SignalFailure('unauthorised', 'the session expired: sign in again');
    }
    const doctor = role.doctor;
    if (MEDIA_TYPES.has(request.type)) return calls.doctorMedia(role.link, request as unknown as MediaRequest);
    const r = doctorFrame;
    // eslint-disable-next-line @typescript-eslint/switch-exhaustiveness-check -- media requests are routed above; typed per-message handlers replace this switch
    switch (r.type) {
      case 'sign-out':
        this.deps.sessions.revoke(role.token);
        calls.doctorOffline(role.link);
        setRole({ kind: 'none' });
        return {};
      case 'subscribe-queue':
        return calls.subscribeQueue(role.link);
      case 'accept':
        return calls.accept(role.link, doctor, r.consultationId);
      case 'rejoin':
        return calls.rejoin(role.link, doctor, r.consultationId);
      case 'request-measurement':
        calls.requestMeasurement(doctor, r.consultationId, r.kind);
        return {};
      case 'verify-identity':
        calls.verifyIdentity(doctor, r.consultationId, r.verified);
        return {};
      case 'save-notes':
        calls.saveNotes(doctor, r.consultationId, r.notes);
        return {};
      case 'end-call':
        return calls.endCall(doctor, r.consultationId, r.prescription, r.notes);
    }
    throw new SignalFailure('bad-message', `${request.type}: not a doctor request`);
  }

  private async signIn(email: string, password: string, socketId: string) {
    const address = this.addresses.get(socketId) ?? 'unknown';
    const outcome = await this.deps.throttle.attempt(email, address, () => this.deps.accounts.verify(email, password));
    if (outcome.kind === 'locked') throw new SignalFailure('unauthorised', tryAgainLater(outcome.retryAfterSeconds));
    if (outcome.kind === 'refused') throw new SignalFailure('unauthorised', 'unknown e-mail or wrong password');
    return this.deps.sessions.create(outcome.value);
  }

  private fail(code: SignalError['code'], message: string): never {
    throw new SignalFailure(code, message);
  }
}

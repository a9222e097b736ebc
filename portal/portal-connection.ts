import { Reconnector } from '../common/net/reconnector';
import type { SocketLike } from '../common/net/socket-connection';
import type { PharmacyBoard } from '../common/pharmacy/cabins';
import {
  PharmacistMethods,
  PlatformToPharmacist,
  SIGNALING_PATH,
  type PharmacistEvent,
  type PharmacistInfo,
  type PharmacistSession,
} from '../common/signaling/messages';
import { SignalingClient, SignalRequestError } from '../common/signaling/signaling-client';
import type { BackoffPolicy } from '../common/util/backoff';

export type PortalClient = SignalingClient<typeof PharmacistMethods, PharmacistEvent>;

/** Where the session token is kept: the tab's sessionStorage (a reload keeps it, closing the tab ends it). */
export const SESSION_KEY = 'pharmacist-portal.session';

/** Reconnecting after a cut; jitter spreads the counters' tablets after a platform restart. */
const RECONNECT_BACKOFF: BackoffPolicy = { initialMs: 500, maxMs: 10_000, jitter: 0.5 };

/**
 * - signed-out: the sign-in form;
 * - connecting: signed in, the board not there yet;
 * - live: the board follows the platform, alerts arrive;
 * - lost: the socket dropped and is being reopened: alerts do NOT reach this screen meanwhile.
 */
export type PortalStatus = 'signed-out' | 'connecting' | 'live' | 'lost';

/** Why the last sign-in failed: wrong credentials (or locked), or no platform. */
export type SignInError = 'refused' | 'unreachable';

export interface PortalState {
  status: PortalStatus;
  pharmacist: PharmacistInfo | null;
  board: PharmacyBoard | null;
  signInError: SignInError | null;
  /** The platform's reason for the last refusal (shown as is: it names the lockout's wait). */
  signInMessage: string | null;
}

export interface PortalConnectionOptions {
  url: string;
  storage: Storage;
  /** Socket factory (tests pass a fake platform); defaults to the browser's WebSocket. */
  createSocket?: (url: string) => SocketLike;
  onChange(state: PortalState): void;
}

/** The signalling URL of the platform serving this page (ws: or wss: like the page). */
export function signalingUrl(location: Pick<Location, 'protocol' | 'host'>): string {
  return `${location.protocol === 'https:' ? 'wss:' : 'ws:'}//${location.host}${SIGNALING_PATH}`;
}

/**
 * The portal's one link to the platform: signs in, keeps a signalling socket up while signed in
 * (resuming the session on every new socket), follows the pharmacy's board, tells the platform
 * which alerts are on screen, and acknowledges them. No socket is held while signed out (the
 * platform closes one that does not sign in within 10 s).
 */
export class PortalConnection {
  private state: PortalState = {
    status: 'signed-out',
    pharmacist: null,
    board: null,
    signInError: null,
    signInMessage: null,
  };
  private reconnector: Reconnector<PortalClient> | null = null;
  private client: PortalClient | null = null;
  /** Alerts this socket told the platform it has on screen (a new socket tells again). */
  private shown = new Set<string>();
  /** The open alerts the page last had on screen (told again on a new socket, whose board may not change). */
  private onScreen: readonly string[] = [];

  constructor(private readonly options: PortalConnectionOptions) {}

  get current(): PortalState {
    return this.state;
  }

  /** The session's token for the portal's HTTP requests (billing); null when signed out or expired. */
  sessionToken(): string | null {
    return this.token();
  }

  /** Resumes the tab's session, if it has one. */
  start(): void {
    if (this.token()) this.follow();
  }

  async signIn(email: string, password: string): Promise<void> {
    const client = this.newClient();
    try {
      await client.opened;
      const session = await client.request('pharmacist-sign-in', { email, password });
      this.keep(session);
      this.set({ signInError: null, signInMessage: null, status: 'connecting', pharmacist: session.pharmacist });
      this.follow();
    } catch (error) {
      const refused = error instanceof SignalRequestError && !['closed', 'timeout'].includes(error.code);
      this.set({ signInError: refused ? 'refused' : 'unreachable', signInMessage: refused ? error.message : null });
    } finally {
      client.close();
    }
  }

  signOut(): void {
    void this.client?.request('pharmacist-sign-out', {}).catch(() => {});
    this.end();
  }

  /** "I'm coming": resolves false when the platform did not take it (the alert stays open on every portal). */
  async acknowledge(alertId: string): Promise<boolean> {
    try {
      if (!this.client) return false;
      await this.client.request('acknowledge-alert', { alertId });
      return true;
    } catch {
      return false;
    }
  }

  /** The patient of this ticket is back in the cabin, or will not come back; false when the platform did not take it. */
  async answerCallback(ticket: number, action: 'resume' | 'cancel'): Promise<boolean> {
    try {
      if (!this.client) return false;
      await this.client.request(action === 'resume' ? 'callback-resume' : 'callback-cancel', { ticket });
      return true;
    } catch {
      return false;
    }
  }

  /** These open alerts are on screen now: the platform may tell their kiosks the pharmacist was alerted. */
  markShown(alertIds: readonly string[]): void {
    this.onScreen = alertIds;
    const client = this.client;
    const fresh = alertIds.filter((id) => !this.shown.has(id));
    if (!client || fresh.length === 0) return;
    fresh.forEach((id) => this.shown.add(id));
    client.request('alerts-received', { alertIds: fresh }).catch(() => fresh.forEach((id) => this.shown.delete(id)));
  }

  stop(): void {
    this.reconnector?.stop();
    this.reconnector = null;
  }

  private follow() {
    if (this.reconnector) return;
    this.reconnector = new Reconnector<PortalClient>({
      connect: () => this.newClient(),
      onOpen: (client) => this.resume(client),
      onLost: () => {
        this.client = null;
        if (this.state.status !== 'signed-out') this.set({ status: 'lost' });
      },
      backoff: RECONNECT_BACKOFF,
    });
    this.reconnector.start();
  }

  private async resume(client: PortalClient): Promise<void> {
    const token = this.token();
    if (!token) return this.end();
    let session: PharmacistSession;
    try {
      session = await client.request('pharmacist-resume', { token });
    } catch (error) {
      // A refused token (expired, platform restarted) is final; anything else is a failed attempt.
      if (error instanceof SignalRequestError && error.code === 'unauthorised') return this.end();
      throw error;
    }
    client.on((event) => this.onEvent(event));
    const board = await client.request('subscribe-board', {});
    this.client = client;
    this.shown = new Set();
    this.set({ status: 'live', pharmacist: session.pharmacist, board });
    const open = new Set(board.alerts.filter((a) => a.status === 'open').map((a) => a.alertId));
    this.markShown(this.onScreen.filter((id) => open.has(id)));
  }

  private onEvent(event: PharmacistEvent) {
    if (event.type === 'board') this.set({ board: event.board });
    if (event.type === 'session-ended') this.end();
  }

  private end() {
    this.options.storage.removeItem(SESSION_KEY);
    this.stop();
    this.client = null;
    this.set({ status: 'signed-out', pharmacist: null, board: null });
  }

  private newClient(): PortalClient {
    return new SignalingClient({
      url: this.options.url,
      methods: PharmacistMethods,
      incoming: PlatformToPharmacist,
      ...(this.options.createSocket ? { createSocket: this.options.createSocket } : {}),
    });
  }

  private keep(session: PharmacistSession) {
    this.options.storage.setItem(SESSION_KEY, JSON.stringify({ token: session.token, expiresAt: session.expiresAt }));
  }

  private token(): string | null {
    try {
      const stored = JSON.parse(this.options.storage.getItem(SESSION_KEY) ?? 'null') as {
        token?: unknown;
        expiresAt?: unknown;
      } | null;
      if (typeof stored?.token !== 'string' || typeof stored.expiresAt !== 'string') return null;
      return Date.parse(stored.expiresAt) > Date.now() ? stored.token : null;
    } catch {
      return null;
    }
  }

  private set(patch: Partial<PortalState>) {
    this.state = { ...this.state, ...patch };
    this.options.onChange(this.state);
  }
}

import type { types } from 'mediasoup-client';
import type { IceServerError } from '../../common/signaling/messages';
import { restartTransportIce, type MediaSignaling } from './media-transport';

/** Why a media session asks to be rejoined (new transports after a new signalling socket). */
export type RejoinReason = 'ice restart failed' | 'ice restart did not reconnect';

export interface IceRecoveryOptions {
  signaling: MediaSignaling;
  /** How long a disconnected transport may try to recover on its own before an ICE restart (ms). */
  restartAfterMs: number;
  /** All the session's transports connected / one of them is not (disconnected, failed). */
  onConnectivity?(connected: boolean): void;
  /** ICE did not recover: the session should rejoin with new transports. */
  onNeedsRejoin?(reason: RejoinReason): void;
  /** A TURN server refused the credential or could not be reached. */
  onIceServerError?(error: IceServerError): void;
}

/** How long an ICE restart may take to bring the transport back before a rejoin is asked (ms). */
const RESTART_GRACE_MS = 8000;

/**
 * The connection states of one session's transports and their recovery: a transport that drops is
 * given `restartAfterMs` to heal by itself (a short Wi-Fi hiccup does), then new ICE credentials
 * (restart-ice, fresh TURN credentials); if that is refused or does not reconnect in 8 s, the owner
 * is asked to rejoin. The kiosk and the console alike.
 */
export class IceRecovery {
  private readonly transports: types.Transport[] = [];
  private readonly states = new Map<string, types.ConnectionState>();
  private readonly timers = new Map<string, ReturnType<typeof setTimeout>>();
  private closed = false;

  constructor(private readonly options: IceRecoveryOptions) {}

  /** Follows a transport's connection state and its TURN errors until close(). */
  watch(transport: types.Transport): void {
    this.transports.push(transport);
    transport.on('connectionstatechange', (state) => this.onState(transport, state));
    transport.on('icecandidateerror', (event) => {
      // Only TURN failures: a STUN or host candidate error says nothing the platform can fix.
      if (/^turns?:/.test(event.url))
        this.options.onIceServerError?.({
          url: event.url.slice(0, 300),
          code: event.errorCode,
          text: event.errorText.slice(0, 200),
        });
    });
  }

  /** The transport's last known connection state (diagnostics). */
  state(transport: types.Transport): types.ConnectionState {
    return this.states.get(transport.id) ?? transport.connectionState;
  }

  close(): void {
    this.closed = true;
    for (const timer of this.timers.values()) clearTimeout(timer);
    this.timers.clear();
  }

  private onState(transport: types.Transport, state: types.ConnectionState) {
    if (this.closed) return;
    this.states.set(transport.id, state);
    // A transport may have connected before it was watched (a receive transport connects at once).
    this.options.onConnectivity?.(this.transports.every((t) => this.state(t) === 'connected'));
    const pending = this.timers.get(transport.id);
    if (state === 'connected' && pending) {
      clearTimeout(pending);
      this.timers.delete(transport.id);
    }
    if ((state === 'disconnected' || state === 'failed') && !pending) {
      const delay = state === 'failed' ? 0 : this.options.restartAfterMs;
      this.timers.set(
        transport.id,
        setTimeout(() => void this.restart(transport), delay),
      );
    }
  }

  private async restart(transport: types.Transport) {
    this.timers.delete(transport.id);
    if (this.closed || transport.closed || this.states.get(transport.id) === 'connected') return;
    try {
      await restartTransportIce(this.options.signaling, transport);
    } catch {
      if (!this.closed) this.options.onNeedsRejoin?.('ice restart failed');
      return;
    }
    // Give the restart time to work; if the path is still dead, rejoin with new transports.
    const timer = setTimeout(() => {
      this.timers.delete(transport.id);
      if (!this.closed && this.states.get(transport.id) !== 'connected')
        this.options.onNeedsRejoin?.('ice restart did not reconnect');
    }, RESTART_GRACE_MS);
    this.timers.set(transport.id, timer);
  }
}

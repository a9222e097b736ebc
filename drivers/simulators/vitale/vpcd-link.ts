import { EventEmitter } from 'node:events';
import { connect, type Socket } from 'node:net';
import { systemClock, type Clock } from '../../../common/util/clock';
import { createLogger } from '../../../common/util/logger';
import {
  VPCD_CTRL_ATR,
  VPCD_CTRL_OFF,
  VPCD_CTRL_ON,
  VPCD_CTRL_RESET,
  VpcdFrameReader,
  encodeVpcdFrame,
} from './vpcd-frames';
import type { VirtualVitaleCard } from './virtual-vitale';

const log = createLogger('kiosk:drivers:vitale-sim');

/** vpcd accepts one card per port; until pcscd has loaded it, connecting is retried this often. */
const RECONNECT_MS = 200;

export interface VpcdLinkEvents {
  /** Connected to vpcd: pcscd sees the card at its next presence poll (≈ 0.4 s). */
  inserted: [];
  /** The socket is closed by us: pcscd sees the reader empty at its next poll. */
  removed: [reason: 'command' | 'pulled-during-read'];
}

/**
 * Puts a virtual card into Debian's vsmartcard-vpcd reader. vpcd listens on a TCP port (one per
 * reader slot) and the card connects to it; a connected card is inserted, closing the socket
 * removes it. We only ever connect to 127.0.0.1.
 */
export class VpcdLink extends EventEmitter<VpcdLinkEvents> {
  #socket: Socket | null = null;
  #wanted = false;
  #timer: unknown = null;

  constructor(
    private card: VirtualVitaleCard,
    private readonly port: number,
    private readonly clock: Clock = systemClock,
  ) {
    super();
  }

  get inserted(): boolean {
    return this.#socket !== null;
  }

  get scenarioName(): string {
    return this.card.scenarioName;
  }

  /** Inserts the card (connects, retrying until vpcd listens); idempotent. */
  insert(): void {
    this.#wanted = true;
    if (!this.#socket && this.#timer === null) this.#connect();
  }

  /** Removes the card; idempotent. */
  remove(reason: 'command' | 'pulled-during-read' = 'command'): void {
    this.#wanted = false;
    if (this.#timer !== null) this.clock.clearTimeout(this.#timer);
    this.#timer = null;
    const socket = this.#socket;
    this.#socket = null;
    if (socket) {
      socket.destroy();
      this.emit('removed', reason);
    }
  }

  /** Swaps the card in the reader for another (the reader sees a removal then an insertion). */
  replace(card: VirtualVitaleCard): void {
    const wasIn = this.#wanted;
    this.remove();
    this.card = card;
    if (wasIn) this.clock.setTimeout(() => this.insert(), 2 * RECONNECT_MS + 400);
  }

  #connect(): void {
    this.#timer = null;
    if (!this.#wanted) return;
    const socket = connect({ host: '127.0.0.1', port: this.port });
    const frames = new VpcdFrameReader();
    socket.setNoDelay(true);
    socket.on('connect', () => {
      if (!this.#wanted) return socket.destroy();
      this.#socket = socket;
      this.card.reset();
      log.debug(`card in (port ${this.port})`);
      this.emit('inserted');
    });
    socket.on('data', (chunk: Buffer) => {
      for (const payload of frames.push(chunk)) this.#answer(socket, payload);
    });
    socket.on('error', () => undefined); // 'close' follows; refused connections are retried there
    socket.on('close', () => {
      if (this.#socket === socket) this.#socket = null;
      if (this.#wanted && !this.#socket && this.#timer === null)
        this.#timer = this.clock.setTimeout(() => this.#connect(), RECONNECT_MS);
    });
  }

  #answer(socket: Socket, payload: Uint8Array): void {
    if (socket !== this.#socket) return;
    if (payload.length === 1) {
      const control = payload[0];
      if (control === VPCD_CTRL_ATR) socket.write(encodeVpcdFrame(this.card.atr()));
      else if (control === VPCD_CTRL_OFF || control === VPCD_CTRL_ON || control === VPCD_CTRL_RESET) this.card.reset();
      return;
    }
    const answer = this.card.handle(payload);
    if (answer.kind === 'pulled') {
      // Pulled mid-command: vpcd's transmit fails, then its presence poll finds the reader empty.
      this.remove('pulled-during-read');
      return;
    }
    socket.write(encodeVpcdFrame(answer.bytes));
  }
}

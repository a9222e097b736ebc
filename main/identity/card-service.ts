import { EventEmitter } from 'node:events';
import type { CardErrorCode, CardState } from '../../common/identity/card-state';
import { sleep, systemClock, type Clock } from '../../common/util/clock';
import { createLogger } from '../../common/util/logger';
import { readCarteVitale, type VitaleReadResult } from '../../drivers/cards/carte-vitale';
import { PcscError, type PcscCard, type PcscErrorCode, type PcscTransport } from '../../drivers/transport/pcsc';
import type { FlowCardEventMap, FlowCardEvents, FlowCardReader } from '../flow/ports';

// Logs say what the reader did (states, error codes, status words), never what the card holds.
const log = createLogger('kiosk:main:card-service');

/** pcscd not reachable: try again this often (it may be starting, or restarted by systemd). */
export const PCSC_RETRY_MS = 5_000;
/**
 * After an exchange failed, how long to wait for the reader to report the card gone before
 * calling it a silent (mute) card. pcscd polls vpcd and most CCID readers every 0.4 s.
 */
export const REMOVAL_GRACE_MS = 1_500;

/** While another application holds the card exclusively, connecting is retried this often, this many times. */
const CONNECT_RETRY_MS = 300;
const CONNECT_ATTEMPTS = 10;

/** A failed exchange that a pulled card also produces. */
const MAYBE_REMOVED: ReadonlySet<PcscErrorCode | null> = new Set([
  'transmit-failed',
  'timeout',
  'card-removed',
  'unknown',
]);

export interface CardServiceOptions {
  transport: PcscTransport;
  /** Substring of the reader's name (kiosk-config `readerName`); empty: the first reader. */
  readerName: string;
  /** The reader's device id from the config, carried in CardState. */
  readerId: string;
  clock?: Clock;
  retryMs?: number;
  removalGraceMs?: number;
}

/**
 * Watches the configured PC/SC reader and reads each card put in it: `stateChanged` for the
 * screens (no identity in it), then `cardRead` with the identity or `cardFailed` with the reason.
 * Survives pcscd being absent or restarting (state no-reader, retried every PCSC_RETRY_MS).
 */
export class CardService extends EventEmitter<FlowCardEventMap> implements FlowCardEvents, FlowCardReader {
  #state: CardState;
  #reader: string | null = null;
  /** Bumped on every insertion and on losing the reader: a read finishing after either is stale. */
  #generation = 0;
  #reading: { removed: boolean; onRemoved: (() => void) | null } | null = null;
  #retryTimer: unknown = null;
  #outage = false;
  #closed = false;
  readonly #clock: Clock;
  #detach: () => void = () => undefined;

  constructor(private readonly options: CardServiceOptions) {
    super();
    this.#clock = options.clock ?? systemClock;
    this.#state = { readerId: options.readerId, state: 'no-reader', error: 'no-reader' };
  }

  state(): CardState {
    return this.#state;
  }

  start(): void {
    const t = this.options.transport;
    const attached = (reader: string) => this.#onReaderAttached(reader);
    const detached = (reader: string) => this.#onReaderDetached(reader);
    const inserted = (reader: string, card: { atr: Uint8Array | null; mute: boolean }) =>
      void this.#onCardInserted(reader, card);
    const removed = (reader: string) => this.#onCardRemoved(reader);
    const failed = (error: PcscError) => this.#onServiceFailed(error);
    t.on('readerAttached', attached)
      .on('readerDetached', detached)
      .on('cardInserted', inserted)
      .on('cardRemoved', removed)
      .on('serviceFailed', failed);
    this.#detach = () => {
      t.off('readerAttached', attached)
        .off('readerDetached', detached)
        .off('cardInserted', inserted)
        .off('cardRemoved', removed)
        .off('serviceFailed', failed);
    };
    this.emit('stateChanged', this.#state);
    t.start();
  }

  close(): void {
    this.#closed = true;
    if (this.#retryTimer !== null) this.#clock.clearTimeout(this.#retryTimer);
    this.#detach();
    this.options.transport.stop();
  }

  /**
   * Reads the card in the reader once more (FlowCardReader): a card put in before the card step
   * was read while the flow could not take its identity. Only when a read card is still in.
   */
  readAgain(): void {
    if (this.#closed || this.#reader === null || this.#state.state !== 'read' || this.#reading !== null) return;
    log.info(`reader ${this.options.readerId}: reading the card in the reader again`);
    void this.#onCardInserted(this.#reader, { atr: null, mute: false });
  }

  #matches(reader: string): boolean {
    return reader.includes(this.options.readerName);
  }

  #setState(state: CardState['state'], error: CardErrorCode | null = null): void {
    if (this.#state.state === state && this.#state.error === error) return;
    log.info(`reader ${this.options.readerId}: ${this.#state.state} -> ${state}${error ? ` (${error})` : ''}`);
    this.#state = { readerId: this.options.readerId, state, error };
    this.emit('stateChanged', this.#state);
  }

  #onReaderAttached(reader: string): void {
    if (this.#outage) log.info('pcscd is reachable again');
    this.#outage = false;
    if (this.#reader !== null || !this.#matches(reader)) return;
    this.#reader = reader;
    this.#setState('empty');
  }

  #onReaderDetached(reader: string): void {
    if (reader !== this.#reader) return;
    this.#reader = null;
    this.#generation += 1;
    const next = this.options.transport.readers().find((r) => this.#matches(r));
    if (next) this.#onReaderAttached(next);
    else this.#setState('no-reader', 'no-reader');
  }

  #onServiceFailed(error: PcscError): void {
    if (this.#closed) return;
    if (!this.#outage)
      log.warn(
        `PC/SC unavailable (${error.code}: ${error.message}); retrying every ${(this.options.retryMs ?? PCSC_RETRY_MS) / 1000} s`,
      );
    this.#outage = true;
    this.#reader = null;
    this.#generation += 1;
    this.#setState('no-reader', 'no-reader');
    this.options.transport.stop();
    this.#retryTimer = this.#clock.setTimeout(() => {
      this.#retryTimer = null;
      if (!this.#closed) this.options.transport.start();
    }, this.options.retryMs ?? PCSC_RETRY_MS);
  }

  #onCardRemoved(reader: string): void {
    if (reader !== this.#reader) return;
    const reading = this.#reading;
    if (reading) {
      reading.removed = true;
      reading.onRemoved?.();
      return; // the read's end decides what the patient is told
    }
    // After an error the message stays up (it says what to do) until the next card or a retry.
    if (this.#state.state !== 'error') this.#setState('empty');
  }

  async #onCardInserted(reader: string, card: { atr: Uint8Array | null; mute: boolean }): Promise<void> {
    if (this.#reader === null && this.#matches(reader)) this.#onReaderAttached(reader);
    if (reader !== this.#reader) return;
    this.#generation += 1;
    const generation = this.#generation;
    if (card.mute) return this.#fail('mute-card', 'no usable ATR');
    this.#setState('reading');
    const reading = { removed: false, onRemoved: null as (() => void) | null };
    this.#reading = reading;
    const result = await this.#read(reader);
    let code = result.ok ? null : result.code;
    if (!result.ok && MAYBE_REMOVED.has(result.pcsc) && (await this.#removedSoon(reading)))
      code = 'removed-during-read';
    if (this.#reading === reading) this.#reading = null;
    if (this.#closed || generation !== this.#generation) return;
    if (result.ok) {
      this.#setState('read');
      this.emit('cardRead', result.identity, { beneficiaries: result.beneficiaries, unreadable: result.unreadable });
      // Taken out just as the read ended: the identity is whole, and the reader is empty now.
      if (reading.removed) this.#setState('empty');
    } else this.#fail(code ?? result.code, result.detail);
  }

  async #read(reader: string): Promise<VitaleReadResult> {
    let card: PcscCard | null = null;
    for (let attempt = 1; card === null; attempt += 1) {
      try {
        card = await this.options.transport.connect(reader);
      } catch (error) {
        const pcsc = error instanceof PcscError ? error : new PcscError('unknown', String(error));
        // Another application (kioskctl card read, a technician's tool) is reading it: wait our turn.
        if (pcsc.code === 'sharing-violation' && attempt < CONNECT_ATTEMPTS) {
          await sleep(this.#clock, CONNECT_RETRY_MS);
          continue;
        }
        return { ok: false, code: codeForConnect(pcsc.code), detail: `connect: ${pcsc.message}`, pcsc: pcsc.code };
      }
    }
    try {
      return await readCarteVitale(card);
    } finally {
      card.disconnect();
    }
  }

  /** Resolves true if the card is reported gone now or within REMOVAL_GRACE_MS. */
  #removedSoon(reading: { removed: boolean; onRemoved: (() => void) | null }): Promise<boolean> {
    if (reading.removed) return Promise.resolve(true);
    return new Promise((resolve) => {
      const timer = this.#clock.setTimeout(() => resolve(false), this.options.removalGraceMs ?? REMOVAL_GRACE_MS);
      reading.onRemoved = () => {
        this.#clock.clearTimeout(timer);
        resolve(true);
      };
    });
  }

  #fail(code: CardErrorCode, detail?: string): void {
    if (detail) log.info(`read failed on ${this.options.readerId}: ${detail}`);
    this.#setState('error', code);
    this.emit('cardFailed', { code });
  }
}

function codeForConnect(code: PcscErrorCode): CardErrorCode {
  if (code === 'card-removed') return 'removed-during-read';
  if (code === 'no-service' || code === 'no-reader') return 'no-reader';
  if (code === 'sharing-violation') return 'data-not-accessible';
  return 'mute-card'; // unresponsive (no ATR), timeout, unknown
}

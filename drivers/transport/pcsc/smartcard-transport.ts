import { EventEmitter } from 'node:events';
import { createRequire } from 'node:module';
import type * as Smartcard from 'smartcard';
import type {
  CardInterface as NativeCard,
  ContextInterface as NativeContext,
  MonitorEvent,
  ReaderMonitorInterface as NativeMonitor,
} from 'smartcard';
import { assertUnreachable } from '../../../common/util/assert-unreachable';
import { systemClock, type Clock } from '../../../common/util/clock';
import { createLogger } from '../../../common/util/logger';
import { transmitApdu, type ResponseApdu } from './apdu';
import {
  PcscError,
  type PcscCard,
  type PcscErrorCode,
  type PcscTransport,
  type PcscTransportEvents,
} from './pcsc-transport';

const log = createLogger('kiosk:drivers:pcsc');

/** A command the card has not answered by then is abandoned: a real Vitale answers in < 1 s. */
export const TRANSMIT_TIMEOUT_MS = 5_000;

type SmartcardModule = typeof Smartcard;

// Loaded on first start(), not at import: a kiosk whose addon did not build still starts, and its
// card reader reports `no-reader` instead of taking the whole main process down.
let loaded: SmartcardModule | null = null;
function loadSmartcard(): SmartcardModule {
  loaded ??= createRequire(import.meta.url)('smartcard') as SmartcardModule;
  return loaded;
}

/** pcsc-lite's texts as the addon reports them (smartcard/src/pcsc_errors.h), by our code. */
const MESSAGE_CODES: readonly [string, PcscErrorCode][] = [
  ['PC/SC service not running', 'no-service'],
  ['PC/SC service stopped', 'no-service'],
  ['Card was removed', 'card-removed'],
  ['No smart card present', 'card-removed'],
  ['Card is unpowered', 'unresponsive'],
  ['Card is unresponsive', 'unresponsive'],
  ['Invalid ATR', 'unresponsive'],
  ['Operation timed out', 'timeout'],
  ['Transaction failed', 'transmit-failed'],
  ['Communication error', 'transmit-failed'],
  ['Sharing violation', 'sharing-violation'],
  ['Unknown reader', 'no-reader'],
  ['Reader unavailable', 'no-reader'],
  ['No readers available', 'no-reader'],
];

/** Reads our code from the addon's error (it carries only pcsc-lite's message). */
export function pcscErrorFrom(error: unknown): PcscError {
  if (error instanceof PcscError) return error;
  const message = error instanceof Error ? error.message : String(error);
  const code = MESSAGE_CODES.find(([text]) => message.includes(text))?.[1] ?? 'unknown';
  return new PcscError(code, message);
}

/**
 * PC/SC over the `smartcard` package's low-level API: its ReaderMonitor (a native thread on
 * SCardGetStatusChange with PnP notification) for readers and cards, a Context to connect. The
 * high-level `Devices` class is not used: it connects on insertion by itself and reports a mute
 * card only as an 'error', where the kiosk needs to say "mute card".
 */
export class SmartcardTransport extends EventEmitter<PcscTransportEvents> implements PcscTransport {
  #monitor: NativeMonitor | null = null;
  #context: NativeContext | null = null;
  readonly #readers: string[] = [];
  readonly #present = new Set<string>();

  constructor(private readonly options: { clock?: Clock; transmitTimeoutMs?: number } = {}) {
    super();
  }

  start(): void {
    if (this.#monitor) return;
    try {
      const sc = loadSmartcard();
      this.#context = new sc.Context();
      const monitor = new sc.ReaderMonitor();
      monitor.start((event) => this.#onEvent(event, sc));
      this.#monitor = monitor;
    } catch (error) {
      this.#release();
      const failure = pcscErrorFrom(error);
      // Reported after start() returns, like every other event.
      queueMicrotask(() =>
        this.emit('serviceFailed', failure.code === 'unknown' ? new PcscError('no-service', failure.message) : failure),
      );
    }
  }

  stop(): void {
    this.#release();
  }

  readers(): string[] {
    return [...this.#readers];
  }

  async connect(reader: string): Promise<PcscCard> {
    const sc = loadSmartcard();
    const context = this.#context;
    if (!context?.isValid) throw new PcscError('no-service', 'the PC/SC transport is not started');
    let target;
    try {
      target = context.listReaders().find((r) => r.name === reader);
    } catch (error) {
      throw pcscErrorFrom(error);
    }
    if (!target) throw new PcscError('no-reader', `no reader named "${reader}"`);
    try {
      // Exclusive: a read is a sequence of SELECTs and READs, and another application selecting
      // a file in between (shared mode) would change what our READ BINARY returns.
      const card = await target.connect(sc.SCARD_SHARE_EXCLUSIVE, sc.SCARD_PROTOCOL_T0 | sc.SCARD_PROTOCOL_T1);
      return new SmartcardCard(
        card,
        sc.SCARD_LEAVE_CARD,
        this.options.clock ?? systemClock,
        this.options.transmitTimeoutMs ?? TRANSMIT_TIMEOUT_MS,
      );
    } catch (error) {
      throw pcscErrorFrom(error);
    }
  }

  #onEvent(event: MonitorEvent, sc: SmartcardModule): void {
    if (!this.#monitor) return;
    switch (event.type) {
      case 'reader-attached':
        if (!this.#readers.includes(event.reader)) this.#readers.push(event.reader);
        this.emit('readerAttached', event.reader);
        // The monitor reports a card already in the reader only through the attach state.
        if ((event.state & sc.SCARD_STATE_PRESENT) !== 0) this.#inserted(event, sc);
        return;
      case 'reader-detached':
        if (this.#present.delete(event.reader)) this.emit('cardRemoved', event.reader);
        if (this.#readers.includes(event.reader)) this.#readers.splice(this.#readers.indexOf(event.reader), 1);
        this.emit('readerDetached', event.reader);
        return;
      case 'card-inserted':
        this.#inserted(event, sc);
        return;
      case 'card-removed':
        if (this.#present.delete(event.reader)) this.emit('cardRemoved', event.reader);
        return;
      case 'error': {
        // For 'error' events the addon puts pcsc-lite's message in `reader`.
        const error = pcscErrorFrom(new Error(event.reader));
        if (error.code !== 'no-service') {
          log.debug(`monitor: ${error.message}`);
          return;
        }
        // The monitor keeps polling a dead context once a second: drop it, the owner retries.
        for (const reader of [...this.#present]) this.emit('cardRemoved', reader);
        this.#release();
        this.emit('serviceFailed', error);
        return;
      }
      default:
        assertUnreachable(event.type, 'monitor event type');
    }
  }

  #inserted(event: MonitorEvent, sc: SmartcardModule): void {
    this.#present.add(event.reader);
    const mute = (event.state & sc.SCARD_STATE_MUTE) !== 0 || !event.atr || event.atr.length === 0;
    this.emit('cardInserted', event.reader, { atr: mute || !event.atr ? null : new Uint8Array(event.atr), mute });
  }

  #release(): void {
    const monitor = this.#monitor;
    this.#monitor = null;
    try {
      monitor?.stop();
    } catch {
      // Stopping a monitor whose context died throws; it is stopped either way.
    }
    try {
      this.#context?.close();
    } catch {
      // Same: a context of a stopped pcscd cannot be released twice.
    }
    this.#context = null;
    this.#readers.length = 0;
    this.#present.clear();
  }
}

class SmartcardCard implements PcscCard {
  readonly atr: Uint8Array;
  #connected = true;

  constructor(
    private readonly card: NativeCard,
    private readonly leaveCard: number,
    private readonly clock: Clock,
    private readonly timeoutMs: number,
  ) {
    this.atr = new Uint8Array(card.atr ?? []);
  }

  transmit(command: Uint8Array): Promise<ResponseApdu> {
    if (!this.#connected) return Promise.reject(new PcscError('card-removed', 'card disconnected'));
    return transmitApdu((bytes) => this.#raw(bytes), command);
  }

  disconnect(): void {
    if (!this.#connected) return;
    this.#connected = false;
    try {
      this.card.disconnect(this.leaveCard);
    } catch {
      // The card is already gone (removed): nothing left to release.
    }
  }

  #raw(bytes: Uint8Array): Promise<Uint8Array> {
    return new Promise((resolve, reject) => {
      const timer = this.clock.setTimeout(
        () => reject(new PcscError('timeout', `no answer from the card after ${this.timeoutMs} ms`)),
        this.timeoutMs,
      );
      this.card.transmit(Buffer.from(bytes)).then(
        (response) => {
          this.clock.clearTimeout(timer);
          resolve(new Uint8Array(response));
        },
        (error: unknown) => {
          this.clock.clearTimeout(timer);
          reject(pcscErrorFrom(error));
        },
      );
    });
  }
}

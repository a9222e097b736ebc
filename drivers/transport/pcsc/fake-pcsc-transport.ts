import { EventEmitter } from 'node:events';
import { transmitApdu, type ResponseApdu } from './apdu';
import { PcscError, type PcscCard, type PcscTransport, type PcscTransportEvents } from './pcsc-transport';

/**
 * What answers APDUs in the fake: raw command bytes in, raw response (data + SW1 SW2) out, or a
 * PcscError to throw (card pulled, silent card). Tests give a hand-written function or the virtual
 * Carte Vitale of drivers/simulators/vitale.
 */
export type FakeCardResponder = (command: Uint8Array) => Uint8Array | PcscError;

interface FakeSlot {
  atr: Uint8Array | null;
  responder: FakeCardResponder;
}

/**
 * A byte-level in-memory PC/SC transport for unit tests: the test attaches readers, inserts and
 * removes cards, and reads back every command sent. Events are emitted synchronously, in the
 * order the test calls the controls, once started.
 */
export class FakePcscTransport extends EventEmitter<PcscTransportEvents> implements PcscTransport {
  readonly sent: Uint8Array[] = [];
  started = false;
  /** When set, start() reports this instead of watching (pcscd not running). */
  serviceDown: PcscError | null = null;
  readonly #readers: string[] = [];
  readonly #cards = new Map<string, FakeSlot>();

  start(): void {
    if (this.started) return;
    if (this.serviceDown) {
      const error = this.serviceDown;
      queueMicrotask(() => this.emit('serviceFailed', error));
      return;
    }
    this.started = true;
    for (const reader of this.#readers) {
      this.emit('readerAttached', reader);
      const card = this.#cards.get(reader);
      if (card) this.emit('cardInserted', reader, { atr: card.atr, mute: card.atr === null });
    }
  }

  stop(): void {
    this.started = false;
  }

  readers(): string[] {
    return this.started ? [...this.#readers] : [];
  }

  connect(reader: string): Promise<PcscCard> {
    if (!this.started) return Promise.reject(new PcscError('no-service', 'not started'));
    const slot = this.#cards.get(reader);
    if (!this.#readers.includes(reader))
      return Promise.reject(new PcscError('no-reader', `no reader named "${reader}"`));
    if (!slot) return Promise.reject(new PcscError('card-removed', 'No smart card present'));
    if (!slot.atr) return Promise.reject(new PcscError('unresponsive', 'Card is unpowered'));
    return Promise.resolve(this.#card(reader, slot, slot.atr));
  }

  // Simulator controls ------------------------------------------------------------------------

  attachReader(reader: string): void {
    this.#readers.push(reader);
    if (this.started) this.emit('readerAttached', reader);
  }

  detachReader(reader: string): void {
    if (this.#cards.has(reader)) this.removeCard(reader);
    this.#readers.splice(this.#readers.indexOf(reader), 1);
    if (this.started) this.emit('readerDetached', reader);
  }

  /** Inserts a card; `atr` null is a mute card. */
  insertCard(reader: string, atr: Uint8Array | null, responder: FakeCardResponder): void {
    this.#cards.set(reader, { atr, responder });
    if (this.started) this.emit('cardInserted', reader, { atr, mute: atr === null });
  }

  removeCard(reader: string): void {
    if (!this.#cards.delete(reader)) return;
    if (this.started) this.emit('cardRemoved', reader);
  }

  /** pcscd went away: readers and cards vanish, then `serviceFailed`. */
  failService(error = new PcscError('no-service', 'PC/SC service stopped')): void {
    for (const reader of [...this.#cards.keys()]) this.removeCard(reader);
    this.started = false;
    this.emit('serviceFailed', error);
  }

  #card(reader: string, slot: FakeSlot, atr: Uint8Array): PcscCard {
    const raw = (command: Uint8Array): Promise<Uint8Array> => {
      this.sent.push(command);
      if (this.#cards.get(reader) !== slot) return Promise.reject(new PcscError('card-removed', 'Card was removed'));
      const answer = slot.responder(command);
      return answer instanceof PcscError ? Promise.reject(answer) : Promise.resolve(answer);
    };
    return {
      atr,
      transmit: (command): Promise<ResponseApdu> => transmitApdu(raw, command),
      disconnect: () => undefined,
    };
  }
}

import type { EventEmitter } from 'node:events';
import type { ResponseApdu } from './apdu';

/** Why a PC/SC operation failed, read from the PC/SC status (pcsc-lite's SCARD_* codes). */
export type PcscErrorCode =
  /** pcscd is not running or went away (SCARD_E_NO_SERVICE, SCARD_E_SERVICE_STOPPED). */
  | 'no-service'
  /** The reader is not (or no longer) there. */
  | 'no-reader'
  /** The card left the reader (SCARD_W_REMOVED_CARD, SCARD_E_NO_SMARTCARD). */
  | 'card-removed'
  /** The card is in but does not answer: no ATR, power-up refused (SCARD_W_UNRESPONSIVE_CARD, SCARD_W_UNPOWERED_CARD). */
  | 'unresponsive'
  /** A command got no answer within the transport's timeout. */
  | 'timeout'
  /** An APDU exchange failed (SCARD_E_NOT_TRANSACTED): the card went silent or was pulled mid-command. */
  | 'transmit-failed'
  /** Another application holds the card exclusively. */
  | 'sharing-violation'
  | 'unknown';

/** A PC/SC failure with a code to branch on; `message` is the PC/SC text (never card data). */
export class PcscError extends Error {
  override readonly name = 'PcscError';
  constructor(
    readonly code: PcscErrorCode,
    message: string,
  ) {
    super(message);
  }
}

/** Events of a PC/SC transport, in the order pcscd reports them. */
export interface PcscTransportEvents {
  /** A reader appeared (also emitted once per reader already present when watching starts). */
  readerAttached: [reader: string];
  readerDetached: [reader: string];
  /**
   * A card is in the reader. `atr` is null and `mute` true when the card gave no usable ATR
   * (pcscd's SCARD_STATE_MUTE): it will not answer commands.
   */
  cardInserted: [reader: string, card: { atr: Uint8Array | null; mute: boolean }];
  cardRemoved: [reader: string];
  /** pcscd cannot be reached (not running, stopped): watching has stopped; call start() again to retry. */
  serviceFailed: [error: PcscError];
}

/**
 * The few PC/SC operations the card reader logic needs. Implemented over the `smartcard` package
 * (smartcard-transport.ts) and in memory for tests (fake-pcsc-transport.ts).
 */
export interface PcscTransport extends EventEmitter<PcscTransportEvents> {
  /** Starts watching readers and cards; idempotent. A missing pcscd is reported by `serviceFailed`. */
  start(): void;
  /** Stops watching and releases the PC/SC context; idempotent. */
  stop(): void;
  /** Readers known now, in pcscd's order. */
  readers(): string[];
  /**
   * Connects (exclusive, T=0 or T=1) to the card in `reader`; rejects with a PcscError
   * (`sharing-violation` while another application holds it). Disconnect to let others in.
   */
  connect(reader: string): Promise<PcscCard>;
}

/** A connected card: one APDU at a time. */
export interface PcscCard {
  /** The ATR the card answered with at connect time. */
  readonly atr: Uint8Array;
  /**
   * Sends one command APDU and resolves with the final response: T=0 61xx (GET RESPONSE) and 6Cxx
   * (re-send with the right Le) are handled inside. Rejects with a PcscError (card-removed,
   * timeout, transmit-failed…); a refusal by the card is a status word, not a rejection.
   */
  transmit(command: Uint8Array): Promise<ResponseApdu>;
  /** Leaves the card powered for the next reader; idempotent, never throws. */
  disconnect(): void;
}

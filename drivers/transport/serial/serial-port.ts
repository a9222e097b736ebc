import type { EventEmitter } from 'node:events';
import type { SerialSettings } from '../../protocols/types';

/** Events of an open serial port. */
export interface SerialPortEvents {
  /** Bytes as read from the line, in order; chunking is arbitrary. */
  data: [Uint8Array];
  /**
   * The port closed. `error` is null after our own `close()`, and set when the port went away
   * under us (USB adapter unplugged, pty closed): the device reports it as disconnected.
   */
  closed: [Error | null];
}

/**
 * The few operations a device driver needs from an open serial port. Implemented over
 * `serialport` (node-serial-port.ts) and by in-memory fakes in tests; devices depend only on this.
 */
export interface SerialPortHandle extends EventEmitter<SerialPortEvents> {
  /** The path the port was opened at (e.g. /dev/kiosk-oximeter or a simulator's pty link). */
  readonly path: string;
  /** Writes and drains; rejects when the port is closed or the write fails. */
  write(bytes: Uint8Array): Promise<void>;
  /** Closes the port; idempotent; emits `closed` with null the first time. */
  close(): Promise<void>;
}

/** Opens a port at `path` with the line settings; rejects with an Error naming the path when it cannot. */
export type SerialPortOpener = (path: string, settings: SerialSettings) => Promise<SerialPortHandle>;

import { EventEmitter } from 'node:events';
import type { SerialSettings } from '../../protocols/types';
import type { SerialPortEvents, SerialPortHandle, SerialPortOpener } from '../../transport/serial/serial-port';

/** An in-memory serial port: records writes, lets the test push bytes and pull the cable. */
export class FakeSerialPort extends EventEmitter<SerialPortEvents> implements SerialPortHandle {
  readonly writes: Uint8Array[] = [];
  closed = false;

  constructor(
    readonly path: string,
    readonly settings: SerialSettings,
  ) {
    super();
  }

  async write(bytes: Uint8Array): Promise<void> {
    if (this.closed) throw new Error(`${this.path}: port is not open`);
    this.writes.push(bytes);
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    this.emit('closed', null);
  }

  /** Bytes arriving from the device. */
  feed(bytes: Uint8Array): void {
    this.emit('data', bytes);
  }

  unplug(): void {
    this.closed = true;
    this.emit('closed', new Error('EIO'));
  }
}

/** An opener handing out FakeSerialPorts (kept in `opened`), or failing while `missing` is set. */
export function fakeOpener(): { open: SerialPortOpener; opened: FakeSerialPort[]; missing: { value: boolean } } {
  const opened: FakeSerialPort[] = [];
  const missing = { value: false };
  return {
    opened,
    missing,
    open: async (path, settings) => {
      if (missing.value) throw new Error(`ENOENT: no such file ${path}`);
      const port = new FakeSerialPort(path, settings);
      opened.push(port);
      return port;
    },
  };
}

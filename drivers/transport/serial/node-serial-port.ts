import { EventEmitter } from 'node:events';
import { read } from 'node:fs';
import { promisify } from 'node:util';
import { SerialPort } from 'serialport';
import type { SerialSettings } from '../../protocols/types';
import type { SerialPortEvents, SerialPortHandle, SerialPortOpener } from './serial-port';

/** `SerialPortHandle` over serialport 13's SerialPort stream. */
class NodeSerialPort extends EventEmitter<SerialPortEvents> implements SerialPortHandle {
  private closedOnce = false;

  constructor(
    readonly path: string,
    private readonly port: SerialPort,
  ) {
    super();
    port.on('data', (chunk: Buffer) =>
      this.emit('data', new Uint8Array(chunk.buffer, chunk.byteOffset, chunk.byteLength)),
    );
    // serialport emits 'close' with a DisconnectedError when the device vanished, nothing after close().
    port.on('close', (error: Error | null | undefined) => this.finish(error ?? null));
    // A zero-byte read (EOF) means the other end hung up: the same thing as an unplug for us.
    port.on('end', () => this.finish(new Error(`${path}: end of stream (device hung up)`)));
    // Without a listener an 'error' event would throw out of the stream: report it as a disconnect.
    port.on('error', (error: Error) => {
      if (port.isOpen) port.close(() => this.finish(error));
      else this.finish(error);
    });
  }

  private finish(error: Error | null): void {
    if (this.closedOnce) return;
    this.closedOnce = true;
    this.emit('closed', error);
  }

  write(bytes: Uint8Array): Promise<void> {
    return new Promise((resolve, reject) => {
      if (!this.port.isOpen) {
        reject(new Error(`${this.path}: port is not open`));
        return;
      }
      this.port.write(Buffer.from(bytes), (error) => {
        if (error) {
          reject(new Error(`${this.path}: write failed: ${error.message}`));
          return;
        }
        this.port.drain((drainError) =>
          drainError ? reject(new Error(`${this.path}: drain failed: ${drainError.message}`)) : resolve(),
        );
      });
    });
  }

  close(): Promise<void> {
    return new Promise((resolve) => {
      if (!this.port.isOpen) {
        this.finish(null);
        resolve();
        return;
      }
      // A failed close leaves nothing to do: the descriptor is gone either way.
      this.port.close(() => {
        this.finish(null);
        resolve();
      });
    });
  }
}

const readAsync = promisify(read);

/** The parts of bindings-cpp's LinuxPortBinding the hang-up aware read uses. */
interface UnixBinding {
  fd: number | null;
  readonly isOpen: boolean;
  poller: { once(event: 'readable', listener: (error: Error | null) => void): unknown };
  read(buffer: Buffer, offset: number, length: number): Promise<{ bytesRead: number; buffer: Buffer }>;
}

function isUnixBinding(value: unknown): value is UnixBinding {
  return (
    typeof value === 'object' &&
    value !== null &&
    'fd' in value &&
    'poller' in value &&
    typeof (value as { read?: unknown }).read === 'function'
  );
}

/**
 * bindings-cpp retries a read that returns 0 bytes forever — a busy loop — yet 0 bytes from a
 * non-blocking tty is end of file: the other side hung up (a simulator's pty closed, some adapters
 * on unplug). This read treats it as the disconnect it is, so the stream closes with an error.
 */
function installHangupAwareRead(binding: unknown): void {
  if (!isUnixBinding(binding)) return;
  binding.read = async (buffer, offset, length) => {
    for (;;) {
      if (!binding.isOpen || binding.fd === null)
        throw Object.assign(new Error('Port is not open'), { canceled: true });
      try {
        const { bytesRead } = await readAsync(binding.fd, buffer, offset, length, null);
        if (bytesRead === 0)
          throw Object.assign(new Error('the other end hung up (end of file on the tty)'), {
            code: 'EIO',
            disconnect: true,
          });
        return { bytesRead, buffer };
      } catch (error) {
        const code = (error as NodeJS.ErrnoException).code;
        if (code !== 'EAGAIN' && code !== 'EWOULDBLOCK' && code !== 'EINTR') throw error;
        if (!binding.isOpen) throw Object.assign(new Error('Port is not open'), { canceled: true });
        await new Promise<void>((resolve, reject) =>
          binding.poller.once('readable', (e) => (e ? reject(e) : resolve())),
        );
      }
    }
  };
}

/**
 * The platform binding with the hang-up aware read installed before the stream's first read
 * (SerialPort lets `binding` in its options override the detected one).
 */
const hangupAwareBinding: typeof SerialPort.binding = {
  ...SerialPort.binding,
  list: () => SerialPort.binding.list(),
  open: async (options: Parameters<typeof SerialPort.binding.open>[0]) => {
    const port = await SerialPort.binding.open(options);
    installHangupAwareRead(port);
    return port;
  },
} as typeof SerialPort.binding;

/** Opens a real (or pty) serial port with serialport 13; no flow control (the protocols use none we rely on). */
export const openNodeSerialPort: SerialPortOpener = (path, settings: SerialSettings) =>
  new Promise((resolve, reject) => {
    const options = {
      path,
      baudRate: settings.baudRate,
      dataBits: settings.dataBits,
      parity: settings.parity,
      stopBits: settings.stopBits,
      autoOpen: false,
      binding: hangupAwareBinding,
    };
    const port = new SerialPort(options);
    port.open((error) => {
      if (error) {
        reject(new Error(`cannot open ${path}: ${error.message}`));
        return;
      }
      resolve(new NodeSerialPort(path, port));
    });
  });

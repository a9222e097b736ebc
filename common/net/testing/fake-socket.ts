import type { SocketLike } from '../socket-connection';

/**
 * A socket whose other end the test plays: `open()`, `receive(frame)` and `drop(code)` act as the
 * server would; `sent` holds what the client wrote. Close events are delivered synchronously.
 */
export class FakeSocket implements SocketLike {
  readyState = 0;
  onopen: ((e: unknown) => void) | null = null;
  onclose: ((e: { code: number; reason: string }) => void) | null = null;
  onerror: ((e: unknown) => void) | null = null;
  onmessage: ((e: { data: unknown }) => void) | null = null;
  readonly sent: string[] = [];

  open(): void {
    this.readyState = 1;
    this.onopen?.({});
  }

  send(data: string): void {
    this.sent.push(data);
  }

  /** A frame from the server (objects are sent as JSON). */
  receive(frame: object | string): void {
    this.onmessage?.({ data: typeof frame === 'string' ? frame : JSON.stringify(frame) });
  }

  /** The client closes it. */
  close(code = 1000): void {
    this.drop(code);
  }

  /** The connection goes away (server gone, network cut); once only. */
  drop(code = 1006): void {
    if (this.readyState === 3) return;
    this.readyState = 3;
    this.onerror?.({});
    this.onclose?.({ code, reason: '' });
  }
}

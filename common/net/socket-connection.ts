/** The subset of the browser's WebSocket the clients need (Node tests pass `ws`'s). */
export interface SocketLike {
  readonly readyState: number;
  send(data: string): void;
  close(code?: number, reason?: string): void;
  onopen: ((event: unknown) => void) | null;
  onclose: ((event: { code: number; reason: string }) => void) | null;
  onerror: ((event: unknown) => void) | null;
  onmessage: ((event: { data: unknown }) => void) | null;
}

/** WebSocket.OPEN, which a SocketLike does not carry as a static. */
const OPEN = 1;

/** A socket that closed before it opened. */
export class SocketClosedError extends Error {
  constructor(readonly code: number) {
    super(`the socket closed before opening (code ${code})`);
    this.name = 'SocketClosedError';
  }
}

/**
 * One WebSocket seen as promises: `opened` resolves once it is open (rejects with SocketClosedError
 * if it closes first), `closed` resolves with the close code whatever the cause. The one place that
 * wires a socket's handlers; clients build their protocol on top and a Reconnector replaces the
 * whole connection after a cut.
 */
export class SocketConnection {
  readonly opened: Promise<void>;
  readonly closed: Promise<number>;

  constructor(
    readonly socket: SocketLike,
    onMessage: (data: unknown) => void,
  ) {
    let markOpen!: () => void;
    let failOpen!: (error: Error) => void;
    let markClosed!: (code: number) => void;
    this.opened = new Promise<void>((resolve, reject) => {
      markOpen = resolve;
      failOpen = reject;
    });
    // An owner that never awaits `opened` must not cause an unhandled rejection.
    this.opened.catch(() => {});
    this.closed = new Promise<number>((resolve) => (markClosed = resolve));
    socket.onopen = () => markOpen();
    // Every error is followed by a close event, which is where it is handled.
    socket.onerror = () => {};
    socket.onclose = (event) => {
      failOpen(new SocketClosedError(event.code));
      markClosed(event.code);
    };
    socket.onmessage = (event) => onMessage(event.data);
  }

  get isOpen(): boolean {
    return this.socket.readyState === OPEN;
  }

  send(data: string): void {
    this.socket.send(data);
  }

  close(code = 1000, reason = 'client closed'): void {
    this.socket.close(code, reason);
  }
}

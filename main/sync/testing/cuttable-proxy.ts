import { connect, createServer, type Server, type Socket } from 'node:net';

/**
 * A loopback TCP proxy in front of the platform that a test can cut and restore. While cut, every
 * connection is dropped at once. `dropNextResponse()` lets the next request through to the platform
 * but drops the connection as its answer starts: the platform has stored the batch, the kiosk never
 * hears so — the case idempotency exists for.
 */
export class CuttableProxy {
  private server: Server | null = null;
  private readonly sockets = new Set<Socket>();
  private cut = false;
  private dropResponse = false;
  /** Requests seen (counted by their request line). */
  requests = 0;
  /** Responses dropped by dropNextResponse(). */
  dropped = 0;

  constructor(private targetPort: number) {}

  async listen(): Promise<string> {
    this.server = createServer((client) => this.accept(client));
    await new Promise<void>((resolve) => this.server!.listen(0, '127.0.0.1', resolve));
    const address = this.server.address() as { port: number };
    return `http://127.0.0.1:${address.port}`;
  }

  private accept(client: Socket): void {
    if (this.cut) {
      client.destroy();
      return;
    }
    const upstream = connect(this.targetPort, '127.0.0.1');
    this.sockets.add(client).add(upstream);
    let dropThis = false;
    client.on('data', (chunk: Buffer) => {
      if (chunk.includes('POST /')) {
        this.requests++;
        if (this.dropResponse) {
          this.dropResponse = false;
          dropThis = true;
        }
      }
      upstream.write(chunk);
    });
    upstream.on('data', (chunk: Buffer) => {
      if (dropThis) {
        this.dropped++;
        this.cutNow();
        return;
      }
      client.write(chunk);
    });
    const close = () => {
      client.destroy();
      upstream.destroy();
      this.sockets.delete(client);
      this.sockets.delete(upstream);
    };
    client.on('close', close).on('error', close);
    upstream.on('close', close).on('error', close);
  }

  /** The next request reaches the platform, its answer does not; then the link stays cut. */
  dropNextResponse(): void {
    this.dropResponse = true;
  }

  /** Drops every open connection and refuses new ones until restore(). */
  cutNow(): void {
    this.cut = true;
    for (const socket of this.sockets) socket.destroy();
    this.sockets.clear();
  }

  /** Lets connections through again, to `port` when given (a restarted platform). */
  restore(port = this.targetPort): void {
    this.targetPort = port;
    this.cut = false;
  }

  async close(): Promise<void> {
    this.cutNow();
    await new Promise<void>((resolve) => (this.server ? this.server.close(() => resolve()) : resolve()));
  }
}

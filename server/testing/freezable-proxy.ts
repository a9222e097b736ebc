import { createConnection, createServer, type Socket } from 'node:net';

/** A TCP relay to a local port that a test can freeze: a network split between one node and a service. */
export interface FreezableProxy {
  /** host:port URL with the target's scheme, e.g. redis://127.0.0.1:N. */
  readonly url: string;
  /**
   * Stops relaying in both directions, connections left open (what a split looks like from either
   * side: no error, no answer). Bytes already sent wait in the kernel's buffers.
   */
  freeze(): void;
  close(): Promise<void>;
}

/** Relays `scheme://127.0.0.1:<port>` on a free loopback port. */
export async function startFreezableProxy(scheme: string, port: number): Promise<FreezableProxy> {
  const sockets = new Set<Socket>();
  let frozen = false;
  const server = createServer((client) => {
    const upstream = createConnection({ host: '127.0.0.1', port });
    for (const socket of [client, upstream]) {
      sockets.add(socket);
      socket.on('error', () => {});
      socket.on('close', () => sockets.delete(socket));
      if (frozen) socket.pause();
    }
    client.pipe(upstream);
    upstream.pipe(client);
  });
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  const address = server.address();
  if (typeof address !== 'object' || !address) throw new Error('the proxy has no port');
  return {
    url: `${scheme}://127.0.0.1:${address.port}`,
    freeze() {
      frozen = true;
      for (const socket of sockets) {
        socket.unpipe();
        socket.pause();
      }
    },
    async close() {
      for (const socket of sockets) socket.destroy();
      await new Promise((done) => server.close(done));
    },
  };
}

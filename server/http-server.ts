import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createLogger } from '../common/util/logger';

const log = createLogger('platform:http');

export type Route = (req: IncomingMessage, res: ServerResponse, url: URL) => boolean | Promise<boolean>;

export interface PlatformHttp {
  readonly url: string;
  readonly server: ReturnType<typeof createServer>;
  close(): Promise<void>;
}

/**
 * The platform's HTTP server. Routes are tried in order; the first that returns true handled the
 * request. Binds loopback unless told otherwise by the deployment.
 */
export async function startPlatformHttp(routes: Route[], port: number, host = '127.0.0.1'): Promise<PlatformHttp> {
  const server = createServer((req, res) => {
    let url: URL;
    try {
      // The Host header is the client's: a malformed one must not throw out of the server.
      url = new URL(req.url ?? '/', `http://${host}`);
    } catch {
      res.writeHead(400, { 'content-type': 'application/json' }).end(JSON.stringify({ error: 'bad-request' }));
      return;
    }
    void (async () => {
      try {
        for (const route of routes) if (await route(req, res, url)) return;
        res.writeHead(404, { 'content-type': 'application/json' }).end(JSON.stringify({ error: 'not-found' }));
      } catch (error) {
        // A route that failed after starting its answer cannot send a 500 any more: cut it.
        if (res.headersSent) res.destroy();
        else
          res.writeHead(500, { 'content-type': 'application/json' }).end(JSON.stringify({ error: 'internal-error' }));
        log.error(`${req.method ?? '?'} ${url.pathname}: route failed: ${(error as Error).message}`);
      }
    })();
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => resolve());
  });
  const address = server.address() as AddressInfo;
  return {
    url: `http://${host}:${address.port}`,
    server,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

export function sendJson(res: ServerResponse, status: number, body: unknown): true {
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8' }).end(JSON.stringify(body));
  return true;
}

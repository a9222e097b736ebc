import { createServer } from 'node:http';

/**
 * The cold-start bench's baseline: a process that serves an empty page on loopback and prints
 * `EMPTY_PAGE_URL=<url>` once listening, like the kiosk web host prints its KIOSK_URL.
 */
const server = createServer((_req, res) => {
  res
    .writeHead(200, { 'content-type': 'text/html; charset=utf-8' })
    .end('<!doctype html><title>empty</title><main>empty</main>');
});
server.listen(0, '127.0.0.1', () => {
  process.stdout.write(`EMPTY_PAGE_URL=http://127.0.0.1:${(server.address() as { port: number }).port}/\n`);
});
process.once('SIGTERM', () => server.close(() => process.exit(0)));

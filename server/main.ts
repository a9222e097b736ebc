import { parseArgs } from 'node:util';
import { createLogger, setLogLevel } from '../common/util/logger';
import { sendJson, startPlatformHttp, type Route } from './http-server';

const log = createLogger('platform:main');

/**
 * The platform process: `node --import tsx server/main.ts [--port N]`.
 * Prints `PLATFORM_URL=<url>` on stdout once listening.
 */
async function main() {
  setLogLevel(process.env.KIOSK_LOG_LEVEL);
  const { values } = parseArgs({ options: { port: { type: 'string', default: process.env.PLATFORM_PORT ?? '8480' } } });
  const startedAt = new Date().toISOString();
  const health: Route = (req, res, url) =>
    req.method === 'GET' && url.pathname === '/healthz' && sendJson(res, 200, { ok: true, startedAt });
  const http = await startPlatformHttp([health], Number(values.port));
  process.stdout.write(`PLATFORM_URL=${http.url}\n`);
  const stop = async () => {
    await http.close();
    process.exit(0);
  };
  process.once('SIGINT', () => void stop());
  process.once('SIGTERM', () => void stop());
}

main().catch((error: unknown) => {
  log.error(`start-up failed: ${(error as Error).message}`);
  process.exit(1);
});

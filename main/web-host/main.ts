import { readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { fileURLToPath } from 'node:url';
import { createLogger, setLogLevel } from '../../common/util/logger';
import { stopOnSignals } from '../../http/shutdown';
import { loadKioskConfig } from '../../kiosk-config/kiosk-dirs';
import { ConfigError } from '../../kiosk-config/load';
import { createDispatcher } from '../ipc/dispatch';
import { createKioskServices } from '../kiosk-services';
import { maintenanceClock } from '../calibration/maintenance-clock';
import { startWebHost } from './web-host';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const log = createLogger('kiosk:web-host:main');

/**
 * Entry point of the browser shell: `node --import tsx main/web-host/main.ts [--config F] [--port N]`.
 * Prints `KIOSK_URL=<url>` on stdout once serving (scripts and e2e read that line).
 */
async function main(): Promise<void> {
  setLogLevel(process.env.KIOSK_LOG_LEVEL);
  const { values } = parseArgs({
    options: {
      config: { type: 'string' },
      port: { type: 'string', default: process.env.KIOSK_WEB_PORT ?? '0' },
      static: { type: 'string', default: join(ROOT, 'dist/renderer') },
    },
  });
  const { config } = loadKioskConfig(values.config);
  const version = (JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { version: string }).version;
  const simulated = config.devices.some((d) => d.simulator !== undefined);
  const services = await createKioskServices({
    config,
    version,
    simulated,
    maintenanceClock: maintenanceClock(
      process.env,
      config.devices.every((d) => d.simulator !== undefined),
    ),
  });
  const host = await startWebHost({
    staticDir: values.static,
    dispatch: createDispatcher(services.handlers),
    events: services.events,
    port: Number(values.port),
    platformOrigins: [new URL(config.platform.url).origin.replace(/^http/, 'ws'), new URL(config.platform.url).origin],
  });
  process.stdout.write(`KIOSK_URL=${host.url}\n`);
  stopOnSignals(async () => {
    await host.close();
    await services.close();
  });
}

main().catch((error: unknown) => {
  if (error instanceof ConfigError) {
    process.stderr.write(`${error.message}\n`);
    process.exit(78); // EX_CONFIG: the service manager must not restart-loop on a broken config.
  }
  log.error(`start-up failed: ${(error as Error).stack ?? String(error)}`);
  process.exit(1);
});

// Entry point of the Electron kiosk (bundled by scripts/build-electron.ts). The only place that
// hands the real Electron module to the shell; everything it calls is tested against a fake.
import * as electron from 'electron';
import { readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { setLogLevel } from '../../common/util/logger';
import { readCaCertificates } from '../../kiosk-config/ca-file';
import { loadKioskConfig } from '../../kiosk-config/kiosk-dirs';
import { createKioskServices } from '../kiosk-services';
import type { ElectronShellApi } from './electron-api';
import { registerAppScheme, startKioskShell } from './shell';

const here = dirname(fileURLToPath(import.meta.url));
const root = resolve(here, '../..');

const api: ElectronShellApi = {
  app: electron.app,
  protocol: electron.protocol,
  ipcMain: electron.ipcMain,
  powerSaveBlocker: electron.powerSaveBlocker,
  defaultSession: () => electron.session.defaultSession,
  createWindow: (options) => new electron.BrowserWindow(options),
};

setLogLevel(process.env.KIOSK_LOG_LEVEL);
registerAppScheme(api);

// Installed, the kiosk keeps its data where Electron keeps the app's (userData), sockets beside it.
const { config } = loadKioskConfig(undefined, process.env, {
  defaultDataDir: () => electron.app.getPath('userData'),
  defaultRuntimeDir: (dataDir) => join(dataDir, 'run'),
});
const platform = new URL(config.platform.url);
const version = (JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { version: string }).version;

startKioskShell(api, {
  rendererDir: join(root, 'dist/renderer'),
  preloadPath: join(here, 'preload.cjs'),
  development: !electron.app.isPackaged,
  platformOrigins: [platform.origin, platform.origin.replace(/^http/, 'ws')],
  platformAuthorities: config.platform.caFile === undefined ? undefined : readCaCertificates(config.platform.caFile),
  createServices: () =>
    createKioskServices({ config, version, simulated: config.devices.some((d) => d.simulator !== undefined) }),
}).catch((error: unknown) => {
  console.error('kiosk shell failed to start', error);
  electron.app.exit(1);
});

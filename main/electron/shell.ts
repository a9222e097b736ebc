import { createLogger } from '../../common/util/logger';
import { createDispatcher } from '../ipc/dispatch';
import type { KioskServices } from '../kiosk-services';
import { APP_SCHEME, WELCOME_URL } from './app-origin';
import { createAppProtocolHandler } from './app-protocol';
import type { ElectronShellApi, KioskWindowLike } from './electron-api';
import { forwardEvents, registerKioskIpc } from './ipc-main';
import { watchRenderer } from './recovery';
import { trustPlatformAuthority } from './platform-authority';
import { installSessionPermissions, lockDownWebContents } from './security';
import { kioskWindowOptions } from './window-options';

const log = createLogger('kiosk:electron:shell');

export interface ShellOptions {
  rendererDir: string;
  preloadPath: string;
  development: boolean;
  platformOrigins: readonly string[];
  /** PEM certificates of `platform.caFile`, trusted for the platform's hosts besides Chromium's roots. */
  platformAuthorities?: readonly string[] | undefined;
  /**
   * Builds the kiosk services once Electron is ready (config, devices, store, flow). The shell
   * needs only what it carries over IPC and how to stop them.
   */
  createServices(): Promise<Pick<KioskServices, 'handlers' | 'events' | 'screenFailed' | 'close'>>;
}

/**
 * Must run before the app is ready: the custom scheme has to be privileged (standard, secure) to
 * get its own origin, fetch and media, like https.
 */
export function registerAppScheme(electron: Pick<ElectronShellApi, 'protocol'>): void {
  electron.protocol.registerSchemesAsPrivileged([
    { scheme: APP_SCHEME, privileges: { standard: true, secure: true, supportFetchAPI: true, stream: true } },
  ]);
}

/**
 * The Electron kiosk: single instance, locked-down window on kiosk://app, IPC from the contract,
 * renderer recovery, display kept awake. Returns the window once shown, or null when another
 * instance already runs.
 */
export async function startKioskShell(
  electron: ElectronShellApi,
  options: ShellOptions,
): Promise<KioskWindowLike | null> {
  const { app } = electron;
  if (!app.requestSingleInstanceLock()) {
    log.warn('another kiosk instance is running; quitting');
    app.quit();
    return null;
  }
  // Every web contents ever created (window, devtools, a stray popup) is locked down first.
  app.on('web-contents-created', (_event, contents) => lockDownWebContents(contents));
  await app.whenReady();

  const services = await options.createServices();
  electron.protocol.handle(APP_SCHEME, createAppProtocolHandler(options.rendererDir, options.platformOrigins));
  installSessionPermissions(electron.defaultSession());
  if (options.platformAuthorities) {
    trustPlatformAuthority(electron.defaultSession(), {
      authorities: options.platformAuthorities,
      platformHosts: options.platformOrigins.map((origin) => new URL(origin).hostname),
    });
  }
  const disposeIpc = registerKioskIpc(electron.ipcMain, createDispatcher(services.handlers));

  const window = electron.createWindow(
    kioskWindowOptions({ preloadPath: options.preloadPath, development: options.development }),
  );
  const disposeEvents = forwardEvents(services.events, window.webContents);
  const disposeRecovery = watchRenderer(window.webContents, { onGaveUp: (reason) => services.screenFailed(reason) });
  const blocker = electron.powerSaveBlocker.start('prevent-display-sleep');

  app.on('second-instance', () => {
    if (window.isMinimized()) window.restore();
    window.focus();
  });
  app.on('before-quit', () => {
    disposeRecovery();
    disposeEvents();
    disposeIpc();
    electron.powerSaveBlocker.stop(blocker);
    void services.close();
  });
  window.once('ready-to-show', () => window.show());
  await window.loadURL(WELCOME_URL);
  return window;
}

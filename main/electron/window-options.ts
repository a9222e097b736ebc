import type { BrowserWindowConstructorOptions } from 'electron';

export interface KioskWindowSettings {
  /** Absolute path of the bundled preload script. */
  preloadPath: string;
  /** Development builds may open devtools; production never. */
  development: boolean;
}

/**
 * The options of the one kiosk window (the only BrowserWindow the app creates).
 * DO NOT CHANGE without reviewing Electron's security checklist: every line below is asserted by
 * window-options.test.ts and listed in the README's checklist table.
 */
export function kioskWindowOptions(settings: KioskWindowSettings): BrowserWindowConstructorOptions {
  return {
    kiosk: true,
    fullscreen: true,
    frame: false,
    autoHideMenuBar: true,
    backgroundColor: '#f7f7f2',
    show: false,
    webPreferences: {
      preload: settings.preloadPath,
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      experimentalFeatures: false,
      webviewTag: false,
      navigateOnDragDrop: false,
      spellcheck: false,
      devTools: settings.development,
      safeDialogs: true,
      autoplayPolicy: 'no-user-gesture-required', // spoken guidance must play before the first touch
    },
  };
}

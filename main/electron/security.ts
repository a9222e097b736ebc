import { createLogger } from '../../common/util/logger';
import { isAppUrl } from './app-origin';
import type { KeyInput, SessionLike, WebContentsLike } from './electron-api';

const log = createLogger('kiosk:electron:security');

//#region DO NOT CHANGE without reviewing Electron's security checklist (docs/tutorial/security.md)

/**
 * Permissions the app may be granted, and only from its own origin and main frame: the camera and
 * microphone for the call ('media') and full screen. Everything else (geolocation, notifications,
 * USB/serial/HID from the page, clipboard, …) is refused: devices are reached by main, not the page.
 */
export const ALLOWED_PERMISSIONS: ReadonlySet<string> = new Set(['media', 'fullscreen']);

/**
 * Keyboard escapes a patient could use with a USB keyboard left in the cabin: close, quit, reload,
 * full-screen toggle, devtools, new window, history navigation, print dialog.
 */
export function isBlockedShortcut(input: Pick<KeyInput, 'key' | 'control' | 'alt' | 'shift' | 'meta'>): boolean {
  const key = input.key.length === 1 ? input.key.toLowerCase() : input.key;
  const ctrl = input.control || input.meta;
  if (key === 'F4' && input.alt) return true;
  if (['F5', 'F11', 'F12'].includes(key)) return true;
  if (input.alt && ['ArrowLeft', 'ArrowRight', 'Home'].includes(key)) return true;
  if (ctrl && ['w', 'r', 'q', 'n', 't', 'p', 'l', 'o', 's', 'u', '+', '-', '=', '0'].includes(key)) return true;
  if (ctrl && input.shift && ['i', 'j', 'c', 'delete'].includes(key.toLowerCase())) return true;
  if (key === 'BrowserBack' || key === 'BrowserForward' || key === 'BrowserRefresh') return true;
  return false;
}

export function installSessionPermissions(session: SessionLike): void {
  session.setPermissionRequestHandler((_webContents, permission, callback, details) => {
    const granted = ALLOWED_PERMISSIONS.has(permission) && details.isMainFrame && isAppUrl(details.requestingUrl);
    if (!granted) log.warn(`refused permission request [permission:${permission}]`);
    callback(granted);
  });
  session.setPermissionCheckHandler((_webContents, permission, requestingOrigin, details) => {
    return ALLOWED_PERMISSIONS.has(permission) && details.isMainFrame && isAppUrl(`${requestingOrigin}/`);
  });
}

/** Locks one web contents down: no navigation away, no new windows, no webviews, no escapes. */
export function lockDownWebContents(contents: WebContentsLike): void {
  const denyNavigation = (event: { preventDefault(): void }, url: string) => {
    if (!isAppUrl(url)) {
      event.preventDefault();
      log.warn('blocked navigation outside the app');
    }
  };
  contents.on('will-navigate', denyNavigation);
  contents.on('will-redirect', denyNavigation);
  contents.on('will-attach-webview', (event) => event.preventDefault());
  contents.setWindowOpenHandler(() => ({ action: 'deny' }));
  contents.on('before-input-event', (event, input) => {
    if (input.type === 'keyDown' && isBlockedShortcut(input)) event.preventDefault();
  });
}

//#endregion

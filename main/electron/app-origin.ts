/**
 * The app is served from a custom privileged scheme, never file:// (Electron security checklist
 * item 18): file:// pages share one origin with every local file, a custom scheme has its own.
 */
export const APP_SCHEME = 'kiosk';
export const APP_HOST = 'app';
export const APP_ORIGIN = `${APP_SCHEME}://${APP_HOST}`;
export const WELCOME_URL = `${APP_ORIGIN}/index.html`;
export const MAINTENANCE_URL = `${APP_ORIGIN}/maintenance.html`;

/** True only for URLs of our own app origin (exact scheme and host; no look-alikes). */
export function isAppUrl(url: string): boolean {
  try {
    const parsed = new URL(url);
    return parsed.protocol === `${APP_SCHEME}:` && parsed.host === APP_HOST;
  } catch {
    return false;
  }
}

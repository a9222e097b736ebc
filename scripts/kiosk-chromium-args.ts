import { createHash, X509Certificate } from 'node:crypto';

/**
 * Chromium's name for a public key in --ignore-certificate-errors-spki-list: base64 of the SHA-256
 * of the certificate's DER SubjectPublicKeyInfo.
 */
export function spkiHash(pem: string): string {
  const spki = new X509Certificate(pem).publicKey.export({ type: 'spki', format: 'der' });
  return createHash('sha256').update(spki).digest('base64');
}

/**
 * Flags of the fallback kiosk shell (Debian Chromium in kiosk/app mode), where Electron is absent.
 * Same lockdown intent as the Electron shell where Chromium allows it: full screen without UI,
 * no translate/crash bubbles, no pinch or swipe navigation, no background network, a throwaway
 * profile (nothing of a patient survives a restart), camera/microphone allowed without a prompt.
 * Chromium cannot block every keyboard escape (Alt+F4 is the window manager's): the cabin's
 * session (build/systemd, cage) provides no other window to escape to.
 */
export function kioskChromiumArgs(
  url: string,
  profileDir: string,
  options: {
    headless?: boolean;
    debugPort?: number;
    /** spkiHash of each `platform.caFile` certificate (see README: Chromium honours it with limits). */
    trustedSpki?: readonly string[];
  } = {},
): string[] {
  return [
    `--app=${url}`,
    '--kiosk',
    `--user-data-dir=${profileDir}`,
    '--incognito',
    '--no-first-run',
    '--no-default-browser-check',
    '--noerrdialogs',
    '--disable-session-crashed-bubble',
    '--disable-infobars',
    '--disable-translate',
    '--disable-features=TranslateUI,OverscrollHistoryNavigation,HardwareMediaKeyHandling',
    '--disable-pinch',
    '--overscroll-history-navigation=0',
    '--disable-background-networking',
    '--disable-component-update',
    '--disable-sync',
    '--disable-quic',
    '--autoplay-policy=no-user-gesture-required',
    '--use-fake-ui-for-media-stream',
    '--allow-loopback-in-peer-connection',
    ...(options.trustedSpki?.length ? [`--ignore-certificate-errors-spki-list=${options.trustedSpki.join(',')}`] : []),
    // Headless has no real devices: the fakes stand for the default config's cabin camera and
    // otoscope (the first and third cameras; the second is a depth camera), its microphone and
    // stethoscope.
    ...(options.headless
      ? ['--headless', '--no-sandbox', '--disable-gpu', '--use-fake-device-for-media-stream=device-count=3']
      : []),
    ...(options.debugPort !== undefined
      ? [`--remote-debugging-port=${options.debugPort}`, '--remote-debugging-address=127.0.0.1']
      : []),
  ];
}

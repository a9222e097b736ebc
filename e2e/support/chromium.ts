/** Debian's Chromium, installed by scripts/setup; Playwright never downloads a browser here. */
export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

/**
 * Flags found necessary on these machines: fake media devices for the call (three cameras: the
 * default config's cabin camera, a Y16 depth camera, the otoscope; three microphones, the last
 * the stethoscope), loopback ICE (only loopback exists in CI), and no background networking (the network is closed).
 */
export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--use-fake-device-for-media-stream=device-count=3',
  '--use-fake-ui-for-media-stream',
  '--allow-loopback-in-peer-connection',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--disable-quic',
  '--no-first-run',
];

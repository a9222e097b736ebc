import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { startEntry } from '../e2e/support/processes';
import { stopOnSignals } from '../http/shutdown';
import { readCaCertificates } from '../kiosk-config/ca-file';
import { loadKioskConfig } from '../kiosk-config/kiosk-dirs';
import { kioskChromiumArgs, spkiHash } from './kiosk-chromium-args';

/**
 * `npm run kiosk:chromium`: the web host plus Debian Chromium in kiosk mode, the fallback shell
 * where no Electron binary exists. `--headless --debug-port N` runs it without a display and
 * prints CDP_URL= for automation (the e2e connects to it and walks the journey).
 */
const { values } = parseArgs({
  options: { headless: { type: 'boolean', default: false }, 'debug-port': { type: 'string' } },
});
if (!values.headless && !process.env.DISPLAY && !process.env.WAYLAND_DISPLAY) {
  process.stderr.write(
    'kiosk:chromium needs a display (DISPLAY or WAYLAND_DISPLAY); use --headless to run without one.\n',
  );
  process.exit(1);
}
const host = await startEntry('main/web-host/main.ts', ['--port', process.env.KIOSK_WEB_PORT ?? '0'], ['KIOSK_URL']);
const url = host.values.KIOSK_URL!;
// The web host has checked the same config (KIOSK_CONFIG, else the default) before printing its URL.
const { caFile } = loadKioskConfig(undefined).config.platform;
const trustedSpki = caFile === undefined ? [] : readCaCertificates(caFile).map(spkiHash);
const profile = mkdtempSync(join(tmpdir(), 'kiosk-chromium-'));
const debugPort = values['debug-port'] === undefined ? undefined : Number(values['debug-port']);
const chromium = spawn(
  process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
  kioskChromiumArgs(url, profile, { headless: values.headless, debugPort, trustedSpki }),
  {
    stdio: ['ignore', 'ignore', 'pipe'],
  },
);
chromium.stderr.on('data', (data: Buffer) => {
  const match = /DevTools listening on (ws:\/\/\S+)/.exec(data.toString());
  if (match) process.stdout.write(`CDP_URL=${match[1]}\n`);
});
process.stdout.write(`KIOSK_URL=${url}\n`);

const stop = async () => {
  chromium.kill('SIGTERM');
  await host.stop();
  rmSync(profile, { recursive: true, force: true }); // the profile may hold the page's storage
};
// Chromium closed by the user ends the kiosk too.
chromium.once('exit', () => void stop().then(() => process.exit(0)));
stopOnSignals(stop);

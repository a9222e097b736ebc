import { spawn, type ChildProcess } from 'node:child_process';
import { join, resolve } from 'node:path';
import { ensureKioskDirs, kioskDirs, kioskEnv, loadKioskConfig } from '../kiosk-config/kiosk-dirs';
import type { KioskConfig } from '../kiosk-config/schema';
import { PcscStackUnavailableError, startVitaleStack, type VitaleStack } from '../drivers/simulators/vitale/pcsc-stack';
import { isVitaleScenario } from '../drivers/simulators/vitale/scenarios';

/**
 * `npm start`: the whole system on this machine with simulated devices — the platform (signalling,
 * SFU, records, doctor console) and the kiosk web host serving the screens. Prints both URLs.
 * Ctrl+C stops everything.
 */
const ROOT = resolve(import.meta.dirname, '..');
// Resolved once here and handed to both children, so the kiosk and the platform agree on them.
const dirs = kioskDirs();
ensureKioskDirs(dirs);
const env = kioskEnv(dirs);

const children: ChildProcess[] = [];

function start(name: string, entry: string, args: string[], urlKey: string): Promise<string> {
  const child = spawn(process.execPath, ['--import', 'tsx', join(ROOT, entry), ...args], {
    cwd: ROOT,
    env,
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  children.push(child);
  return new Promise((resolveUrl, reject) => {
    let buffered = '';
    child.stdout.on('data', (data: Buffer) => {
      buffered += data.toString();
      const match = new RegExp(`^${urlKey}=(.+)$`, 'm').exec(buffered);
      if (match) resolveUrl(match[1]!.trim());
    });
    child.once('exit', (code) => {
      reject(new Error(`${name} stopped (exit code ${code})`));
      if (!stopping) void stopAll(1);
    });
  });
}

let stopping = false;
let vitale: VitaleStack | null = null;
async function stopAll(code: number) {
  stopping = true;
  for (const child of children) if (child.exitCode === null) child.kill('SIGTERM');
  await vitale?.stop();
  process.exitCode = code;
}

/**
 * The virtual Carte Vitale for a PC/SC reader configured with a `simulator`: our own pcscd with
 * vsmartcard-vpcd and the card, the reader empty until the card is put in through its control
 * socket. Without it (not root, another pcscd running) the kiosk runs on, its reader showing
 * "no reader" and patients typing their details.
 */
async function startVirtualCard(config: KioskConfig): Promise<string | null> {
  const reader = config.devices.find((d) => d.transport === 'pcsc' && d.simulator);
  if (!reader?.simulator) return null;
  const scenario = reader.simulator.scenario;
  if (!isVitaleScenario(scenario)) throw new Error(`device ${reader.id}: unknown virtual card scenario "${scenario}"`);
  try {
    vitale = await startVitaleStack({ scenario, runtimeDir: dirs.runtimeDir, removed: true });
  } catch (error) {
    if (!(error instanceof PcscStackUnavailableError)) throw error;
    process.stderr.write(
      `virtual Carte Vitale not started (${error.message}); the card reader will show "no reader"\n`,
    );
    return null;
  }
  const curl = `curl --unix-socket ${vitale.control.socketPath} -X POST http://card`;
  return `  Virtual Carte Vitale (${scenario}, reader "${vitale.readerName}"): ${curl}/insert | ${curl}/remove | ${curl}/scenario/<name>\n`;
}
process.once('SIGINT', () => void stopAll(0));
process.once('SIGTERM', () => void stopAll(0));

try {
  const { config: kioskConfig } = loadKioskConfig(undefined, env);
  // Dev: the platform seeds the dev doctor (README) and writes this kiosk's credential file.
  const platformArgs = [
    ...['--data-dir', join(dirs.dataDir, 'platform')],
    ...['--dev', '--dev-kiosk', `${kioskConfig.kioskId}=${kioskConfig.platform.credentialFile}`],
  ];
  const cardLine = await startVirtualCard(kioskConfig);
  const platformUrl = await start('platform', 'server/main.ts', platformArgs, 'PLATFORM_URL');
  const kioskUrl = await start(
    'kiosk web host',
    'main/web-host/main.ts',
    ['--port', process.env.KIOSK_WEB_PORT ?? '5080'],
    'KIOSK_URL',
  );
  process.stdout.write(
    `\nPharmacy teleconsultation kiosk is running (simulated devices).\n` +
      `  Kiosk (patient screens):  ${kioskUrl}\n` +
      `  Platform (doctor console): ${platformUrl}/console/\n` +
      `  Pharmacist portal:         ${platformUrl}/portal/  (pharmacien@kiosk.test / comptoir-dev)\n` +
      (cardLine ?? '') +
      `Press Ctrl+C to stop.\n`,
  );
} catch (error) {
  process.stderr.write(`npm start failed: ${(error as Error).message}\n`);
  await stopAll(1);
}

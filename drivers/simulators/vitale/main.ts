import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { setLogLevel } from '../../../common/util/logger';
import { startControlServer } from './control-server';
import { vpcdLibrary, writeReaderConf } from './reader-conf';
import { isVitaleScenario } from './scenarios';
import { VirtualVitaleCard } from './virtual-vitale';
import { VpcdLink } from './vpcd-link';

/**
 * The virtual Carte Vitale's process, started by pcsc-stack.ts (inside its own network namespace
 * when it can): runs `pcscd --foreground` with our vpcd reader, connects the virtual card to vpcd
 * on 127.0.0.1, serves the control socket, and prints `NAME=value` lines once the card is in:
 *   VITALE_CONTROL=<control socket path>   PCSC_READER=<reader name>   VITALE_READY=1
 * It stops (card out, pcscd stopped and waited for) when its stdin closes or on SIGTERM/SIGINT.
 * With --attach it starts no pcscd: the card goes into the vpcd reader of a pcscd already running.
 */
function fail(message: string): never {
  process.stderr.write(`virtual Carte Vitale: ${message}\n`);
  process.exit(1);
}

const { values } = parseArgs({
  options: {
    scenario: { type: 'string', default: 'valid-card' },
    'runtime-dir': { type: 'string' },
    port: { type: 'string', default: '35963' },
    removed: { type: 'boolean', default: false },
    'reader-name': { type: 'string', default: 'Virtual PCD' },
    attach: { type: 'boolean', default: false },
  },
});
setLogLevel(process.env.KIOSK_LOG_LEVEL ?? 'warn');
const scenario = values.scenario ?? 'valid-card';
if (!isVitaleScenario(scenario)) fail(`unknown scenario "${scenario}"`);
const runtimeDir = values['runtime-dir'] ?? fail('--runtime-dir is required');
const port = Number(values.port);

const readerName = values['reader-name'] ?? 'Virtual PCD';
let stopping = false;
const pcscd = values.attach ? null : startPcscd();

function startPcscd() {
  const library = vpcdLibrary() ?? fail('vsmartcard-vpcd is not installed (no libifdvpcd.so)');
  const confDir = writeReaderConf(join(runtimeDir, 'vitale-reader.conf.d'), port, library, readerName);
  const child = spawn('pcscd', ['--foreground', '--config', confDir], { stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  const keep = (chunk: Buffer) => {
    output = (output + chunk.toString()).slice(-2000);
  };
  child.stdout.on('data', keep);
  child.stderr.on('data', keep);
  child.once('error', (error) => fail(`pcscd could not be started: ${error.message}`));
  child.once('exit', (code) => {
    if (!stopping) fail(`pcscd stopped (exit ${code}): ${output.trim().split('\n').slice(-3).join(' | ')}`);
  });
  return child;
}

const link = new VpcdLink(new VirtualVitaleCard(scenario), port);
const controlPath = join(runtimeDir, 'vitale-control.sock');
const control = await startControlServer(link, controlPath);

async function stop(): Promise<void> {
  if (stopping) return;
  stopping = true;
  link.remove();
  control.close();
  if (pcscd && pcscd.exitCode === null) {
    const exited = new Promise((resolve) => pcscd.once('exit', resolve));
    pcscd.kill('SIGTERM');
    await exited; // pcscd removes /run/pcscd/pcscd.comm on its way out: the next one can start
  }
  process.exit(0);
}
process.stdin.on('end', () => void stop());
process.stdin.on('close', () => void stop());
process.stdin.resume();
process.once('SIGTERM', () => void stop());
process.once('SIGINT', () => void stop());

const announce = () =>
  process.stdout.write(`VITALE_CONTROL=${controlPath}\nPCSC_READER=${readerName} 00 00\nVITALE_READY=1\n`);
if (values.removed) {
  // Started empty: wait for vpcd to listen by connecting once, then take the card out.
  link.once('inserted', () => {
    link.remove();
    announce();
  });
} else link.once('inserted', announce);
link.insert();

import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync } from 'node:fs';
import { connect, createServer } from 'node:net';
import { join, resolve } from 'node:path';
import { systemClock, sleep } from '../../../common/util/clock';
import { createLogger } from '../../../common/util/logger';
import { VitaleControl } from './control-client';
import { debianVpcdReader, vpcdLibrary } from './reader-conf';
import type { VitaleScenarioName } from './scenarios';

const log = createLogger('kiosk:drivers:vitale-stack');

const ROOT = resolve(import.meta.dirname, '../../..');
const ENTRY = join(import.meta.dirname, 'main.ts');
/** pcsc-lite's fixed socket: one pcscd per machine. */
export const PCSCD_SOCKET = '/run/pcscd/pcscd.comm';
/** vpcd's default port (0x8C7B); inside our own network namespace nothing else can hold it. */
const VPCD_DEFAULT_PORT = 35963;
const START_TIMEOUT_MS = 20_000;
const STOP_TIMEOUT_MS = 8_000;

/** pcscd + vpcd + the virtual card could not be started here; `message` says why, in one line. */
export class PcscStackUnavailableError extends Error {
  override readonly name = 'PcscStackUnavailableError';
}

export interface VitaleStack {
  /** The PC/SC reader holding the card, e.g. "Virtual PCD 00 00". */
  readonly readerName: string;
  readonly control: VitaleControl;
  /** True when pcscd and vpcd run in a network namespace of their own (vpcd reachable from nowhere). */
  readonly isolated: boolean;
  /** Card out, pcscd stopped and gone; idempotent. */
  stop(): Promise<void>;
}

export interface VitaleStackOptions {
  scenario: VitaleScenarioName;
  /** Where the reader.conf.d and the control socket go (KIOSK_RUNTIME_DIR). */
  runtimeDir: string;
  /** Start with the reader empty (insert through `control`). Default false: the card is in. */
  removed?: boolean;
  /**
   * The reader's PC/SC name before pcscd's " 00 00". Default "Virtual PCD", what the default
   * kiosk config watches; tests use another so no kiosk started by a neighbouring test reads
   * their card.
   */
  readerName?: string;
}

/**
 * Starts the real PC/SC stack with our virtual Carte Vitale: Debian's pcscd (foreground, our own
 * reader.conf.d) with vsmartcard-vpcd, and the card of drivers/simulators/vitale connected to it.
 *
 * vpcd listens on 0.0.0.0 whatever its configuration (reader-conf.ts), so the simulator process
 * and its pcscd run under `unshare --net` with only a loopback interface: the card reaches vpcd
 * on 127.0.0.1 and no other host can, while the kiosk reaches pcscd through its Unix socket,
 * which is a file and crosses namespaces. Without unshare rights (not root) or `ip`, it falls back
 * to the host's namespace on a free port and says so in the log.
 */
export async function startVitaleStack(options: VitaleStackOptions): Promise<VitaleStack> {
  checkPrerequisites();
  mkdirSync(options.runtimeDir, { recursive: true });
  if (await pcscdAnswers()) return attachToRunningPcscd(options);
  if (process.getuid?.() !== 0)
    throw new PcscStackUnavailableError(
      'pcscd needs root to create /run/pcscd (run as root, e.g. in the CI container)',
    );
  const isolated = canIsolate();
  const port = isolated ? VPCD_DEFAULT_PORT : await freePortPair();
  if (!isolated)
    log.warn(
      `no network namespace available: vpcd listens on 0.0.0.0:${port} and ${port + 1} while the virtual card runs`,
    );
  const args = [
    '--import',
    'tsx',
    ENTRY,
    '--scenario',
    options.scenario,
    '--runtime-dir',
    options.runtimeDir,
    '--port',
    String(port),
    ...(options.removed ? ['--removed'] : []),
    '--reader-name',
    options.readerName ?? 'Virtual PCD',
  ];
  const child = isolated
    ? spawn(
        'unshare',
        [
          '--net',
          '--fork',
          '--kill-child=SIGTERM',
          'sh',
          '-c',
          'ip link set lo up && exec "$@"',
          'sh',
          process.execPath,
          ...args,
        ],
        { cwd: ROOT, stdio: ['pipe', 'pipe', 'pipe'] },
      )
    : spawn(process.execPath, args, { cwd: ROOT, stdio: ['pipe', 'pipe', 'pipe'] });
  const values = await announced(child);
  const stop = once(() => stopChild(child));
  return { readerName: values.PCSC_READER!, control: new VitaleControl(values.VITALE_CONTROL!), isolated, stop };
}

/**
 * A pcscd already serves the machine (systemd's socket-activated pcscd.socket on a Debian with
 * systemd; connecting to its socket just started it): put the card into the vpcd reader of
 * Debian's /etc/reader.conf.d/vpcd instead, on its port. That vpcd listens on 0.0.0.0 (the
 * system's configuration, not ours), and the reader has Debian's name whatever was asked.
 */
async function attachToRunningPcscd(options: VitaleStackOptions): Promise<VitaleStack> {
  const reader = debianVpcdReader();
  if (!reader)
    throw new PcscStackUnavailableError(
      `another pcscd is already running (${PCSCD_SOCKET} answers) without Debian's vpcd reader; stop it so the virtual card's own pcscd can start`,
    );
  log.warn(
    `pcscd already running: attaching the virtual card to its reader "${reader.friendlyName}" (vpcd port ${reader.port})`,
  );
  const args = [
    '--import',
    'tsx',
    ENTRY,
    '--attach',
    '--scenario',
    options.scenario,
    '--runtime-dir',
    options.runtimeDir,
    '--port',
    String(reader.port),
    '--reader-name',
    reader.friendlyName,
  ];
  const child = spawn(process.execPath, [...args, ...(options.removed ? ['--removed'] : [])], {
    cwd: ROOT,
    stdio: ['pipe', 'pipe', 'pipe'],
  });
  const values = await announced(child);
  return {
    readerName: values.PCSC_READER!,
    control: new VitaleControl(values.VITALE_CONTROL!),
    isolated: false,
    stop: once(() => stopChild(child, false)),
  };
}

function checkPrerequisites(): void {
  if (spawnSync('pcscd', ['--version'], { stdio: 'ignore' }).error)
    throw new PcscStackUnavailableError('pcscd is not installed (Debian package pcscd; run scripts/setup)');
  if (!vpcdLibrary())
    throw new PcscStackUnavailableError(
      'vsmartcard-vpcd is not installed (Debian package vsmartcard-vpcd; run scripts/setup)',
    );
}

function canIsolate(): boolean {
  return (
    spawnSync('unshare', ['--net', 'sh', '-c', 'ip link set lo up'], { stdio: 'ignore', timeout: 5_000 }).status === 0
  );
}

/** True when a pcscd already serves the machine's socket (a stale file from a killed one does not answer). */
function pcscdAnswers(): Promise<boolean> {
  if (!existsSync(PCSCD_SOCKET)) return Promise.resolve(false);
  return new Promise((resolvePromise) => {
    const socket = connect(PCSCD_SOCKET);
    socket.once('connect', () => {
      socket.destroy();
      resolvePromise(true);
    });
    socket.once('error', () => resolvePromise(false));
  });
}

/** Two consecutive free TCP ports (vpcd opens one per reader slot). */
async function freePortPair(): Promise<number> {
  const listen = (port: number) =>
    new Promise<number | null>((resolvePromise) => {
      const server = createServer();
      server.once('error', () => resolvePromise(null));
      server.listen(port, () => {
        const address = server.address();
        server.close(() => resolvePromise(typeof address === 'object' && address ? address.port : null));
      });
    });
  for (let attempt = 0; attempt < 20; attempt += 1) {
    const port = await listen(0);
    if (port !== null && port < 65535 && (await listen(port + 1)) !== null) return port;
  }
  throw new PcscStackUnavailableError('no two consecutive free TCP ports for vpcd');
}

function announced(child: ChildProcess): Promise<Record<string, string>> {
  return new Promise((resolvePromise, reject) => {
    const values: Record<string, string> = {};
    let stderr = '';
    let buffered = '';
    const timer = systemClock.setTimeout(() => {
      child.kill('SIGKILL');
      reject(
        new PcscStackUnavailableError(
          `the virtual card did not come up within ${START_TIMEOUT_MS} ms: ${stderr.trim()}`,
        ),
      );
    }, START_TIMEOUT_MS);
    child.stderr!.on('data', (chunk: Buffer) => {
      stderr = (stderr + chunk.toString()).slice(-2000);
      // The simulator's warnings and errors stay visible (never card data: it logs no identity).
      process.stderr.write(chunk);
    });
    child.stdout!.on('data', (chunk: Buffer) => {
      buffered += chunk.toString();
      for (const line of buffered.split('\n').slice(0, -1)) {
        const match = /^([A-Z_]+)=(.*)$/.exec(line.trim());
        if (match) values[match[1]!] = match[2]!;
      }
      buffered = buffered.slice(buffered.lastIndexOf('\n') + 1);
      if (values.VITALE_READY) {
        systemClock.clearTimeout(timer);
        resolvePromise(values);
      }
    });
    child.once('exit', (code) => {
      systemClock.clearTimeout(timer);
      reject(
        new PcscStackUnavailableError(
          `pcscd could not be started: ${stderr.trim().split('\n').pop() ?? `exit ${code}`}`,
        ),
      );
    });
  });
}

async function stopChild(child: ChildProcess, ownPcscd = true): Promise<void> {
  if (child.exitCode === null && child.signalCode === null) {
    const exited = new Promise((resolvePromise) => child.once('exit', resolvePromise));
    child.stdin!.end(); // the simulator stops its card and pcscd when its stdin closes
    const timer = systemClock.setTimeout(() => child.kill('SIGKILL'), STOP_TIMEOUT_MS);
    await exited;
    systemClock.clearTimeout(timer);
  }
  // pcscd unlinks its socket as it exits; wait for that so a next stack can start at once.
  for (
    let waited = 0;
    ownPcscd && existsSync(PCSCD_SOCKET) && (await pcscdAnswers()) && waited < STOP_TIMEOUT_MS;
    waited += 100
  )
    await sleep(systemClock, 100);
}

function once(fn: () => Promise<void>): () => Promise<void> {
  let running: Promise<void> | null = null;
  return () => (running ??= fn());
}

import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { chmodSync, existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { sleep, systemClock } from '../../../common/util/clock';
import { IppClient } from '../ipp-client';

export const IPPEVEPRINTER = '/usr/sbin/ippeveprinter';

/**
 * A real IPP Everywhere printer for the tests: Debian's `ippeveprinter` (cups-ipp-utils) on a free
 * loopback port, accepting PDF, whose print command copies each document into `outDir` (what the
 * test reads back as "the paper"). `outOfPaper(true)` makes the next jobs fail the way a printer
 * out of paper does: the command reports `STATE: +media-empty` and exits in error, so the job is
 * aborted and printer-state-reasons holds media-empty. `hold(true)` keeps jobs processing.
 *
 * ippeveprinter insists on DNS-SD: without an Avahi daemon, its client still needs a D-Bus system
 * bus, so a private dbus-daemon is started beside it and named as the system bus.
 */
export interface IppTestPrinter {
  readonly uri: string;
  readonly outDir: string;
  /** The documents printed so far, oldest first. */
  printed(): Buffer[];
  outOfPaper(on: boolean): Promise<void>;
  hold(on: boolean): void;
  stop(): Promise<void>;
}

export async function startIppTestPrinter(dir: string): Promise<IppTestPrinter> {
  if (!existsSync(IPPEVEPRINTER))
    throw new Error(`${IPPEVEPRINTER} is missing: install cups-ipp-utils (scripts/setup)`);
  const outDir = join(dir, 'out');
  const spool = join(dir, 'spool');
  mkdirSync(outDir, { recursive: true });
  mkdirSync(spool, { recursive: true });
  const command = writePrintCommand(dir, outDir);
  const bus = join(dir, 'bus');
  const dbus = spawn('dbus-daemon', ['--session', '--nofork', `--address=unix:path=${bus}`], { stdio: 'ignore' });
  await waitFor(() => existsSync(bus), 'the private D-Bus socket');
  const port = await freePort();
  const env = { ...process.env, DBUS_SYSTEM_BUS_ADDRESS: `unix:path=${bus}` };
  const args = ['-p', String(port), '-n', 'localhost', '-r', 'off', '-d', spool, '-f', 'application/pdf'];
  const printer = spawn(IPPEVEPRINTER, [...args, '-c', command, 'Kiosk Test Printer'], { env, stdio: 'pipe' });
  let log = '';
  printer.stderr?.on('data', (chunk: Buffer) => (log = (log + chunk.toString()).slice(-4000)));
  printer.stdout?.on('data', () => undefined);
  const uri = `ipp://127.0.0.1:${port}/ipp/print`;
  try {
    await waitFor(async () => printer.exitCode === null && (await reachable(uri)), 'ippeveprinter to answer');
  } catch (error) {
    await stopAll([printer, dbus]);
    throw new Error(`${(error as Error).message}; its log: ${log.trim() || '(empty)'}`);
  }
  const flag = (name: string, on: boolean) =>
    on ? writeFileSync(join(dir, name), '') : rmSync(join(dir, name), { force: true });
  return {
    uri,
    outDir,
    printed: () =>
      readdirSync(outDir)
        .sort((a, b) => Number.parseInt(a, 10) - Number.parseInt(b, 10))
        .map((name) => readFileSync(join(outDir, name))),
    outOfPaper: (on) => setPaper(port, on ? 0 : 250),
    hold: (on) => flag('hold', on),
    stop: () => stopAll([printer, dbus]),
  };
}

/** The print command: the document to outDir, numbered in order (after any hold). */
function writePrintCommand(dir: string, outDir: string): string {
  const file = join(dir, 'print-command.sh');
  writeFileSync(
    file,
    `#!/bin/sh
while [ -f '${dir}/hold' ]; do sleep 0.1; done
n=$(ls '${outDir}' | wc -l)
cp "$1" '${outDir}/'$((n + 1)).pdf
`,
  );
  chmodSync(file, 0o755);
  return file;
}

/** Both trays (main, by-pass) at `sheets`: 0 in both is media-empty, paper in both clears it. */
async function setPaper(port: number, sheets: number): Promise<void> {
  const tray = (n: number) => `size${n}=iso_a4_210x297mm&type${n}=stationery&level${n}=${sheets}`;
  const response = await fetch(`http://127.0.0.1:${port}/media?${tray(1)}&${tray(3)}`);
  await response.arrayBuffer();
  if (!response.ok) throw new Error(`ippeveprinter's media form answered HTTP ${response.status}`);
}

async function reachable(uri: string): Promise<boolean> {
  try {
    await new IppClient(uri).printerReasons();
    return true;
  } catch {
    return false;
  }
}

async function waitFor(check: () => boolean | Promise<boolean>, what: string): Promise<void> {
  for (let i = 0; i < 100; i++) {
    if (await check()) return;
    await sleep(systemClock, 100);
  }
  throw new Error(`timed out waiting for ${what}`);
}

async function stopAll(children: ChildProcess[]): Promise<void> {
  await Promise.all(
    children.map(async (child) => {
      if (child.exitCode !== null || child.signalCode !== null) return;
      const exited = once(child, 'exit');
      child.kill('SIGTERM');
      await exited;
    }),
  );
}

/** A port free on loopback now (the printer binds it a moment later). */
export async function freePort(): Promise<number> {
  const server = createServer();
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const address = server.address();
  server.close();
  if (address === null || typeof address === 'string') throw new Error('no loopback port');
  return address.port;
}

import { type ChildProcess, spawn } from 'node:child_process';
import { EventEmitter } from 'node:events';
import { existsSync, lstatSync, mkdirSync, unlinkSync } from 'node:fs';
import { dirname } from 'node:path';
import { systemClock, type Clock } from '../../common/util/clock';
import { createLogger, type Logger } from '../../common/util/logger';
import { openNodeSerialPort } from '../transport/serial/node-serial-port';
import type { SerialSettings } from '../protocols/types';
import type { SerialPortHandle } from '../transport/serial/serial-port';
import type { SimulatorModel, SimulatorSession } from './simulator-model';
import { resampleUart, wrongBaudFor } from './uart-resample';

/** Scenarios the runner adds to every model (the model runs its 'normal' scenario underneath). */
export const RUNNER_SCENARIOS = ['silence', 'unplug', 'wrong-baud'] as const;
export type RunnerScenario = (typeof RUNNER_SCENARIOS)[number];

export interface PtyRunnerEvents {
  /** Bytes written on the device end (after any wrong-baud garbling); `at` is performance.now(). */
  written: [bytes: Uint8Array, at: number];
  /** Bytes the host wrote, as the device read them. */
  received: [Uint8Array];
  /** The pty pair was torn down (unplug); the host end's link is gone. */
  unplugged: [];
  /** The pty pair is back at the same link path (replug). */
  replugged: [];
}

/** A model's simulator as the catalogue gives it (`serialSimulation`): its name and line settings with it. */
export interface SerialSimulation {
  name: string;
  line: SerialSettings;
  model: SimulatorModel;
}

export interface PtyRunnerOptions extends SerialSimulation {
  /** A model scenario, or one of RUNNER_SCENARIOS. */
  scenario: string;
  /** Path of the host end (a symlink socat creates), e.g. the configured port of the device. */
  hostLink: string;
  /** 'unplug' scenario: time plugged before each unplug, ms (default 5000). */
  unplugAfterMs?: number;
  /** 'unplug' scenario: time unplugged before the replug, ms (default 3000). */
  replugAfterMs?: number;
  logger?: Logger;
  /** The socat binary (default "socat" on PATH). */
  socat?: string;
  /** Times the 'unplug' cycle (tests unplug when they choose); the device's own rate stays real time. */
  clock?: Clock;
}

/** socat processes alive in this process, killed on exit so no pty pair outlives its runner. */
const liveSocats = new Set<ChildProcess>();
let exitHookInstalled = false;
function track(child: ChildProcess): void {
  liveSocats.add(child);
  child.once('exit', () => liveSocats.delete(child));
  if (exitHookInstalled) return;
  exitHookInstalled = true;
  process.once('exit', () => {
    for (const c of liveSocats) c.kill('SIGTERM');
  });
}

/** Every scenario name valid for a model under this runner. */
export function scenariosOf(model: SimulatorModel): string[] {
  return [...model.scenarios, ...RUNNER_SCENARIOS.filter((s) => !model.scenarios.includes(s))];
}

function isRunnerScenario(name: string): name is RunnerScenario {
  return (RUNNER_SCENARIOS as readonly string[]).includes(name);
}

/**
 * Runs a SimulatorModel on a real pty pair made by socat: the device end is written by the model
 * at its own rate (tickMs) and read for the host's commands (answered through `receive`); the host
 * end is a symlink at `hostLink` that the real driver opens like any serial port. Runner scenarios:
 * 'silence' (nothing is written), 'unplug' (the pair is torn down and recreated at the same path,
 * again and again), 'wrong-baud' (bytes as a receiver at the wrong rate would read them, both ways).
 * `stop()` kills socat; socat removes its links.
 */
export class PtyRunner extends EventEmitter<PtyRunnerEvents> {
  readonly hostLink: string;
  readonly deviceLink: string;
  private readonly model: SimulatorModel;
  private readonly line: SerialSettings;
  private readonly runnerScenario: RunnerScenario | null;
  private readonly modelScenario: string;
  private readonly log: Logger;
  private socat: ChildProcess | null = null;
  private port: SerialPortHandle | null = null;
  private session: SimulatorSession | null = null;
  private ticker: ReturnType<typeof setInterval> | null = null;
  private readonly clock: Clock;
  private cycleTimer: unknown = null;
  private stopped = false;
  private plugged = false;

  constructor(private readonly options: PtyRunnerOptions) {
    super();
    this.model = options.model;
    this.line = options.line;
    this.hostLink = options.hostLink;
    this.deviceLink = `${options.hostLink}.device`;
    this.log = options.logger ?? createLogger('kiosk:drivers:pty-runner');
    this.clock = options.clock ?? systemClock;
    const valid = scenariosOf(options.model);
    if (!valid.includes(options.scenario)) {
      throw new Error(`unknown scenario "${options.scenario}" for ${options.name}; valid: ${valid.join(', ')}`);
    }
    this.runnerScenario =
      isRunnerScenario(options.scenario) && !options.model.scenarios.includes(options.scenario)
        ? options.scenario
        : null;
    this.modelScenario =
      this.runnerScenario === null
        ? options.scenario
        : options.model.scenarios.includes('normal')
          ? 'normal'
          : (options.model.scenarios[0] ?? 'normal');
  }

  /** True while the pty pair exists. */
  get isPlugged(): boolean {
    return this.plugged;
  }

  /** Creates the pty pair and starts the device; resolves once `hostLink` can be opened. */
  async start(): Promise<void> {
    this.stopped = false;
    await this.plug();
    if (this.runnerScenario === 'unplug') this.scheduleCycle(true);
  }

  private scheduleCycle(unplugNext: boolean): void {
    const delay = unplugNext ? (this.options.unplugAfterMs ?? 5_000) : (this.options.replugAfterMs ?? 3_000);
    this.cycleTimer = this.clock.setTimeout(() => {
      this.cycleTimer = null;
      if (this.stopped) return;
      const step = unplugNext ? this.unplug() : this.replug();
      step.then(
        () => this.scheduleCycle(!unplugNext),
        (error: unknown) => this.log.error(`unplug cycle failed: ${(error as Error).message}`),
      );
    }, delay);
  }

  /** Tears the pty pair down as a pulled cable would (the host end's reads fail; the link disappears). */
  async unplug(): Promise<void> {
    if (!this.plugged) return;
    this.plugged = false;
    this.stopTicking();
    const port = this.port;
    this.port = null;
    await this.killSocat();
    await port?.close().catch(() => undefined);
    this.emit('unplugged');
  }

  /** Recreates the pair at the same link path; the device starts afresh (power-cycled by its cable). */
  async replug(): Promise<void> {
    if (this.plugged || this.stopped) return;
    await this.plug();
    this.emit('replugged');
  }

  async stop(): Promise<void> {
    this.stopped = true;
    if (this.cycleTimer !== null) this.clock.clearTimeout(this.cycleTimer);
    this.cycleTimer = null;
    this.stopTicking();
    const port = this.port;
    this.port = null;
    this.plugged = false;
    await this.killSocat();
    await port?.close().catch(() => undefined);
  }

  private async plug(): Promise<void> {
    mkdirSync(dirname(this.hostLink), { recursive: true });
    for (const link of [this.hostLink, this.deviceLink]) removeStaleLink(link);
    await this.spawnSocat();
    try {
      this.port = await openNodeSerialPort(this.deviceLink, this.line);
    } catch (error) {
      await this.killSocat();
      throw error;
    }
    this.plugged = true;
    const port = this.port;
    port.on('data', (bytes) => this.onHostBytes(bytes));
    port.on('closed', (error) => {
      if (error !== null && this.port === port) this.log.warn(`device end closed: ${error.message}`);
    });
    this.session = this.model.create(this.modelScenario, Date.now());
    const tickMs = Math.max(1, this.session.tickMs);
    this.ticker = setInterval(() => this.tick(), tickMs);
  }

  private tick(): void {
    const session = this.session;
    if (session === null || this.runnerScenario === 'silence') return;
    let bytes: Uint8Array;
    try {
      bytes = session.tick(Date.now());
    } catch (error) {
      this.log.error(`simulator tick threw: ${(error as Error).message}`);
      return;
    }
    this.writeDevice(bytes);
  }

  private onHostBytes(bytes: Uint8Array): void {
    const session = this.session;
    if (session === null) return;
    const heard =
      this.runnerScenario === 'wrong-baud'
        ? resampleUart(bytes, this.line, this.line.baudRate, wrongBaudFor(this.line.baudRate))
        : bytes;
    this.emit('received', heard);
    if (this.runnerScenario === 'silence') return;
    let reply: Uint8Array;
    try {
      reply = session.receive(heard, Date.now());
    } catch (error) {
      this.log.error(`simulator receive threw: ${(error as Error).message}`);
      return;
    }
    this.writeDevice(reply);
  }

  private writeDevice(bytes: Uint8Array): void {
    const port = this.port;
    if (bytes.length === 0 || port === null) return;
    const out =
      this.runnerScenario === 'wrong-baud'
        ? resampleUart(bytes, this.line, wrongBaudFor(this.line.baudRate), this.line.baudRate)
        : bytes;
    if (out.length === 0) return;
    const at = performance.now();
    port.write(out).then(
      () => undefined,
      (error: unknown) => this.log.debug(`device write failed: ${(error as Error).message}`),
    );
    this.emit('written', out, at);
  }

  private stopTicking(): void {
    if (this.ticker !== null) clearInterval(this.ticker);
    this.ticker = null;
    this.session = null;
  }

  private spawnSocat(): Promise<void> {
    return new Promise((resolve, reject) => {
      const args = ['-d', '-d', `pty,raw,echo=0,link=${this.deviceLink}`, `pty,raw,echo=0,link=${this.hostLink}`];
      const child = spawn(this.options.socat ?? 'socat', args, { stdio: ['ignore', 'ignore', 'pipe'] });
      this.socat = child;
      track(child);
      let stderr = '';
      let ready = false;
      child.stderr?.setEncoding('utf8');
      child.stderr?.on('data', (text: string) => {
        if (ready) return;
        stderr += text;
        // socat prints "N PTY is /dev/pts/N" for each end, then this line once both links exist.
        if (/starting data transfer loop/.test(stderr)) {
          ready = true;
          resolve();
        }
      });
      child.once('error', (error) => {
        if (!ready)
          reject(new Error(`cannot run socat (is it installed? scripts/setup installs it): ${error.message}`));
      });
      child.once('exit', (code, signal) => {
        if (this.socat === child) {
          this.socat = null;
          // Killed by someone else (not by unplug/stop): that is an unplug; a replug can follow.
          if (ready && this.plugged) {
            this.log.warn(`socat exited by itself (${code ?? signal}): the simulated device is unplugged`);
            void this.unplug();
          }
        }
        if (!ready)
          reject(
            new Error(
              `socat exited (${code ?? signal}) before the ptys were ready: ${stderr.trim().split('\n').slice(-2).join(' | ')}`,
            ),
          );
      });
    });
  }

  private killSocat(): Promise<void> {
    const child = this.socat;
    this.socat = null;
    if (child === null || child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
    return new Promise((resolve) => {
      child.once('exit', () => resolve());
      child.kill('SIGTERM');
    });
  }
}

/**
 * A dangling link left by a killed run would make socat fail: it is removed. A live link (another
 * simulator, or a running kiosk, owns it) or a real file is never touched: that is an error.
 */
function removeStaleLink(path: string): void {
  let isLink = false;
  try {
    isLink = lstatSync(path).isSymbolicLink();
  } catch {
    return; // nothing there
  }
  if (!isLink) throw new Error(`${path} exists and is not a simulator link; refusing to replace it`);
  if (existsSync(path)) throw new Error(`${path} is already in use by another simulator (is the kiosk running?)`);
  try {
    unlinkSync(path);
  } catch {
    // Gone in between: fine.
  }
}

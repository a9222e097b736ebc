import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, expect } from 'vitest';
import type { Logger } from '../../../common/util/logger';
import { ManualClock } from '../../../common/util/testing/manual-clock';
import { PtyRunner, type SerialSimulation } from '../../simulators/pty-runner';
import type { SerialDevice } from '../serial-device';
import { waitFor } from './wait-for';

export const quiet: Logger = {
  debug: () => undefined,
  info: () => undefined,
  warn: () => undefined,
  error: () => undefined,
};

/** The 'unplug' scenario's times on the runner's clock, which only the test moves. */
const UNPLUG_AFTER_MS = 5_000;
const REPLUG_AFTER_MS = 3_000;

export interface PtyDevice<D extends SerialDevice> {
  readonly runner: PtyRunner;
  /** Moves the simulator's unplug cycle; nothing else runs on it. */
  readonly runnerClock: ManualClock;
  readonly device: D;
  /** Raw lengths of the frames the driver could not decode. */
  readonly errors: number[];
  /** Resolves at the device's first 'connected' status. */
  readonly connected: Promise<unknown>;
}

/**
 * One simulator on a real socat pty pair and one driver on its host end, for the *.pty.test.ts
 * suites: each test gets a fresh folder, and both are stopped after it.
 */
export function usePtyDevices<D extends SerialDevice>(
  name: string,
  createDevice: (port: string, simulation: SerialSimulation) => D,
): (simulation: SerialSimulation, scenario: string) => Promise<PtyDevice<D>> {
  let dir = '';
  let started: { runner: PtyRunner; device: D } | null = null;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), `${name}-pty-`));
  });
  afterEach(async () => {
    await started?.device.close();
    await started?.runner.stop();
    started = null;
    rmSync(dir, { recursive: true, force: true });
  });
  return async (simulation, scenario) => {
    const runnerClock = new ManualClock();
    const runner = new PtyRunner({
      ...simulation,
      scenario,
      hostLink: join(dir, `tty-${name}`),
      logger: quiet,
      clock: runnerClock,
      unplugAfterMs: UNPLUG_AFTER_MS,
      replugAfterMs: REPLUG_AFTER_MS,
    });
    await runner.start();
    const device = createDevice(runner.hostLink, simulation);
    started = { runner, device };
    const errors: number[] = [];
    device.on('frameDecoded', (f) => {
      if (f.type === 'error') errors.push(f.raw.length);
    });
    const connected = waitFor(device, 'statusChanged', (s) => s.state === 'connected');
    await device.open();
    return { runner, runnerClock, device, errors, connected };
  };
}

/**
 * The 'unplug' scenario, once the device streams: the runner's clock pulls the cable; the driver
 * reports it; the clock plugs it back; reopened, the driver reads again.
 */
export async function expectUnplugRecovery<D extends SerialDevice>(t: PtyDevice<D>): Promise<void> {
  await t.connected;
  await waitFor(t.device, 'readingReceived', (r) => r.valid);
  const gone = waitFor(t.device, 'statusChanged', (s) => s.state === 'disconnected');
  t.runnerClock.advance(UNPLUG_AFTER_MS);
  const [status] = await gone;
  expect(status.reason?.code).toBe('device-unplugged');
  const replugged = waitFor(t.runner, 'replugged');
  await t.runnerClock.timerSet();
  t.runnerClock.advance(REPLUG_AFTER_MS);
  await replugged;
  const again = waitFor(t.device, 'statusChanged', (s) => s.state === 'connected');
  await t.device.open();
  await again;
  await waitFor(t.device, 'readingReceived', (r) => r.valid);
}

/**
 * The 'wrong-baud' scenario: the driver, at its own line settings, reports an error whose code is one
 * of `codes`, and no valid reading gets through. `error` waits for the error status (moving a
 * driver's clock where silence must time out); by default it simply waits.
 */
export async function expectErrorWithoutValidReading<D extends SerialDevice>(
  device: D,
  codes: readonly string[],
  error: () => Promise<[{ reason?: { code: string } | null | undefined }]> = () =>
    waitFor(device, 'statusChanged', (s) => s.state === 'error'),
): Promise<void> {
  let valid = 0;
  device.on('readingReceived', (r) => (valid += r.valid ? 1 : 0));
  const [status] = await error();
  expect(codes).toContain(status.reason?.code);
  expect(valid).toBe(0);
}

/**
 * Moves `clock` on by `stepMs` at each turn of the event loop until `done()`: for the waits where
 * nothing arrives to move the driver's time (silence), so its timeouts fire in order, with the pty's
 * I/O handled between two steps.
 */
export async function advanceUntil(clock: ManualClock, done: () => boolean, stepMs: number): Promise<void> {
  while (!done()) {
    clock.advance(stepMs);
    await new Promise<void>((resolve) => setImmediate(resolve));
  }
}

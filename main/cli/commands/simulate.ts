import { join } from 'node:path';
import { isDeviceModelId } from '../../../drivers/catalogue/device-catalogue';
import { serialSimulation, serialSimulations } from '../../../drivers/catalogue/simulations';
import { PtyRunner, scenariosOf } from '../../../drivers/simulators/pty-runner';
import { kioskDirs } from '../../../kiosk-config/kiosk-dirs';
import { parseCliArgs, UsageError, type CliCommand, type CliIo } from '../command';

const usage = () =>
  [
    'Usage: kioskctl simulate <model> --scenario <name> [--link <path>] [--unplug-after <ms>] [--replug-after <ms>]',
    '  Runs a simulated serial device on a socat pty pair until Ctrl+C and prints the host-side path',
    '  (open it as the device\'s "port"). --link defaults to $KIOSK_RUNTIME_DIR/sim-<model>.',
    ...serialSimulations().map((s) => `  ${s.name}: ${scenariosOf(s.model).join(', ')}`),
  ].join('\n');

/** Runs until `stop` resolves; exported for tests (the command waits for SIGINT/SIGTERM). */
export async function runSimulate(args: string[], io: CliIo, stop: Promise<unknown>): Promise<number> {
  const parsed = parseCliArgs({
    args,
    allowPositionals: true,
    options: {
      scenario: { type: 'string', default: 'normal' },
      link: { type: 'string' },
      'unplug-after': { type: 'string' },
      'replug-after': { type: 'string' },
    },
  });
  const [modelId, ...extra] = parsed.positionals;
  if (modelId === undefined || extra.length > 0) throw new UsageError('give exactly one model');
  const simulation = isDeviceModelId(modelId) ? serialSimulation(modelId) : null;
  if (simulation === null) {
    const known = serialSimulations().map((s) => s.name);
    throw new UsageError(`no simulator for "${modelId}"; simulated models: ${known.join(', ')}`);
  }
  const scenarios = scenariosOf(simulation.model);
  const scenario = parsed.values.scenario;
  if (!scenarios.includes(scenario))
    throw new UsageError(`unknown scenario "${scenario}" for ${modelId}; valid: ${scenarios.join(', ')}`);
  const ms = (name: 'unplug-after' | 'replug-after') => {
    const raw = parsed.values[name];
    if (raw === undefined) return undefined;
    const value = Number(raw);
    if (!Number.isInteger(value) || value < 10)
      throw new UsageError(`--${name}: a whole number of milliseconds ≥ 10, got "${raw}"`);
    return value;
  };
  const runner = new PtyRunner({
    ...simulation,
    scenario,
    hostLink: parsed.values.link ?? join(kioskDirs().runtimeDir, `sim-${modelId}`),
    unplugAfterMs: ms('unplug-after'),
    replugAfterMs: ms('replug-after'),
  });
  runner.on('unplugged', () => io.out(JSON.stringify({ event: 'unplugged', at: new Date().toISOString() })));
  runner.on('replugged', () => io.out(JSON.stringify({ event: 'replugged', at: new Date().toISOString() })));
  await runner.start();
  io.out(
    JSON.stringify({ event: 'ready', model: modelId, scenario, hostPath: runner.hostLink, serial: simulation.line }),
  );
  try {
    await stop;
  } finally {
    await runner.stop();
    io.out(JSON.stringify({ event: 'stopped' }));
  }
  return 0;
}

/** `kioskctl simulate`: a simulated serial device for development and technicians' dry runs. */
export const simulateCommand: CliCommand = {
  name: ['simulate'],
  summary: 'run a simulated serial device on a pty until Ctrl+C',
  get usage() {
    return usage();
  },
  run(args, io) {
    const stop = new Promise((resolve) => {
      process.once('SIGINT', resolve);
      process.once('SIGTERM', resolve);
    });
    return runSimulate(args, io, stop);
  },
};

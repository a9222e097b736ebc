import type { DeviceStatus } from '../../../common/devices/device-status';
import { systemClock } from '../../../common/util/clock';
import { loadDeviceConfig } from '../../devices/cli-support';
import { startKioskDevices } from '../../devices/kiosk-devices';
import { devicesFromKiosk } from './running-kiosk';
import { parseCliArgs, UsageError, type CliCommand, type CliIo } from '../command';

const SETTLED: ReadonlySet<DeviceStatus['state']> = new Set(['connected', 'unavailable']);

/**
 * `kioskctl devices`: asks the running kiosk over its local control socket (main/control) and
 * prints one JSON line per device (model, serial, port, state, last and next calibration); says
 * plainly when the kiosk is not running. With `--standalone` (the kiosk stopped: serial ports are
 * opened exclusively), it opens the configured devices itself (starting their simulators when the
 * config has them), waits until each is connected or `--seconds` passed, and prints their status.
 */
export async function runDevices(args: string[], io: CliIo): Promise<number> {
  const { values } = parseCliArgs({
    args,
    options: {
      config: { type: 'string' },
      seconds: { type: 'string', default: '5' },
      'no-simulators': { type: 'boolean', default: false },
      standalone: { type: 'boolean', default: false },
    },
  });
  if (!values.standalone) return devicesFromKiosk(loadDeviceConfig(values.config).storage.dataDir, io);
  const seconds = Number(values.seconds);
  if (!(seconds > 0 && seconds <= 120))
    throw new UsageError(`--seconds: a number between 0 and 120, got "${values.seconds}"`);
  const config = loadDeviceConfig(values.config);
  const devices = values['no-simulators'] ? config.devices.map(({ simulator: _s, ...d }) => d) : config.devices;
  const frames = new Map<string, { good: number; errors: number }>();
  const kiosk = await startKioskDevices({ config: { devices }, record: () => undefined });
  kiosk.manager.on('frameDecoded', (id, frame) => {
    const count = frames.get(id) ?? { good: 0, errors: 0 };
    if (frame.type === 'error') count.errors += 1;
    else count.good += 1;
    frames.set(id, count);
  });
  try {
    const deadline = Date.now() + seconds * 1000;
    while (Date.now() < deadline && !kiosk.manager.list().every((s) => SETTLED.has(s.state))) await sleep100();
    for (const status of kiosk.manager.list()) {
      const config = devices.find((d) => d.id === status.deviceId);
      io.out(
        JSON.stringify({
          ...status,
          port: config?.transport === 'serial' ? config.port : null,
          simulated: kiosk.simulators.running.includes(status.deviceId),
          frames: frames.get(status.deviceId) ?? { good: 0, errors: 0 },
        }),
      );
    }
    const pcsc = devices.filter((d) => d.transport === 'pcsc');
    for (const d of pcsc)
      io.out(
        JSON.stringify({
          deviceId: d.id,
          model: d.model,
          kind: 'card-reader',
          state: null,
          note: 'card readers are watched by the card service (kioskctl card …)',
        }),
      );
  } finally {
    await kiosk.close();
  }
  return 0;
}

function sleep100(): Promise<void> {
  return new Promise((resolve) => systemClock.setTimeout(resolve, 100));
}

export const devicesCommand: CliCommand = {
  name: ['devices'],
  summary: "the running kiosk's devices (model, serial, port, state, calibration); --standalone with it stopped",
  usage:
    'Usage: kioskctl devices [--config <kiosk config>] [--standalone [--seconds <max wait, default 5>] [--no-simulators]]',
  run: runDevices,
};

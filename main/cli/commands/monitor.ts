import { sleep, systemClock } from '../../../common/util/clock';
import { describeFrame, frameFields, hex, loadDeviceConfig } from '../../devices/cli-support';
import { startKioskDevices } from '../../devices/kiosk-devices';
import { monitorKiosk } from './running-kiosk';
import { parseCliArgs, UsageError, type CliCommand, type CliIo } from '../command';

/**
 * `kioskctl monitor <device>`: prints every frame of one device of the running kiosk live — raw
 * bytes in hex beside their decoding — streamed from its device manager over the local control
 * socket, until Ctrl+C (or --seconds); says plainly when the kiosk is not running. With
 * `--standalone` (the kiosk stopped) it opens the device itself (its simulator too, when
 * configured), with status changes. `--json` prints JSON lines instead of text.
 */
export async function runMonitor(args: string[], io: CliIo, stop: Promise<unknown>): Promise<number> {
  const parsed = parseCliArgs({
    args,
    allowPositionals: true,
    options: {
      config: { type: 'string' },
      json: { type: 'boolean', default: false },
      seconds: { type: 'string' },
      'no-simulator': { type: 'boolean', default: false },
      standalone: { type: 'boolean', default: false },
    },
  });
  const [deviceId, ...extra] = parsed.positionals;
  if (deviceId === undefined || extra.length > 0) throw new UsageError('give exactly one device id');
  const config = loadDeviceConfig(parsed.values.config);
  const found = config.devices.find((d) => d.id === deviceId);
  if (found === undefined)
    throw new UsageError(
      `no device "${deviceId}" in the config; configured: ${config.devices.map((d) => d.id).join(', ')}`,
    );
  if (found.transport === 'pcsc') throw new UsageError(`${deviceId} is a card reader; use "kioskctl card" commands`);
  const device = parsed.values['no-simulator'] ? { ...found, simulator: undefined } : found;
  const seconds = parsed.values.seconds === undefined ? null : Number(parsed.values.seconds);
  if (seconds !== null && !(seconds > 0))
    throw new UsageError(`--seconds: a positive number, got "${parsed.values.seconds}"`);
  const json = parsed.values.json;
  const until = seconds === null ? stop : Promise.race([stop, sleep(systemClock, seconds * 1000)]);
  if (!parsed.values.standalone) return monitorKiosk(config.storage.dataDir, deviceId, { json, stop: until }, io);
  const kiosk = await startKioskDevices({ config: { devices: [device] }, record: () => undefined });
  const time = () => new Date().toISOString().slice(11, 23);
  kiosk.manager.on('statusChanged', (s) => {
    if (json) io.out(JSON.stringify({ at: new Date().toISOString(), status: s }));
    else io.out(`${time()}  status ${s.state}${s.reason ? ` (${s.reason.code}: ${s.reason.detail})` : ''}`);
  });
  kiosk.manager.on('frameDecoded', (_id, frame) => {
    if (json) io.out(JSON.stringify({ at: new Date().toISOString(), hex: hex(frame.raw), frame: frameFields(frame) }));
    else io.out(`${time()}  ${hex(frame.raw).padEnd(30)}  ${describeFrame(frame)}`);
  });
  for (const s of kiosk.manager.list())
    io.out(json ? JSON.stringify({ at: new Date().toISOString(), status: s }) : `${time()}  status ${s.state}`);
  try {
    await until;
  } finally {
    await kiosk.close();
  }
  return 0;
}

export const monitorCommand: CliCommand = {
  name: ['monitor'],
  summary: "show a device's raw frames in hex beside their decoding, live",
  usage:
    'Usage: kioskctl monitor <device-id> [--config <kiosk config>] [--json] [--seconds <n>] [--standalone [--no-simulator]]',
  run(args, io) {
    const stop = new Promise((resolve) => {
      process.once('SIGINT', resolve);
      process.once('SIGTERM', resolve);
    });
    return runMonitor(args, io, stop);
  },
};

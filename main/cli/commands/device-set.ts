import type { DeviceChangeResult } from '../../../common/devices/device-change';
import { askKiosk } from '../../control/control-client';
import { loadDeviceConfig } from '../../devices/cli-support';
import { parseCliArgs, UsageError, type CliCommand, type CliIo } from '../command';

/** What a refusal means, for a technician at a shell (the screens say it in the kiosk's languages). */
const REFUSALS: Record<Extract<DeviceChangeResult, { ok: false }>['code'], string> = {
  'no-such-port': 'there is no such port',
  'port-unavailable': 'the port cannot be opened',
  'no-answer': 'no answer on that port',
  'wrong-model': 'data arrives but does not decode as that model',
  'port-in-use': "that port is another device's",
  unchanged: 'that already is the device’s setting',
  'not-changeable': 'the device is not on a serial port',
  'unknown-model': 'no such model of that kind of device',
  'patient-in-session': 'a patient is using the kiosk: change devices between two patients',
  busy: 'the device is lent to a calibration or another trial',
};

/**
 * `kioskctl device set <device> [--port <path>] [--model <model>]`: the running kiosk tries the
 * serial device on the new settings and keeps them only after a frame that decodes (as the
 * technician's screen does), audited as kioskctl. Exit 0 when kept, 1 when refused (old kept).
 */
export async function runDeviceSet(args: string[], io: CliIo): Promise<number> {
  const { values, positionals } = parseCliArgs({
    args,
    allowPositionals: true,
    options: { config: { type: 'string' }, port: { type: 'string' }, model: { type: 'string' } },
  });
  const [deviceId, ...extra] = positionals;
  if (deviceId === undefined || extra.length > 0) throw new UsageError('give exactly one device id');
  if (values.port === undefined && values.model === undefined) throw new UsageError('give --port, --model or both');
  const dataDir = loadDeviceConfig(values.config).storage.dataDir;
  let result: DeviceChangeResult | null = null;
  const request = {
    command: 'set-device' as const,
    deviceId,
    ...(values.port === undefined ? {} : { port: values.port }),
    ...(values.model === undefined ? {} : { model: values.model }),
  };
  await askKiosk(dataDir, request, (answer) => {
    if ('change' in answer) result = answer.change;
  });
  const change = result as DeviceChangeResult | null;
  if (change === null) throw new Error('the kiosk closed without an answer');
  io.out(JSON.stringify(change));
  if (change.ok) {
    io.err(
      `kept: ${deviceId} is now ${change.device.modelName} on ${change.device.port} (test frame ${change.frame.hex})`,
    );
    return 0;
  }
  io.err(`not kept, the old setting stays: ${REFUSALS[change.code]} (${change.detail})`);
  return 1;
}

export const deviceSetCommand: CliCommand = {
  name: ['device', 'set'],
  summary: "changes a serial device's port or model on the running kiosk, kept only after a test reading",
  usage: 'Usage: kioskctl device set <device> [--port <path>] [--model <model id>] [--config <kiosk config>]',
  run: runDeviceSet,
};

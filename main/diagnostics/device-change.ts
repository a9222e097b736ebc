import { existsSync } from 'node:fs';
import type {
  DeviceChangeRefusal,
  DeviceChangeRequest,
  DeviceChangeResult,
  DeviceChoices,
} from '../../common/devices/device-change';
import type { DeviceDiagnostics } from '../../common/devices/diagnostics';
import type { Clock } from '../../common/util/clock';
import { createLogger } from '../../common/util/logger';
import {
  DEVICE_CATALOGUE,
  DEVICE_MODEL_IDS,
  isDeviceModelId,
  modelFields,
} from '../../drivers/catalogue/device-catalogue';
import { writeDeviceOverride } from '../../kiosk-config/device-overrides';
import { DeviceConfig } from '../../kiosk-config/schema';
import type { AuditEntry } from '../db/audit-log';
import type { DeviceManager } from '../devices/device-manager';
import { HandlerError } from '../ipc/dispatch';
import { toDeviceFrame } from './device-diagnostics';
import { presentSerialPorts } from './serial-ports';
import { watchTestReading, type TrialSource } from './test-reading';

const log = createLogger('kiosk:main:device-change');

export interface DeviceChangeOptions {
  manager: Pick<DeviceManager, 'configs' | 'reconfigure'> & TrialSource;
  /** The kiosk's data folder, where accepted changes are kept (kiosk-config/device-overrides.ts). */
  dataDir: string;
  /** How long the device on the new settings has to give a decoded frame (ms). */
  trialMs: number;
  clock: Clock;
  /**
   * Who asks, for the audit log and the overrides file: the signed-in technician's
   * `technician:<id>` (throws forbidden without one), or `kioskctl` from the local socket.
   */
  actor: () => string;
  patientInSession: () => boolean;
  audit: { append(entry: AuditEntry): void };
  diagnostics: () => DeviceDiagnostics[];
}

type SerialConfig = Extract<DeviceConfig, { transport: 'serial' }>;

/**
 * A technician's port or model change (issue 19): tried on the running device manager, kept (and
 * written to the data folder's overrides, and audited) only once the device gave a test reading
 * on the new settings within the trial's time; otherwise the old settings run on and the answer
 * says why. Checks that need no trial (no such port, a model of another kind) answer at once.
 */
export async function changeDevice(
  options: DeviceChangeOptions,
  request: DeviceChangeRequest,
): Promise<DeviceChangeResult> {
  const actor = options.actor();
  const trialSeconds = Math.round(options.trialMs / 1000);
  const refuse = (code: DeviceChangeRefusal, detail: string): DeviceChangeResult => {
    options.audit.append({ actor, action: 'device-change-refused', subject: `${request.deviceId} ${code}` });
    log.info(`${request.deviceId}: change refused (${code}): ${detail}`);
    return { ok: false, code, detail, trialSeconds };
  };
  const current = options.manager.configs().find((d) => d.id === request.deviceId);
  if (current === undefined) throw new HandlerError('unknown-device', `no device "${request.deviceId}" on this kiosk`);
  const checked = proposedConfig(current, request, options.manager.configs());
  if ('code' in checked) return refuse(checked.code, checked.detail);
  if (options.patientInSession()) return refuse('patient-in-session', 'change devices between two patients');
  if (!existsSync(checked.port)) return refuse('no-such-port', `nothing at ${checked.port}`);

  const outcome = watchTestReading(options.manager, current.id, options.trialMs, options.clock);
  const kept = await options.manager.reconfigure(checked, async () => (await outcome).ok);
  if (kept === null) return refuse('busy', 'the device is lent to a calibration or another trial');
  const result = await outcome;
  if (!result.ok) return refuse(result.code, result.detail);
  try {
    writeDeviceOverride(options.dataDir, current.id, {
      port: checked.port,
      model: checked.model,
      changedAt: new Date(options.clock.now()).toISOString(),
      by: actor,
    });
  } catch (error) {
    // Not kept across a restart is not kept: the old settings come back now, not at the next start.
    await options.manager.reconfigure(current, () => Promise.resolve(true));
    log.error(`${current.id}: accepted change not saved: ${(error as Error).message}`);
    throw new HandlerError('not-saved', `the change could not be saved: ${(error as Error).message}`);
  }
  options.audit.append({
    actor,
    action: 'device-config-changed',
    subject: `${current.id} port=${checked.port} model=${checked.model}`,
  });
  log.info(`${current.id}: now ${checked.model} on ${checked.port} (was ${current.model})`);
  const device = options.diagnostics().find((d) => d.deviceId === current.id);
  if (device === undefined) throw new HandlerError('unknown-device', `device "${current.id}" vanished`);
  return { ok: true, device, frame: toDeviceFrame(current.id, result.frame, new Date(result.at)) };
}

/** The device's config with the requested port and model, or why it cannot be tried. */
function proposedConfig(
  current: DeviceConfig,
  request: DeviceChangeRequest,
  all: readonly DeviceConfig[],
): SerialConfig | { code: DeviceChangeRefusal; detail: string } {
  if (current.transport !== 'serial')
    return { code: 'not-changeable', detail: `${current.id} is a ${current.transport} device, not on a serial port` };
  const model = request.model ?? current.model;
  if (!isDeviceModelId(model) || DEVICE_CATALOGUE[model].kind !== DEVICE_CATALOGUE[current.model].kind)
    return {
      code: 'unknown-model',
      detail: `${model} is no ${DEVICE_CATALOGUE[current.model].kind} model of the catalogue`,
    };
  const port = request.port ?? current.port;
  if (port === current.port && model === current.model)
    return { code: 'unchanged', detail: `${current.id} already is ${model} on ${port}` };
  const holder = all.find((d) => d.id !== current.id && d.transport === 'serial' && d.port === port);
  if (holder !== undefined) return { code: 'port-in-use', detail: `${port} is ${holder.id}'s port` };
  // A line rate set for the old model's adapter says nothing of the new model's.
  const { baudRate, ...rest } = current;
  const parsed = DeviceConfig.safeParse({ ...rest, ...(model === current.model ? { baudRate } : {}), port, model });
  if (!parsed.success || parsed.data.transport !== 'serial')
    return { code: 'unknown-model', detail: parsed.error?.issues.map((i) => i.message).join('; ') ?? 'not serial' };
  return parsed.data;
}

/** The ports present and the serial models of the device's kind, for the change form. */
export function deviceChoices(
  options: Pick<DeviceChangeOptions, 'manager' | 'trialMs' | 'actor'>,
  deviceId: string,
): DeviceChoices {
  options.actor();
  const configs = options.manager.configs();
  const current = configs.find((d) => d.id === deviceId);
  if (current === undefined) throw new HandlerError('unknown-device', `no device "${deviceId}" on this kiosk`);
  if (current.transport !== 'serial')
    throw new HandlerError('not-changeable', `${deviceId} is a ${current.transport} device, not on a serial port`);
  const kind = DEVICE_CATALOGUE[current.model].kind;
  const serialPorts = (mine: boolean) =>
    configs.flatMap((d) => (d.transport === 'serial' && (d.id === deviceId) === mine ? [d.port] : []));
  const othersPorts = new Set(serialPorts(false));
  return {
    deviceId,
    // Another device's port is not offered: two drivers cannot share one.
    ports: presentSerialPorts([...serialPorts(true), ...othersPorts]).filter((p) => !othersPorts.has(p)),
    models: DEVICE_MODEL_IDS.filter(
      (id) => DEVICE_CATALOGUE[id].kind === kind && DEVICE_CATALOGUE[id].transport.type === 'serial',
    ).map(modelFields),
    trialSeconds: Math.round(options.trialMs / 1000),
  };
}

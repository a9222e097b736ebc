import type { HidSimulation } from '../simulators/hid/simulated-hid-device';
import type { SerialSimulation } from '../simulators/pty-runner';
import { catalogueEntry, DEVICE_MODEL_IDS, type DeviceModelId } from './device-catalogue';

/** A serial model's simulator with its name and line settings (what a PtyRunner runs), or null. */
export function serialSimulation(id: DeviceModelId): SerialSimulation | null {
  const entry = catalogueEntry(id);
  if (entry.kind !== 'oximeter' && entry.kind !== 'thermometer') return null;
  return { name: id, line: entry.transport.line, model: entry.simulator };
}

/** A HID model's simulator with its name and USB ids (what a SimulatedHidAttachment plugs in), or null. */
export function hidSimulation(id: DeviceModelId): HidSimulation | null {
  const entry = catalogueEntry(id);
  if (entry.kind !== 'blood-pressure') return null;
  return { name: id, usb: entry.transport.usb, model: entry.simulator };
}

/** Every model with a serial simulator, for `kioskctl simulate` and the tests. */
export function serialSimulations(): SerialSimulation[] {
  return DEVICE_MODEL_IDS.flatMap((id) => serialSimulation(id) ?? []);
}

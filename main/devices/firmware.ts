import type { DeviceModelId } from '../../drivers/catalogue/device-catalogue';
import { noninFirmwareRevision } from '../../drivers/protocols/nonin-packet';
import type { DecodedFrame } from '../../drivers/protocols/types';

/**
 * The firmware version a decoded frame gives, where the model's protocol carries one
 * (PROTOCOLS.md): a Nonin packet's firmware revision byte, an Omron HEM-790IT "VER00" answer.
 * Null for every other frame and model: the diagnostics then say the device does not report it.
 */
export function firmwareInFrame(model: DeviceModelId, frame: DecodedFrame): string | null {
  if (frame.type === 'status' && typeof frame.detail.version === 'string') return frame.detail.version.trim() || null;
  if ((model === 'nonin-format2' || model === 'nonin-format7') && frame.type === 'oximetry') {
    const revision = noninFirmwareRevision(frame.raw);
    return revision === null ? null : `rev. ${revision}`;
  }
  return null;
}

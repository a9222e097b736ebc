import type { DeviceModelId } from '../../../common/devices/device-models';
import type { HidSimulatorModel } from './hid-simulator-model';
import { omronHem790itSimulator } from './omron-hem790it-simulator';
import { omronHem7322uSimulator } from './omron-hem7322u-simulator';

/** One simulator per HID device model, by model id. */
export const hidSimulatorModels: Partial<Record<DeviceModelId, HidSimulatorModel>> = {
  'omron-hem790it': omronHem790itSimulator,
  'omron-hem7322u': omronHem7322uSimulator,
};

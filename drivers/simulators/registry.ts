import type { DeviceModelId } from '../../common/devices/device-models';
import { contecCms50LegacySimulator } from './models/contec-cms50-legacy';
import { contecCms50V7Simulator } from './models/contec-cms50-v7';
import { masimoAsciiSimulator } from './models/masimo-ascii';
import { noninFormat2Simulator } from './models/nonin-format2';
import { noninFormat7Simulator } from './models/nonin-format7';
import { welchAllynSureTempSimulator } from './models/welch-allyn-suretemp';
import type { SimulatorModel } from './simulator-model';

/** One simulator per serial device model (drivers/simulators/models/), by model id. */
export const simulatorModels: Partial<Record<DeviceModelId, SimulatorModel>> = {
  'contec-cms50-legacy': contecCms50LegacySimulator,
  'contec-cms50-v7': contecCms50V7Simulator,
  'nonin-format2': noninFormat2Simulator,
  'nonin-format7': noninFormat7Simulator,
  'masimo-ascii': masimoAsciiSimulator,
  'welch-allyn-suretemp': welchAllynSureTempSimulator,
};

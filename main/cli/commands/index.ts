import type { CliCommand } from '../command';
import { cardReadCommand } from './card-read';
import { decodeCommand } from './decode';
import { deviceSetCommand } from './device-set';
import { devicesCommand } from './devices';
import { exportFhirCommand } from './export-fhir';
import { monitorCommand } from './monitor';
import { nirCommand } from './nir';
import { pinHashCommand } from './pin-hash';
import { simulateCommand } from './simulate';

/** Every kioskctl command; add a file beside this one and list it here. */
export const commands: readonly CliCommand[] = [
  pinHashCommand,
  decodeCommand,
  exportFhirCommand,
  simulateCommand,
  devicesCommand,
  deviceSetCommand,
  monitorCommand,
  nirCommand,
  cardReadCommand,
];

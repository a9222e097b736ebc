import type { CliCommand } from '../command';
import { pinHashCommand } from './pin-hash';

/** Every kioskctl command; add a file beside this one and list it here. */
export const commands: readonly CliCommand[] = [pinHashCommand];

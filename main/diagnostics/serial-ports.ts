import { readdirSync, realpathSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';

/** Where Linux and the kiosk's udev rules (build/udev) put serial ports, besides /dev's tty names. */
const BY_ID = '/dev/serial/by-id';
// Not ttyS*: a PC has 4 to 32 of them whether a UART is wired or not.
const DEV_NAMES = /^(ttyUSB\d+|ttyACM\d+|kiosk-[a-z0-9-]+)$/;

/**
 * The serial ports present on this machine, for the technician's port change on the touchscreen:
 * stable names first (/dev/serial/by-id, the udev symlinks /dev/kiosk-*), then /dev/ttyUSB* and
 * ttyACM*, and the character devices beside the ports the config uses outside /dev (where the
 * simulators' pty links live in development). Each is a character device once links are followed;
 * a folder that cannot be read is skipped.
 */
export function presentSerialPorts(configuredPorts: readonly string[]): string[] {
  const found = new Set<string>();
  for (const name of entries(BY_ID)) found.add(join(BY_ID, name));
  for (const name of entries('/dev')) if (DEV_NAMES.test(name)) found.add(join('/dev', name));
  const folders = new Set(configuredPorts.map((p) => dirname(p)).filter((f) => f !== '/dev' && !f.startsWith('/dev/')));
  for (const folder of folders)
    for (const name of entries(folder))
      // A simulator's own end of its pty pair (drivers/simulators/pty-runner.ts) is no port to use.
      if (!name.endsWith('.device')) found.add(join(folder, name));
  for (const port of configuredPorts) found.add(port);
  return [...found].filter(isCharacterDevice);
}

function entries(folder: string): string[] {
  try {
    return readdirSync(folder).sort();
  } catch {
    return [];
  }
}

function isCharacterDevice(path: string): boolean {
  try {
    return statSync(realpathSync(path)).isCharacterDevice();
  } catch {
    return false;
  }
}

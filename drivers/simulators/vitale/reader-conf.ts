import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/** Debian's vsmartcard-vpcd installs its IFD handler here and registers it in /etc/reader.conf.d/vpcd. */
const DEBIAN_VPCD_CONF = '/etc/reader.conf.d/vpcd';
const DEBIAN_VPCD_LIB = '/usr/lib/pcsc/drivers/serial/libifdvpcd.so';

/** The vpcd driver library, read from Debian's reader.conf entry when there is one. */
export function vpcdLibrary(): string | null {
  if (existsSync(DEBIAN_VPCD_CONF)) {
    const match = /^\s*LIBPATH\s+(\S+)/m.exec(readFileSync(DEBIAN_VPCD_CONF, 'utf8'));
    if (match && existsSync(match[1]!)) return match[1]!;
  }
  return existsSync(DEBIAN_VPCD_LIB) ? DEBIAN_VPCD_LIB : null;
}

/**
 * The vpcd reader of Debian's own configuration, as a system pcscd (systemd's socket-activated
 * one) runs it: its name and port (CHANNELID; 0x8C7B = 35963 as shipped).
 */
export function debianVpcdReader(): { friendlyName: string; port: number } | null {
  if (!existsSync(DEBIAN_VPCD_CONF)) return null;
  const text = readFileSync(DEBIAN_VPCD_CONF, 'utf8');
  const name = /^\s*FRIENDLYNAME\s+"([^"]+)"/m.exec(text)?.[1];
  const channel = /^\s*CHANNELID\s+(\S+)/m.exec(text)?.[1];
  const port = channel === undefined ? NaN : Number(channel);
  return name && port > 0 && port < 65535 ? { friendlyName: name, port } : null;
}

/**
 * Writes a reader.conf.d of our own for `pcscd -c`, with one vpcd reader ("<friendlyName> 00 00",
 * plus vpcd's second slot "… 00 01" on port+1) on `port`. Our own file, not Debian's, so the system's
 * configuration is never touched and the port is ours to choose.
 *
 * DEVICENAME `/dev/null:<port>` is vpcd's server mode: vpcd listens on INADDR_ANY (0.0.0.0,
 * hard-coded in vpcd.c's opensock) and the card connects. vpcd also has a client mode
 * (`DEVICENAME 127.0.0.1:<port>`: vpcd connects to the card, nothing listens) that would be
 * loopback-only, but vsmartcard-vpcd 3.3 (bookworm) cannot survive a card removal in that mode:
 * after the first disconnect it falls back to its unset server socket and pcscd aborts with
 * "bit out of range 0 - FD_SETSIZE on fd_set". So server mode it is, run inside a network
 * namespace of its own when possible (pcsc-stack.ts).
 */
export function writeReaderConf(dir: string, port: number, library: string, friendlyName = 'Virtual PCD'): string {
  mkdirSync(dir, { recursive: true });
  const hexPort = `0x${port.toString(16).toUpperCase()}`;
  writeFileSync(
    join(dir, 'vpcd'),
    `FRIENDLYNAME "${friendlyName}"\nDEVICENAME   /dev/null:${hexPort}\nLIBPATH      ${library}\nCHANNELID    ${hexPort}\n`,
  );
  return dir;
}

import { isIP } from 'node:net';

/**
 * Where the SFU listens and what it tells clients to reach: the listen address, the announced
 * address (the public IP or host name clients connect to; the listen address when absent), and
 * either a port range (one port per transport) or one WebRtcServer port (UDP and TCP; worker i
 * takes port + i).
 */
export interface MediaNetwork {
  listenIp: string;
  announcedAddress: string | undefined;
  ports: { kind: 'range'; min: number; max: number } | { kind: 'server'; port: number };
}

/** The environment variables read by mediaNetworkFromEnv, with what each takes. */
export const MEDIA_ENV = {
  listenIp: 'PLATFORM_MEDIA_LISTEN_IP',
  announcedAddress: 'PLATFORM_MEDIA_ANNOUNCED_ADDRESS',
  ports: 'PLATFORM_MEDIA_PORTS',
  serverPort: 'PLATFORM_MEDIA_PORT',
} as const;

const DEFAULT_PORTS = { kind: 'range', min: 40000, max: 49999 } as const;
/** RFC 1123 host name: dot-separated labels of letters, digits and inner hyphens. */
const HOST_NAME = /^(?=.{1,253}$)([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?)(\.[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?)*$/i;

export function isLoopback(ip: string): boolean {
  return ip === '::1' || /^127\./.test(ip) || ip.toLowerCase() === '::ffff:127.0.0.1';
}

function port(text: string): number | null {
  if (!/^\d{1,5}$/.test(text)) return null;
  const n = Number(text);
  return n >= 1024 && n <= 65535 ? n : null;
}

/**
 * Reads and checks the media settings. `defaultListenIp` is the platform's HTTP listen host (the
 * media follow it unless told otherwise). Throws one error with a line per wrong value, each
 * naming the variable. A listen address other than loopback needs an announced address: behind a
 * NAT or a cloud's 1:1 mapping the interface address is not what clients reach, and a wildcard
 * (0.0.0.0, ::) cannot be announced at all.
 */
export function mediaNetworkFromEnv(env: NodeJS.ProcessEnv, defaultListenIp: string): MediaNetwork {
  const errors: string[] = [];
  const listenIp = env[MEDIA_ENV.listenIp] || defaultListenIp;
  // A bad platform host is reported by whoever read it (main.ts); only a bad variable here.
  if (env[MEDIA_ENV.listenIp] && !isIP(listenIp))
    errors.push(`${MEDIA_ENV.listenIp}: expected an IP address, got "${listenIp}"`);
  const announced = env[MEDIA_ENV.announcedAddress] || undefined;
  if (announced !== undefined) {
    if (announced === '0.0.0.0' || announced === '::')
      errors.push(`${MEDIA_ENV.announcedAddress}: "${announced}" is not an address clients can reach`);
    else if (!isIP(announced) && !HOST_NAME.test(announced))
      errors.push(`${MEDIA_ENV.announcedAddress}: expected an IP address or a host name, got "${announced}"`);
  } else if (isIP(listenIp) && !isLoopback(listenIp)) {
    errors.push(
      `${MEDIA_ENV.announcedAddress}: required when the media listen on ${listenIp} (not loopback): set the public IP or host name clients reach`,
    );
  }
  let ports: MediaNetwork['ports'] = DEFAULT_PORTS;
  const range = env[MEDIA_ENV.ports];
  const single = env[MEDIA_ENV.serverPort];
  if (range && single) {
    errors.push(`${MEDIA_ENV.ports} and ${MEDIA_ENV.serverPort}: set one or the other, not both`);
  } else if (single) {
    const p = port(single);
    if (p === null) errors.push(`${MEDIA_ENV.serverPort}: expected a port 1024–65535, got "${single}"`);
    else ports = { kind: 'server', port: p };
  } else if (range) {
    const [minText = '', maxText = ''] = range.split('-');
    const min = port(minText.trim());
    const max = port(maxText.trim());
    if (min === null || max === null || min > max)
      errors.push(`${MEDIA_ENV.ports}: expected <min>-<max> within 1024–65535, min ≤ max, got "${range}"`);
    else ports = { kind: 'range', min, max };
  }
  if (errors.length > 0) throw new Error(`media configuration:\n  ${errors.join('\n  ')}`);
  return { listenIp, announcedAddress: announced, ports };
}

/** Development and tests: everything on loopback, the default port range. */
export const LOOPBACK_MEDIA: MediaNetwork = {
  listenIp: '127.0.0.1',
  announcedAddress: undefined,
  ports: DEFAULT_PORTS,
};

import * as tls from 'node:tls';
import { Agent } from 'undici';
import { readCaCertificates } from '../kiosk-config/ca-file';
import type { KioskConfig } from '../kiosk-config/schema';

/**
 * The authorities Node trusts by default: with `getCACertificates` (Node ≥ 22.15, Electron's) that
 * includes NODE_EXTRA_CA_CERTS and, with --use-system-ca, the system store; Node 20 has only its
 * bundled Mozilla list. Listed because a `ca` option replaces the defaults instead of adding to them.
 */
function defaultAuthorities(): readonly string[] {
  const withGetter = tls as typeof tls & { getCACertificates?: (type: 'default') => string[] };
  return withGetter.getCACertificates?.('default') ?? tls.rootCertificates;
}

/** The PEM authorities trusted for the platform with `platform.caFile`: the defaults, then the file's. */
export function platformAuthorities(caFile: string): string[] {
  return [...defaultAuthorities(), ...readCaCertificates(caFile)];
}

/**
 * The one fetch the main process reaches the platform with (call tickets, heartbeat, records sync).
 * With `platform.caFile` its requests go through an undici Agent that trusts that authority as well
 * as the default ones; without it, the global fetch as is. The global fetch is looked up at each
 * request, so tests that stub it still see the calls.
 */
export function platformFetch(platform: Pick<KioskConfig['platform'], 'caFile'>): typeof fetch {
  if (platform.caFile === undefined) return (input, init) => globalThis.fetch(input, init);
  const dispatcher = new Agent({ connect: { ca: platformAuthorities(platform.caFile) } });
  // Node's fetch is undici 6 too (Node 20 and Electron 38's Node 22): it takes this Agent as its
  // dispatcher, an option the global RequestInit type does not declare.
  return (input, init) => globalThis.fetch(input, { ...init, dispatcher } as RequestInit);
}

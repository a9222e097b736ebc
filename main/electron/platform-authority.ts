import { X509Certificate } from 'node:crypto';
import { isIP } from 'node:net';
import { createLogger } from '../../common/util/logger';
import type { CertificateLike, CertificateVerifyRequest, SessionLike } from './electron-api';

const log = createLogger('kiosk:electron:platform-authority');

/** Answers of a certificate verify proc (Electron's session.setCertificateVerifyProc). */
export const VERIFY_ACCEPT = 0;
export const VERIFY_USE_CHROMIUM = -3;
/** net::ERR_CERT_AUTHORITY_INVALID: the only error an extra authority may lift; any other stands. */
export const ERR_CERT_AUTHORITY_INVALID = -202;
/** Longer chains than this are not walked (a private PKI has a root and maybe an intermediate). */
const MAX_CHAIN = 5;

/** `[::1]` → `::1`: URLs bracket IPv6 addresses, certificates do not. */
function bare(hostname: string): string {
  return hostname.replace(/^\[(.*)\]$/, '$1');
}

function validAt(cert: X509Certificate, now: Date): boolean {
  return new Date(cert.validFrom) <= now && now <= new Date(cert.validTo);
}

function issued(issuer: X509Certificate, cert: X509Certificate): boolean {
  return cert.checkIssued(issuer) && cert.verify(issuer.publicKey); // "cert was issued by issuer"
}

/**
 * Whether the chain the server presented leads, signature by signature, from a leaf valid now for
 * `hostname` to one of `authorities`. Intermediates must be CAs valid now; the authority itself
 * need not have been sent.
 */
export function chainIssuedBy(
  hostname: string,
  presented: CertificateLike,
  authorities: readonly X509Certificate[],
  now: Date,
): boolean {
  const chain: X509Certificate[] = [];
  try {
    for (let c: CertificateLike | undefined = presented; c && chain.length < MAX_CHAIN; c = c.issuerCert) {
      chain.push(new X509Certificate(c.data));
    }
  } catch {
    return false; // unparseable: Chromium's verdict stands
  }
  const leaf = chain[0]!;
  hostname = bare(hostname);
  const forHost = isIP(hostname) ? leaf.checkIP(hostname) : leaf.checkHost(hostname);
  if (forHost === undefined || !validAt(leaf, now)) return false;
  for (let i = 0; i < chain.length; i++) {
    const cert = chain[i]!;
    if (authorities.some((authority) => issued(authority, cert))) return true;
    const next = chain[i + 1];
    if (!next || !next.ca || !validAt(next, now) || !issued(next, cert)) return false;
  }
  return false;
}

/**
 * Makes the kiosk's Chromium trust `platform.caFile` for the platform's hosts, for the screens'
 * wss signalling: a certificate Chromium refuses only because it does not know the issuer is
 * accepted when it chains to that authority; everything else keeps Chromium's own verdict.
 */
export function trustPlatformAuthority(
  session: Pick<SessionLike, 'setCertificateVerifyProc'>,
  options: { authorities: readonly string[]; platformHosts: readonly string[]; now?: () => Date },
): void {
  const authorities = options.authorities.map((pem) => new X509Certificate(pem));
  const hosts = new Set(options.platformHosts.map(bare));
  const now = options.now ?? (() => new Date());
  session.setCertificateVerifyProc((request: CertificateVerifyRequest, callback) => {
    const forPlatform = hosts.has(bare(request.hostname));
    if (
      request.errorCode === ERR_CERT_AUTHORITY_INVALID &&
      forPlatform &&
      chainIssuedBy(request.hostname, request.certificate, authorities, now())
    ) {
      callback(VERIFY_ACCEPT);
      return;
    }
    if (request.errorCode !== 0 && forPlatform) {
      log.warn(`platform certificate refused [host:${request.hostname}] [reason:${request.verificationResult}]`);
    }
    callback(VERIFY_USE_CHROMIUM);
  });
}

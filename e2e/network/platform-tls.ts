import { copyFileSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { makeTestCertificate, spkiHash } from '../../http/testing/test-certificate';

/** The platform's TLS in the network tests: today's certificate, and the renewal the test swaps in. */
export interface PlatformTls {
  /** The files the platform serves (PLATFORM_TLS_CERT / PLATFORM_TLS_KEY). */
  readonly certFile: string;
  readonly keyFile: string;
  /** SHA-256 SPKI hashes of both keys, for Chromium's `--ignore-certificate-errors-spki-list`. */
  readonly spki: readonly string[];
  /** Both certificates in one PEM file, for the kiosk's Node processes (NODE_EXTRA_CA_CERTS). */
  readonly bundle: string;
  /** Puts the renewed certificate and its new key in place of the served files. */
  renew(): void;
}

/**
 * Two self-signed certificates for the platform's address, each with its own key (a renewal makes a
 * new one). The clients trust both from the start, as they would trust the CA that signs both.
 */
export function platformTls(dir: string, ip: string): PlatformTls {
  const current = makeTestCertificate(dir, { name: 'platform.kiosk.test', ips: [ip], file: 'platform' });
  const renewed = makeTestCertificate(dir, { name: 'renewed.platform.kiosk.test', ips: [ip], file: 'renewed' });
  const bundle = join(dir, 'platform-trust.pem');
  writeFileSync(bundle, readFileSync(current.certFile, 'utf8') + readFileSync(renewed.certFile, 'utf8'));
  return {
    ...current,
    spki: [spkiHash(current.certFile), spkiHash(renewed.certFile)],
    bundle,
    renew: () => {
      copyFileSync(renewed.certFile, current.certFile);
      copyFileSync(renewed.keyFile, current.keyFile);
    },
  };
}

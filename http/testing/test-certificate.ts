import { execFileSync } from 'node:child_process';
import { createHash, X509Certificate } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

/** PEM paths of a test certificate and its key. */
export interface TestCertificate {
  certFile: string;
  keyFile: string;
}

/**
 * A certificate made with Debian's openssl for tests: an EC P-256 key, the given DNS names and IP
 * addresses, valid `days` days from now. Self-signed, or signed by `issuer` (a `makeTestAuthority`
 * result) to test a private PKI. Returns the PEM paths. (OpenSSL 3.0 cannot back-date one: test
 * expiry by checking at a later `now`.)
 */
export function makeTestCertificate(
  dir: string,
  options: { name: string; ips?: readonly string[]; days?: number; file?: string; issuer?: TestCertificate },
): TestCertificate {
  const alt = [`DNS:${options.name}`, ...(options.ips ?? []).map((ip) => `IP:${ip}`)].join(',');
  // OpenSSL 3's `req -x509` marks what it makes as a CA unless told otherwise; a server's is not one.
  const extensions = ['-addext', `subjectAltName=${alt}`];
  if (options.issuer) extensions.push('-addext', 'basicConstraints=critical,CA:FALSE');
  return makeCertificate(dir, options.file ?? options.name, options, extensions);
}

/**
 * A test certificate authority (CA:TRUE, may sign certificates) to issue `makeTestCertificate`s with;
 * an intermediate one when `issuer` is given.
 */
export function makeTestAuthority(
  dir: string,
  options: { name: string; days?: number; file?: string; issuer?: TestCertificate },
): TestCertificate {
  return makeCertificate(dir, options.file ?? options.name, options, [
    '-addext',
    'basicConstraints=critical,CA:TRUE',
    '-addext',
    'keyUsage=critical,keyCertSign,cRLSign',
  ]);
}

function makeCertificate(
  dir: string,
  base: string,
  options: { name: string; days?: number; issuer?: TestCertificate },
  extensions: string[],
): TestCertificate {
  const certFile = join(dir, `${base}-cert.pem`);
  const keyFile = join(dir, `${base}-key.pem`);
  const issuer = options.issuer ? ['-CA', options.issuer.certFile, '-CAkey', options.issuer.keyFile] : [];
  execFileSync(
    'openssl',
    [
      'req',
      '-x509',
      ...issuer,
      '-newkey',
      'ec',
      '-pkeyopt',
      'ec_paramgen_curve:prime256v1',
      '-nodes',
      '-keyout',
      keyFile,
      '-out',
      certFile,
      '-days',
      String(options.days ?? 1),
      '-subj',
      `/CN=${options.name}`,
      ...extensions,
    ],
    { stdio: ['ignore', 'ignore', 'pipe'] },
  );
  return { certFile, keyFile };
}

/** The SHA-256 of a certificate's public key (SPKI, base64): what Chromium's `--ignore-certificate-errors-spki-list` takes. */
export function spkiHash(certFile: string): string {
  const publicKey = new X509Certificate(readFileSync(certFile)).publicKey.export({ type: 'spki', format: 'der' });
  return createHash('sha256').update(publicKey).digest('base64');
}

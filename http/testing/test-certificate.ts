import { execFileSync } from 'node:child_process';
import { createHash, X509Certificate } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

/**
 * A self-signed certificate made with Debian's openssl for tests: an EC P-256 key, the given DNS
 * names and IP addresses, valid `days` days from now. Returns the PEM paths. (OpenSSL 3.0 cannot
 * back-date one: test expiry by checking at a later `now`.)
 */
export function makeTestCertificate(
  dir: string,
  options: { name: string; ips?: readonly string[]; days?: number; file?: string },
): { certFile: string; keyFile: string } {
  const base = options.file ?? options.name;
  const certFile = join(dir, `${base}-cert.pem`);
  const keyFile = join(dir, `${base}-key.pem`);
  const alt = [`DNS:${options.name}`, ...(options.ips ?? []).map((ip) => `IP:${ip}`)].join(',');
  execFileSync(
    'openssl',
    [
      'req',
      '-x509',
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
      '-addext',
      `subjectAltName=${alt}`,
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

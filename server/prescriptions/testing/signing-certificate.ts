import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { SIGNING_ENV } from '../pdf-signer';

/**
 * A throwaway RSA certificate and key (Debian's openssl; the PDF signature's PKCS#12 takes RSA only)
 * in `dir`, as the environment a production start (`--serve`) requires: PLATFORM_SIGNING_CERT/KEY.
 */
export function testSigningEnv(dir: string, name = 'Plateforme de teleconsultation (test)'): Record<string, string> {
  const certFile = join(dir, 'signing-cert.pem');
  const keyFile = join(dir, 'signing-key.pem');
  execFileSync(
    'openssl',
    ['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-days', '2', '-subj', `/CN=${name}`].concat([
      '-keyout',
      keyFile,
      '-out',
      certFile,
    ]),
    { stdio: 'ignore' },
  );
  return { [SIGNING_ENV.cert]: certFile, [SIGNING_ENV.key]: keyFile };
}

import { X509Certificate } from 'node:crypto';
import { readFileSync } from 'node:fs';

const PEM_CERTIFICATE = /-----BEGIN CERTIFICATE-----[^-]+-----END CERTIFICATE-----/g;

/**
 * The PEM certificates of `platform.caFile` (the extra authority the kiosk trusts for the platform).
 * Read once by the config check, so a wrong path or a key pasted in place of the certificate stops
 * start-up instead of surfacing later as an unreachable platform. Throws saying what is wrong.
 */
export function readCaCertificates(file: string): string[] {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    throw new Error(`cannot read ${file} (${(error as NodeJS.ErrnoException).code ?? (error as Error).message})`);
  }
  const pems = text.match(PEM_CERTIFICATE) ?? [];
  if (pems.length === 0) throw new Error(`${file} holds no PEM certificate (-----BEGIN CERTIFICATE-----)`);
  pems.forEach((pem, index) => {
    try {
      new X509Certificate(pem);
    } catch {
      throw new Error(`certificate ${index + 1} in ${file} is not a valid X.509 certificate`);
    }
  });
  return pems;
}

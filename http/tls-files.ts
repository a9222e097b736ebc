import { X509Certificate, createPrivateKey, type KeyObject } from 'node:crypto';
import { readFileSync } from 'node:fs';

/** The PEM files a server presents: its certificate (chain first) and the private key. */
export interface TlsFiles {
  certFile: string;
  keyFile: string;
}

/** What a TLS server is given: the PEM text, checked. */
export interface TlsMaterial {
  cert: string;
  key: string;
  /** Subject, validity end, for the start-up log (nothing secret). */
  summary: string;
}

/** A certificate or key that cannot serve, with the file it came from. */
export class TlsFileError extends Error {
  constructor(
    readonly file: string,
    problem: string,
  ) {
    super(`${file}: ${problem}`);
  }
}

/**
 * Reads and checks the PEM files before a server uses them, so a wrong file stops the start (or a
 * reload) with a message naming the file and the fault — unreadable, not PEM, expired or not yet
 * valid, or a key that is not the certificate's — instead of a TLS handshake failing for every client.
 */
export function loadTlsFiles(files: TlsFiles, now = new Date()): TlsMaterial {
  const cert = readPem(files.certFile, 'certificate');
  const key = readPem(files.keyFile, 'private key');
  let x509: X509Certificate;
  try {
    x509 = new X509Certificate(cert);
  } catch (error) {
    throw new TlsFileError(files.certFile, `not a PEM certificate (${(error as Error).message})`);
  }
  let privateKey: KeyObject;
  try {
    privateKey = createPrivateKey(key);
  } catch (error) {
    throw new TlsFileError(
      files.keyFile,
      `not a PEM private key, or protected by a passphrase (${(error as Error).message})`,
    );
  }
  if (!x509.checkPrivateKey(privateKey))
    throw new TlsFileError(files.keyFile, `this key does not belong to the certificate in ${files.certFile}`);
  if (now.getTime() > Date.parse(x509.validTo))
    throw new TlsFileError(files.certFile, `the certificate expired on ${new Date(x509.validTo).toISOString()}`);
  if (now.getTime() < Date.parse(x509.validFrom))
    throw new TlsFileError(
      files.certFile,
      `the certificate is valid only from ${new Date(x509.validFrom).toISOString()}`,
    );
  const summary = `${x509.subject.replace(/\n/g, ', ')} until ${new Date(x509.validTo).toISOString()}`;
  return { cert, key, summary };
}

function readPem(file: string, what: string): string {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    throw new TlsFileError(file, `cannot read the ${what} (${(error as NodeJS.ErrnoException).code ?? 'error'})`);
  }
  if (!text.includes('-----BEGIN ')) throw new TlsFileError(file, `no PEM block: expected the ${what} in PEM form`);
  return text;
}

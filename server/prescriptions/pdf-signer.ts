import { readFileSync } from 'node:fs';
import { plainAddPlaceholder } from '@signpdf/placeholder-plain';
import { P12Signer } from '@signpdf/signer-p12';
import { SignPdf } from '@signpdf/signpdf';
import forge from 'node-forge';

/** The environment variables of the platform's signing certificate (PEM files; both or neither). */
export const SIGNING_ENV = { cert: 'PLATFORM_SIGNING_CERT', key: 'PLATFORM_SIGNING_KEY' } as const;

/** What the signature dictionary names: the signer, why, where. */
export interface SignatureInfo {
  name: string;
  reason: string;
  location: string;
}

/**
 * Signs PDFs with the platform's certificate (PKCS#7 detached, adbe.pkcs7.detached, as
 * @signpdf/signpdf writes it): any byte changed after signing breaks the signature a reader checks.
 * The PEM key and certificate are bundled into a PKCS#12 in memory once (node-forge); the key never
 * leaves the process.
 */
export class PdfSigner {
  private constructor(
    private readonly p12: Buffer,
    /** The certificate's subject common name, for logs and the visible mention. */
    readonly subject: string,
  ) {}

  /** From PEM texts; throws naming what is wrong (not PEM, the key not the certificate's). */
  static fromPem(certPem: string, keyPem: string, label = 'the signing certificate'): PdfSigner {
    let cert: forge.pki.Certificate;
    let key: forge.pki.rsa.PrivateKey;
    try {
      cert = forge.pki.certificateFromPem(certPem);
    } catch (error) {
      throw new Error(`${label}: not a PEM certificate (${(error as Error).message})`);
    }
    try {
      key = forge.pki.privateKeyFromPem(keyPem);
    } catch (error) {
      throw new Error(`${label}: not a PEM RSA private key (${(error as Error).message})`);
    }
    const publicKey = cert.publicKey as forge.pki.rsa.PublicKey;
    if (publicKey.n.compareTo(key.n) !== 0) throw new Error(`${label}: the key is not the certificate's`);
    const asn1 = forge.pkcs12.toPkcs12Asn1(key, [cert], '', { algorithm: '3des' });
    const p12 = Buffer.from(forge.asn1.toDer(asn1).getBytes(), 'binary');
    const cn = cert.subject.getField('CN') as { value?: string } | null;
    return new PdfSigner(p12, cn?.value ?? 'platform');
  }

  /** Signs a PDF written with a classic cross-reference table (pdfkit's). */
  async sign(pdf: Buffer, info: SignatureInfo, at: Date = new Date()): Promise<Buffer> {
    const withPlaceholder = plainAddPlaceholder({
      pdfBuffer: pdf,
      reason: info.reason,
      contactInfo: '',
      name: info.name,
      location: info.location,
      signingTime: at,
      signatureLength: 8192,
    });
    // A signer per PDF: P12Signer reads its PKCS#12 from a forge buffer that the first signature consumes.
    return new SignPdf().sign(withPlaceholder, new P12Signer(this.p12, { passphrase: '' }), at);
  }
}

/**
 * The platform's signer from PLATFORM_SIGNING_CERT and PLATFORM_SIGNING_KEY (PEM files), or null
 * when neither is set. Throws naming the variable when one is missing or a file is wrong.
 */
export function pdfSignerFromEnv(env: NodeJS.ProcessEnv): PdfSigner | null {
  const certFile = env[SIGNING_ENV.cert] || undefined;
  const keyFile = env[SIGNING_ENV.key] || undefined;
  if (!certFile && !keyFile) return null;
  const label = `${SIGNING_ENV.cert} / ${SIGNING_ENV.key}`;
  if (!certFile || !keyFile) throw new Error(`${label}: set both (the certificate and its key, PEM), or neither`);
  const read = (file: string) => {
    try {
      return readFileSync(file, 'utf8');
    } catch (error) {
      throw new Error(`${label}: ${file}: cannot be read (${(error as NodeJS.ErrnoException).code ?? 'error'})`);
    }
  };
  return PdfSigner.fromPem(read(certFile), read(keyFile), label);
}

import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { SAMPLE_PRESCRIPTION } from '../../common/records/testing/samples';
import { prescriptionPdf } from '../api/prescription-pdf';
import { PdfSigner, pdfSignerFromEnv } from './pdf-signer';
import { pdfTexts } from './pdf-reader';

/**
 * The prescription PDF signed with a throwaway RSA certificate made by Debian's openssl, checked by
 * two readers that are not ours: poppler's `pdfsig` and `openssl cms -verify` on the signed byte
 * ranges. A byte changed after signing must break it.
 */
const dir = mkdtempSync(join(tmpdir(), 'pdf-signer-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function throwawayCertificate(name: string): { certFile: string; keyFile: string } {
  const certFile = join(dir, `${name}.crt`);
  const keyFile = join(dir, `${name}.key`);
  execFileSync(
    'openssl',
    [
      'req',
      '-x509',
      '-newkey',
      'rsa:2048',
      '-nodes',
      '-days',
      '2',
      '-subj',
      `/CN=${name}`,
      '-keyout',
      keyFile,
      '-out',
      certFile,
    ],
    { stdio: 'ignore' },
  );
  return { certFile, keyFile };
}

const platform = throwawayCertificate('Plateforme de teleconsultation (test)');
const signer = pdfSignerFromEnv({ PLATFORM_SIGNING_CERT: platform.certFile, PLATFORM_SIGNING_KEY: platform.keyFile })!;
const INFO = {
  name: 'Dr Claire Martin',
  reason: 'Ordonnance RX-2026-000123-7',
  location: 'Plateforme de téléconsultation',
};

function pdfsig(pdf: Buffer): string {
  const file = join(dir, `check-${Math.random().toString(36).slice(2)}.pdf`);
  writeFileSync(file, pdf);
  const run = spawnSync('pdfsig', [file], { encoding: 'utf8' });
  return `${run.stdout}${run.stderr}`;
}

/** openssl cms -verify of the detached signature over the ByteRange (the certificate itself as trust anchor). */
function opensslVerifies(pdf: Buffer): boolean {
  const text = pdf.toString('latin1');
  const range = /\/ByteRange \[(\d+) (\d+) (\d+) (\d+)\s*\]/.exec(text)!.slice(1).map(Number) as [
    number,
    number,
    number,
    number,
  ];
  const signed = Buffer.concat([
    pdf.subarray(range[0], range[0] + range[1]),
    pdf.subarray(range[2], range[2] + range[3]),
  ]);
  const hex = pdf.subarray(range[0] + range[1] + 1, range[2] - 1).toString('latin1');
  writeFileSync(join(dir, 'content.bin'), signed);
  // The placeholder is zero-padded: openssl reads the DER and ignores what follows it.
  writeFileSync(join(dir, 'sig.der'), Buffer.from(hex, 'hex'));
  const run = spawnSync(
    'openssl',
    [
      'cms',
      '-verify',
      '-inform',
      'DER',
      '-in',
      join(dir, 'sig.der'),
      '-content',
      join(dir, 'content.bin'),
      '-binary',
      '-CAfile',
      platform.certFile,
      '-purpose',
      'any',
      '-out',
      '/dev/null',
    ],
    { encoding: 'utf8' },
  );
  return run.status === 0;
}

describe('the prescription PDF signed with the platform certificate', () => {
  it('is valid for pdfsig and openssl, and still reads as the prescription', async () => {
    const signed = await signer.sign(await prescriptionPdf(SAMPLE_PRESCRIPTION), INFO);
    const report = pdfsig(signed);
    expect(report).toContain('Signature Validation: Signature is Valid.');
    expect(report).toContain('Plateforme de teleconsultation (test)');
    expect(opensslVerifies(signed)).toBe(true);
    expect(pdfTexts(signed).join('\n')).toContain(SAMPLE_PRESCRIPTION.number);
  });

  it('one byte changed in the signed content breaks it', async () => {
    const signed = await signer.sign(await prescriptionPdf(SAMPLE_PRESCRIPTION), INFO);
    expect(pdfsig(signed)).toContain('Signature is Valid.'); // the signer signs again and again
    // One byte of the document information's title (inside the signed ranges), changed.
    const tampered = Buffer.from(signed);
    const index = signed.indexOf('/Title');
    expect(index).toBeGreaterThan(0);
    tampered[index + 10]! ^= 0x01;
    expect(pdfsig(tampered)).toMatch(/Signature is Invalid|Digest Mismatch/);
    expect(opensslVerifies(tampered)).toBe(false);
  });

  it("names a key that is not the certificate's, a missing half, and unreadable files", () => {
    const other = throwawayCertificate('other');
    expect(() =>
      PdfSigner.fromPem(readFileSync(platform.certFile, 'utf8'), readFileSync(other.keyFile, 'utf8')),
    ).toThrow(/the key is not the certificate's/);
    expect(() => pdfSignerFromEnv({ PLATFORM_SIGNING_CERT: platform.certFile })).toThrow(/set both/);
    expect(() =>
      pdfSignerFromEnv({ PLATFORM_SIGNING_CERT: join(dir, 'nope.crt'), PLATFORM_SIGNING_KEY: platform.keyFile }),
    ).toThrow(/nope\.crt: cannot be read \(ENOENT\)/);
    expect(() => PdfSigner.fromPem('hello', 'hello')).toThrow(/not a PEM certificate/);
    expect(pdfSignerFromEnv({})).toBeNull();
  });
});

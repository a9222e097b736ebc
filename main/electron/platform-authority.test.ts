import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { makeTestAuthority, makeTestCertificate } from '../../http/testing/test-certificate';
import type { CertificateLike } from './electron-api';
import {
  ERR_CERT_AUTHORITY_INVALID,
  trustPlatformAuthority,
  VERIFY_ACCEPT,
  VERIFY_USE_CHROMIUM,
} from './platform-authority';
import { FakeSession } from './testing/fake-electron';

/** Real certificates from openssl, handed to the verify proc the way Chromium presents them. */
describe('trustPlatformAuthority (Electron certificate verify proc)', () => {
  const dir = mkdtempSync(join(tmpdir(), 'kiosk-electron-ca-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  const pem = (file: string) => readFileSync(file, 'utf8');
  const ca = makeTestAuthority(dir, { name: 'Pharmacy Chain Root', file: 'root' });
  const intermediate = makeTestAuthority(dir, { name: 'Pharmacy Chain Issuing', file: 'inter', issuer: ca });
  const other = makeTestAuthority(dir, { name: 'Unrelated CA', file: 'other' });
  const leaf = (name: string, issuer = ca, file = name) =>
    pem(makeTestCertificate(dir, { name, ips: ['10.0.0.5'], issuer, file }).certFile);
  const platformLeaf = leaf('platform.pharmacy.test');

  const verify = (hostname: string, certificate: CertificateLike, errorCode = ERR_CERT_AUTHORITY_INVALID) => {
    const session = new FakeSession();
    trustPlatformAuthority(session, {
      authorities: [pem(ca.certFile)],
      platformHosts: ['platform.pharmacy.test', '10.0.0.5'],
    });
    let answer: number | undefined;
    session.verifyProc!(
      { hostname, certificate, errorCode, verificationResult: 'net::ERR_CERT_AUTHORITY_INVALID' },
      (r) => {
        answer = r;
      },
    );
    return answer;
  };

  it('accepts the platform certificate the configured CA issued, by name or IP address', () => {
    expect(verify('platform.pharmacy.test', { data: platformLeaf })).toBe(VERIFY_ACCEPT);
    expect(verify('10.0.0.5', { data: platformLeaf })).toBe(VERIFY_ACCEPT);
    // The server may send the root along: the chain still ends at the configured authority.
    expect(verify('platform.pharmacy.test', { data: platformLeaf, issuerCert: { data: pem(ca.certFile) } })).toBe(
      VERIFY_ACCEPT,
    );
  });

  it('accepts a certificate from an intermediate the server sends, issued by the CA', () => {
    const viaIntermediate = leaf('platform.pharmacy.test', intermediate, 'via-inter');
    expect(
      verify('platform.pharmacy.test', { data: viaIntermediate, issuerCert: { data: pem(intermediate.certFile) } }),
    ).toBe(VERIFY_ACCEPT);
    // Without the intermediate the chain does not reach the CA.
    expect(verify('platform.pharmacy.test', { data: viaIntermediate })).toBe(VERIFY_USE_CHROMIUM);
  });

  it("keeps Chromium's verdict for another issuer, another name, another host or another error", () => {
    expect(verify('platform.pharmacy.test', { data: leaf('platform.pharmacy.test', other, 'other-leaf') })).toBe(
      VERIFY_USE_CHROMIUM,
    );
    expect(verify('platform.pharmacy.test', { data: leaf('elsewhere.test', ca) })).toBe(VERIFY_USE_CHROMIUM);
    expect(verify('elsewhere.test', { data: leaf('elsewhere.test', ca, 'elsewhere-2') })).toBe(VERIFY_USE_CHROMIUM);
    expect(verify('platform.pharmacy.test', { data: platformLeaf }, -201 /* ERR_CERT_DATE_INVALID */)).toBe(
      VERIFY_USE_CHROMIUM,
    );
    expect(verify('platform.pharmacy.test', { data: platformLeaf }, 0)).toBe(VERIFY_USE_CHROMIUM);
    expect(verify('platform.pharmacy.test', { data: 'not a certificate' })).toBe(VERIFY_USE_CHROMIUM);
  });

  it('refuses a chain whose "intermediate" is not a CA (a leaf signing another leaf)', () => {
    const leafKey = makeTestCertificate(dir, { name: 'platform.pharmacy.test', issuer: ca, file: 'signer' });
    const forged = leaf('platform.pharmacy.test', leafKey, 'forged');
    expect(verify('platform.pharmacy.test', { data: forged, issuerCert: { data: pem(leafKey.certFile) } })).toBe(
      VERIFY_USE_CHROMIUM,
    );
  });

  it('refuses the certificate once it has expired', () => {
    const session = new FakeSession();
    trustPlatformAuthority(session, {
      authorities: [pem(ca.certFile)],
      platformHosts: ['platform.pharmacy.test'],
      now: () => new Date(Date.now() + 3 * 24 * 3600 * 1000),
    });
    let answer: number | undefined;
    session.verifyProc!(
      {
        hostname: 'platform.pharmacy.test',
        certificate: { data: platformLeaf },
        errorCode: ERR_CERT_AUTHORITY_INVALID,
        verificationResult: '',
      },
      (r) => (answer = r),
    );
    expect(answer).toBe(VERIFY_USE_CHROMIUM);
  });
});

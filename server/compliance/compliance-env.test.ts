import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { makeTestCertificate } from '../../http/testing/test-certificate';
import { COMPLIANCE_ENV as E, ePrescriptionFromEnv, mssanteFromEnv } from './compliance-env';

const dir = mkdtempSync(join(tmpdir(), 'compliance-env-'));
const cert = makeTestCertificate(dir, { name: 'platform.test' });

describe('e-prescription and MSSanté configuration', () => {
  it('is off unless set, and refuses what would send health data badly', () => {
    expect(ePrescriptionFromEnv({})).toBeNull();
    expect(mssanteFromEnv({})).toBeNull();
    expect(() => ePrescriptionFromEnv({ [E.ePrescriptionUrl]: 'http://service.test/' })).toThrow(/must be https/);
    expect(() =>
      ePrescriptionFromEnv({ [E.ePrescriptionUrl]: 'https://service.test/', [E.ePrescriptionCert]: cert.certFile }),
    ).toThrow(/set both, or neither/);
    expect(() => mssanteFromEnv({ [E.mssanteSmtp]: 'mail.example:25' })).toThrow(/expected smtps/);
    expect(() => mssanteFromEnv({ [E.mssanteSmtp]: 'smtps://mssante.example:465' })).toThrow(/also set/);
    expect(() =>
      mssanteFromEnv({
        [E.mssanteSmtp]: 'smtps://mssante.example:465',
        [E.mssanteCert]: join(dir, 'missing.pem'),
        [E.mssanteKey]: cert.keyFile,
        [E.mssanteFrom]: 'a@b.mssante.fr',
      }),
    ).toThrow(/PLATFORM_MSSANTE_CERT: cannot read .*ENOENT/);
    const ok = mssanteFromEnv({
      [E.mssanteSmtp]: 'smtp://mssante.example:587',
      [E.mssanteCert]: cert.certFile,
      [E.mssanteKey]: cert.keyFile,
      [E.mssanteFrom]: 'teleconsultation@platform.mssante.fr',
    });
    expect(ok?.isMssanteAddress('dr.x@medecin.mssante.fr')).toBe(true);
    ok?.close();
  });
});

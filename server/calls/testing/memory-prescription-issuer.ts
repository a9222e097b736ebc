import { randomBytes } from 'node:crypto';
import type { Clock } from '../../../common/util/clock';
import { PrescriptionSeal } from '../../prescriptions/prescription-seal';
import { memorySequence } from '../../records/prescription-sequence';
import { PrescriptionIssuer } from '../prescription-issuer';

/** A prescription issuer for tests of the calls: in memory, a random key, `https://p/verify` links. */
export function memoryPrescriptionIssuer(clock: Clock): PrescriptionIssuer {
  return new PrescriptionIssuer({
    sequence: memorySequence(),
    logFile: null,
    verifyBaseUrl: 'https://p/verify',
    seal: new PrescriptionSeal(randomBytes(32)),
    clock,
  });
}

import { randomBytes } from 'node:crypto';
import type { Clock } from '../../../common/util/clock';
import { PrescriptionSeal } from '../../prescriptions/prescription-seal';
import { PrescriptionStore } from '../../prescriptions/prescription-store';
import { memorySequence } from '../../records/prescription-sequence';
import { IN_MEMORY_RECORDS, openRecordsDatabase } from '../../records/records-database';
import { PrescriptionIssuer } from '../prescription-issuer';

/** A prescription issuer for tests of the calls: in memory, a random key, `https://p/verify` links. */
export function memoryPrescriptionIssuer(clock: Clock): PrescriptionIssuer {
  return new PrescriptionIssuer({
    sequence: memorySequence(),
    store: new PrescriptionStore(openRecordsDatabase(IN_MEMORY_RECORDS)),
    verifyBaseUrl: 'https://p/verify',
    seal: new PrescriptionSeal(randomBytes(32)),
    clock,
  });
}

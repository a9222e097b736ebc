import { openPlatformStores } from '../../platform-stores';
import { IN_MEMORY_RECORDS } from '../../records/records-database';
import { ReadGate, type ReadGateDeps } from '../read-gate';

/** A read gate on an in-memory database, with its participants, shares and access log to set and read. */
export function memoryReadGate(identify: ReadGateDeps['identify'], now?: () => number) {
  const stores = openPlatformStores(IN_MEMORY_RECORDS, now);
  return { ...stores, reads: new ReadGate({ identify, access: stores.access, log: stores.accessLog }) };
}

import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { setLogLevel } from '../../../common/util/logger';
import { KioskStore } from '../../db/kiosk-store';
import { HttpRecordsTransport } from '../records-transport';
import { SyncClient } from '../sync-client';
import { PlatformCredential } from '../../platform-credential';

/**
 * The start shared by the kiosk processes that fault harnesses spawn (kiosk-writer-child.ts,
 * bench/faults/disk-full-child.ts): reads `--data-dir`, `--credential-file`, `--platform` and
 * `--writes`, silences the logs (stdout carries the child's report lines), opens the store in the
 * data dir and builds its sync client to the platform, not yet started.
 */
export function openChildKiosk() {
  const { values } = parseArgs({
    options: {
      'data-dir': { type: 'string' },
      'credential-file': { type: 'string' },
      platform: { type: 'string' },
      writes: { type: 'string', default: '40' },
    },
  });
  setLogLevel('silent');
  const dataDir = values['data-dir']!;
  const storage = { dataDir, keyFile: join(dataDir, 'store.key') };
  const store = KioskStore.openInDataDir(storage);
  const client = new SyncClient({
    outbox: store.outbox,
    transport: new HttpRecordsTransport({
      platformUrl: values.platform!,
      credential: new PlatformCredential(values['credential-file']!),
    }),
    batchSize: 16,
    backoff: { initialMs: 5, maxMs: 50 },
    idlePollMs: 1000,
  });
  return {
    storage,
    store,
    client,
    writes: Number(values.writes),
    /** One report line on stdout (pipe writes are synchronous on Linux: the parent sees it before any kill). */
    say: (line: string) => void process.stdout.write(`${line}\n`),
  };
}
